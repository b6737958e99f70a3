<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.SeedGate" -->
-- the seeded tests write rows (rolled back, but ANALYZE statistics and dead tuples stay until VACUUM), so they run
-- only on empty tables, and not at all when the session sets specgen.seeded_tests = off (specgen verify --in-place
-- does); otherwise each reports "ok N # SKIP <why>"
DO $${tag}$
BEGIN
    PERFORM set_config('specgen.skip_seeded', CASE
        WHEN current_setting('specgen.seeded_tests', true) = 'off' THEN 'seeded tests turned off (specgen.seeded_tests = off)'
<#list whenLines as line>
        ${line}
</#list>
        ELSE '' END, true);
END
$${tag}$;
CREATE OR REPLACE FUNCTION pg_temp.specgen_seeding() RETURNS boolean
LANGUAGE sql AS $$ SELECT current_setting('specgen.skip_seeded') = '' $$;
SELECT skip(current_setting('specgen.skip_seeded'), ${gated}) WHERE NOT pg_temp.specgen_seeding();
