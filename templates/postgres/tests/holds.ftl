<#-- @ftlvariable name="" type="dev.specgen.testgen.ViewAssertion.Holds" -->
SELECT ok(coalesce((${condition}), false), ${descriptionLiteral});
