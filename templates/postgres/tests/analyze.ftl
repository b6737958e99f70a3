<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.Analyze" -->
DO $${tag}$ BEGIN IF pg_temp.specgen_seeding() THEN ANALYZE ${qualified}; END IF; END $${tag}$;
