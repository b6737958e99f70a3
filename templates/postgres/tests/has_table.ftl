<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.HasTable" -->
SELECT has_table(${schemaLiteral}, ${tableLiteral}, ${descriptionLiteral});
