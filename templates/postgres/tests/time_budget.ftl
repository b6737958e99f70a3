<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.TimeBudget" -->
SELECT performs_within(${queryLiteral}, ${half}, ${half}, ${iterations}, ${descriptionLiteral});
