<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.PartitionsAre" -->
SELECT partitions_are(${schemaLiteral}, ${tableLiteral}, ${partitionsArray}, ${descriptionLiteral});
