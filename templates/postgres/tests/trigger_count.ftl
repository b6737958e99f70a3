<#-- @ftlvariable name="" type="dev.specgen.testgen.ViewAssertion.TriggerCount" -->
SELECT "is"((SELECT count(*) FROM pg_catalog.pg_trigger AS g WHERE g.tgfoid = to_regproc(${functionLiteral})), ${expected}::bigint, ${descriptionLiteral});
