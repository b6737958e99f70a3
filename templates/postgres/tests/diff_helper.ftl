<#-- @ftlvariable name="" type="dev.specgen.testgen.ViewStep.DiffHelper" -->
-- rows of query a missing from b, plus rows of b missing from a, duplicates counted: 0 when both hold the same rows
CREATE OR REPLACE FUNCTION pg_temp.specgen_diff(a text, b text) RETURNS bigint
LANGUAGE plpgsql AS $specgen$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM ((%s EXCEPT ALL %s) UNION ALL (%s EXCEPT ALL %s)) AS d', a, b, b, a) INTO n;
    RETURN n;
END;
$specgen$;
