<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.PartitionKey" -->
<#if skip.sometimes>
SELECT CASE WHEN ${skip.when} THEN skip(${skip.whyLiteral}, 1)
            ELSE "is"(pg_get_partkeydef(to_regclass(${relationLiteral})), ${expectedLiteral}, ${descriptionLiteral}) END;
<#else>
SELECT "is"(pg_get_partkeydef(to_regclass(${relationLiteral})), ${expectedLiteral}, ${descriptionLiteral});
</#if>
