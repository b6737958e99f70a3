<#-- @ftlvariable name="" type="dev.specgen.testgen.ViewAssertion.FunctionExists" -->
SELECT ok(to_regprocedure(${signatureLiteral}) IS NOT NULL, ${descriptionLiteral});
