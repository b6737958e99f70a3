<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.PartitionBound" -->
<#if skip.sometimes>
SELECT CASE WHEN ${skip.when} THEN skip(${skip.whyLiteral}, 1)
            ELSE "is"((SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_catalog.pg_class AS c WHERE c.oid = to_regclass(${relationLiteral})),
                      ${expected}, ${descriptionLiteral}) END;
<#else>
SELECT "is"((SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_catalog.pg_class AS c WHERE c.oid = to_regclass(${relationLiteral})),
            ${expected}, ${descriptionLiteral});
</#if>
