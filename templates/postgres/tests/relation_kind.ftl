<#-- @ftlvariable name="" type="dev.specgen.testgen.ViewAssertion.RelationKind" -->
SELECT ok(coalesce((SELECT c.relkind::text FROM pg_catalog.pg_class AS c WHERE c.oid = to_regclass(${relationLiteral})) = ${kindLiteral}, false), ${descriptionLiteral});
