<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.Pruning" -->
SELECT "is"(pg_temp.specgen_scanned(${queryLiteral}),
            ${expected}, ${descriptionLiteral});
