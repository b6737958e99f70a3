<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.RefreshIfStale" -->
-- refreshes when the last refresh is ${interval?replace("'", "")} old or more (or there was none); NULL when it is not due
CREATE OR REPLACE FUNCTION ${function}() RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $${tag}$
BEGIN
    IF EXISTS (SELECT 1 FROM ${state} AS s
                WHERE s.view_name = ${viewName}
                  AND s.last_refresh > clock_timestamp() - ${interval}::interval) THEN
        RETURN NULL;
    END IF;
    RETURN ${refresh}();
END
$${tag}$;
