<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.HealthRows" -->
SELECT "is"((SELECT count(*) FROM ${function}() AS h WHERE h.table_name = ${qualifiedLiteral}), ${expected}, ${descriptionLiteral});
