<#-- @ftlvariable name="" type="dev.specgen.testgen.PerformanceAssertion.TimeBudget" -->
SELECT performs_within(${queryLiteral}, ${half}, ${half}, ${iterations}, ${descriptionLiteral});
