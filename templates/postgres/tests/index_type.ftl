<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.IndexType" -->
SELECT index_is_type(${schemaLiteral}, ${tableLiteral}, ${indexLiteral}, ${methodLiteral}, ${descriptionLiteral});
