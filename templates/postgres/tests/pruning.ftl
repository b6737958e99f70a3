<#-- @ftlvariable name="" type="dev.specgen.testgen.PerformanceAssertion.Pruning" -->
SELECT "is"(pg_temp.specgen_scanned(${queryLiteral}),
            ${expected}, ${descriptionLiteral}) WHERE pg_temp.specgen_seeding();
