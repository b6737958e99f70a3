<#-- @ftlvariable name="" type="dev.specgen.testgen.PerformanceAssertion.Skip" -->
SELECT ok(true, ${descriptionLiteral});
