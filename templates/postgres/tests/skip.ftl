<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.Skip" -->
SELECT ok(true, ${descriptionLiteral});
