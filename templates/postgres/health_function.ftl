<#-- @ftlvariable name="" type="dev.specgen.plan.MaintenanceObject.HealthFunction" -->
-- Health of this schema's tables and each of their partitions (those maintenance made too), read by
-- `specgen health`: tuples, dead %, HOT updates, scans, sizes, fillfactor, unused and duplicate indexes, rows in
-- DEFAULT partitions, and the runway of RANGE partitioning on a date or time key (until the last partition ends).
-- only_table: one table ('schema.table', as table_name spells it), or NULL for all of them. Every catalog and
-- statistics row is looked up by oid, so one table costs the same however big the database is
CREATE OR REPLACE FUNCTION ${function}(only_table text)
RETURNS TABLE (table_name text, relation text, level integer, is_leaf boolean, is_default boolean,
    live_tuples bigint, dead_tuples bigint, dead_pct numeric, updates bigint, hot_update_pct numeric,
    seq_scan bigint, idx_scan bigint, table_bytes bigint, index_bytes bigint, fillfactor integer,
    unused_indexes text[], duplicate_indexes text[], rows_in_default bigint, runway interval,
    partition_interval interval, premake integer)
LANGUAGE sql STABLE
<#list settings as setting>
SET ${setting}
</#list>
AS $${tag}$
WITH tables (schema_name, table_name, key_tz, partition_interval, premake) AS (
    VALUES
<#list rows as row>
        ${row}<#sep>,</#sep>
</#list>
), tree AS (
    SELECT t.*, p.relid, p.isleaf, p.level
      FROM tables t
     CROSS JOIN LATERAL (SELECT to_regclass(format('%I.%I', t.schema_name, t.table_name)) AS r) x
     -- a plain table has no partition tree: it is its own only row
     CROSS JOIN LATERAL (SELECT pt.relid, pt.isleaf, pt.level FROM pg_partition_tree(x.r) pt
                         UNION ALL
                         SELECT x.r, true, 0 WHERE x.r IS NOT NULL AND NOT EXISTS (SELECT FROM pg_partition_tree(x.r))) p
     WHERE only_table IS NULL OR format('%I.%I', t.schema_name, t.table_name) = only_table
)
SELECT format('%I.%I', tr.schema_name, tr.table_name),
       format('%I.%I', n.nspname, c.relname),
       tr.level,
       tr.isleaf,
       coalesce(pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', false),
       s.n_live_tup,
       s.n_dead_tup,
       round(100.0 * s.n_dead_tup / nullif(s.n_live_tup + s.n_dead_tup, 0), 1),
       s.n_tup_upd,
       round(100.0 * s.n_tup_hot_upd / nullif(s.n_tup_upd, 0), 1),
       s.seq_scan,
       s.idx_scan,
       pg_table_size(tr.relid),
       pg_indexes_size(tr.relid),
       (SELECT o.option_value::integer FROM pg_options_to_table(c.reloptions) o WHERE o.option_name = 'fillfactor'),
       ARRAY(SELECT ui.indexrelname::text
               FROM pg_stat_user_indexes ui
               JOIN pg_index x ON x.indexrelid = ui.indexrelid
              WHERE ui.relid = tr.relid AND ui.idx_scan = 0 AND NOT x.indisunique
              ORDER BY 1),
       ARRAY(SELECT ia.relname::text || ' = ' || ib.relname::text
               FROM pg_index a
               JOIN pg_index b ON b.indrelid = a.indrelid AND a.indexrelid < b.indexrelid
                AND a.indkey = b.indkey AND a.indclass = b.indclass
                AND coalesce(pg_get_expr(a.indexprs, a.indrelid), '') = coalesce(pg_get_expr(b.indexprs, b.indrelid), '')
                AND coalesce(pg_get_expr(a.indpred, a.indrelid), '') = coalesce(pg_get_expr(b.indpred, b.indrelid), '')
               JOIN pg_class ia ON ia.oid = a.indexrelid
               JOIN pg_class ib ON ib.oid = b.indexrelid
              WHERE a.indrelid = tr.relid
              ORDER BY 1),
       -- counted, not estimated: a DEFAULT partition should be empty, and statistics lag
       CASE WHEN pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT' THEN (xpath('/row/n/text()', query_to_xml(
            format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint END,
       -- the latest upper bound of the first-level partitions; date and timestamp bounds are UTC
       CASE WHEN tr.level = 0 AND tr.key_tz IS NOT NULL THEN (
            SELECT max(CASE WHEN tr.key_tz THEN b.upper::timestamptz ELSE b.upper::timestamp AT TIME ZONE 'UTC' END)
              FROM pg_inherits i
              JOIN pg_class k ON k.oid = i.inhrelid
             CROSS JOIN LATERAL (SELECT substring(pg_get_expr(k.relpartbound, k.oid) FROM 'TO [(]''([^'']*)''[)]')
                    AS upper) b
             WHERE i.inhparent = tr.relid AND b.upper IS NOT NULL) - now() END,
       tr.partition_interval,
       tr.premake
  FROM tree tr
  -- OFFSET 0 keeps each lookup a lookup by oid: joined freely, the planner hashes all of pg_class and the
  -- statistics of every table in the database
 CROSS JOIN LATERAL (SELECT * FROM pg_class c WHERE c.oid = tr.relid OFFSET 0) c
 CROSS JOIN LATERAL (SELECT * FROM pg_namespace n WHERE n.oid = c.relnamespace OFFSET 0) n
  LEFT JOIN LATERAL (SELECT * FROM pg_stat_user_tables s WHERE s.relid = tr.relid OFFSET 0) s ON true
 ORDER BY 1, 3, 2
$${tag}$;
