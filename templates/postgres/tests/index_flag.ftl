<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.IndexFlag" -->
SELECT ok((SELECT x.${flag} FROM pg_catalog.pg_index AS x WHERE x.indexrelid = to_regclass(${indexLiteral})), ${descriptionLiteral});
