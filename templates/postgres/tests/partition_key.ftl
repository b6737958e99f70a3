<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.PartitionKey" -->
SELECT "is"(pg_get_partkeydef(to_regclass(${relationLiteral})), ${expectedLiteral}, ${descriptionLiteral});
