<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.HasIndex" -->
SELECT has_index(${schemaLiteral}, ${tableLiteral}, ${indexLiteral}, <#if withColumns>${columnsArray}, </#if>${descriptionLiteral});
