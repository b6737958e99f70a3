<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.ColumnNotNull" -->
SELECT col_not_null(${schemaLiteral}, ${tableLiteral}, ${columnLiteral}, ${descriptionLiteral});
