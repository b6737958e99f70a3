<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.SearchPath" -->
-- the schema under test first, then the session's search_path: the runner put the TAP functions there (pgTAP's
-- schema under pg_prove, specgen's own schema for the run under specgen verify)
DO $${tag}$ BEGIN PERFORM set_config('search_path', ${prefixLiteral} || current_setting('search_path'), true); END $${tag}$;
