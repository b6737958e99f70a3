<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.ColumnType" -->
SELECT col_type_is(${schemaLiteral}, ${tableLiteral}, ${columnLiteral}, ${typeLiteral}, ${descriptionLiteral});
