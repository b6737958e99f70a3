<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.PartitionsAre" -->
<#if skip.sometimes>
SELECT CASE WHEN ${skip.when} THEN skip(${skip.whyLiteral}, 1)
            ELSE partitions_are(${schemaLiteral}, ${tableLiteral}, ${partitionsArray}, ${descriptionLiteral}) END;
<#else>
SELECT partitions_are(${schemaLiteral}, ${tableLiteral}, ${partitionsArray}, ${descriptionLiteral});
</#if>
