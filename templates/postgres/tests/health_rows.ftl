<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.HealthRows" -->
SELECT "is"((SELECT count(*) FROM ${function}(${qualifiedLiteral}) AS h), ${expected}, ${descriptionLiteral});
