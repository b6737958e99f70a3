<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.Seeded" -->
SELECT lives_ok(${callLiteral}, ${descriptionLiteral});
