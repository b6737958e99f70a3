<#-- @ftlvariable name="" type="dev.specgen.testgen.ViewAssertion.LivesOk" -->
SELECT lives_ok(${sqlLiteral}, ${descriptionLiteral});
