<#-- @ftlvariable name="" type="dev.specgen.testgen.PerformanceAssertion.TimeBudget" -->
SELECT performs_within(${queryLiteral}, ${half}, ${half}, ${iterations}, ${descriptionLiteral}) WHERE pg_temp.specgen_seeding();
