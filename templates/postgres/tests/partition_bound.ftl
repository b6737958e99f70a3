<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.PartitionBound" -->
SELECT "is"((SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_catalog.pg_class AS c WHERE c.oid = to_regclass(${relationLiteral})),
            ${expected}, ${descriptionLiteral});
