<#-- @ftlvariable name="" type="dev.specgen.plan.MaintenanceObject.HealthOfSchema" -->
-- Health of every table of this schema and each of their partitions (the columns as above)
CREATE OR REPLACE FUNCTION ${function}()
RETURNS TABLE (table_name text, relation text, level integer, is_leaf boolean, is_default boolean,
    live_tuples bigint, dead_tuples bigint, dead_pct numeric, updates bigint, hot_update_pct numeric,
    seq_scan bigint, idx_scan bigint, table_bytes bigint, index_bytes bigint, fillfactor integer,
    unused_indexes text[], duplicate_indexes text[], rows_in_default bigint, runway interval,
    partition_interval interval, premake integer)
LANGUAGE sql STABLE
<#list settings as setting>
SET ${setting}
</#list>
AS $specgen$
SELECT * FROM ${function}(NULL::text)
$specgen$;
