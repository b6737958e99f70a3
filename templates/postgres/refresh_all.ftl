<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.RefreshAll" -->
-- refreshes every materialized view of the schema in dependency order (a view after the views it reads)
CREATE OR REPLACE FUNCTION ${function}() RETURNS TABLE (view_name text, rows_changed bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $${tag}$
BEGIN
<#list viewNames as name>
    view_name := ${name};
    rows_changed := ${refreshes[name?index]}();
    RETURN NEXT;
</#list>
END
$${tag}$;
