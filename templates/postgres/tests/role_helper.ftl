<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.RoleHelper" -->
-- runs a query as another role and returns its value as text, or the error; the role is switched only inside, so
-- the pgTAP functions keep running as the session user
CREATE OR REPLACE FUNCTION pg_temp.specgen_as(r text, q text) RETURNS text
LANGUAGE plpgsql AS $specgen$
DECLARE
    v text;
BEGIN
    BEGIN
        PERFORM set_config('role', r, true);
        EXECUTE q INTO v;
        PERFORM set_config('role', 'none', true);
    EXCEPTION WHEN OTHERS THEN
        -- the failed block's role switch is undone with it
        RETURN 'ERROR: ' || SQLERRM || ' (' || SQLSTATE || ')';
    END;
    RETURN v;
END;
$specgen$;
