<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.ConstraintIs" -->
SELECT "is"((SELECT k.contype::text || CASE WHEN k.convalidated THEN '' ELSE ' not valid' END FROM pg_catalog.pg_constraint AS k WHERE k.conrelid = to_regclass(${tableLiteral}) AND k.conname = ${nameLiteral}), ${expectedLiteral}, ${descriptionLiteral});
