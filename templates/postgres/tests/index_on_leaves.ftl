<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.IndexOnLeaves" -->
SELECT "is"((SELECT count(*) FROM pg_partition_tree(to_regclass(${indexLiteral})) AS t WHERE t.isleaf), ${expected}, ${descriptionLiteral});
