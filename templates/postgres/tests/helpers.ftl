<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.Helpers" -->
-- plan readers: EXPLAIN (FORMAT JSON) of a query; the relations it scans, sorted in byte order (any collation);
-- its scan nodes as EXPLAIN prints them, and whether it reads through an index without a Seq Scan
CREATE OR REPLACE FUNCTION pg_temp.specgen_plan(q text) RETURNS jsonb
LANGUAGE plpgsql AS $specgen$
DECLARE
    p jsonb;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO p;
    RETURN p;
END;
$specgen$;

CREATE OR REPLACE FUNCTION pg_temp.specgen_scanned(q text) RETURNS text[]
LANGUAGE sql AS $specgen$
    SELECT ARRAY(
        SELECT rel
          FROM (SELECT DISTINCT r #>> '{}' AS rel
                  FROM jsonb_path_query(pg_temp.specgen_plan(q), '$.**."Relation Name"') AS r) AS d
         ORDER BY rel COLLATE "C");
$specgen$;

CREATE OR REPLACE FUNCTION pg_temp.specgen_index_scans(q text, idx text[], OUT index_used boolean, OUT found text)
LANGUAGE sql AS $specgen$
    -- idx: the indexes that may serve q (on a partitioned table, their indexes on the partitions count too)
    SELECT coalesce(bool_or(node IN ('Index Scan', 'Index Only Scan', 'Bitmap Index Scan')
                            AND index_name IN (
                                -- looked up by oid: a scan of pg_class here grew with the whole database
                                SELECT (SELECT c.relname::text FROM pg_catalog.pg_class AS c WHERE c.oid = r.oid)
                                  FROM unnest(idx) AS x(name),
                                       LATERAL (SELECT to_regclass(x.name) AS oid
                                                UNION
                                                SELECT t.relid FROM pg_partition_tree(to_regclass(x.name)) AS t) AS r
                                 WHERE r.oid IS NOT NULL)),
                    false)
           AND NOT coalesce(bool_or(node = 'Seq Scan'), false),
           coalesce(string_agg(scan, chr(10) || '           ' ORDER BY scan COLLATE "C"), 'no scan')
      FROM (SELECT DISTINCT n ->> 'Node Type' AS node, n ->> 'Index Name' AS index_name,
                   (n ->> 'Node Type')
                   || coalesce(' using ' || (n ->> 'Index Name') || ' on ' || (n ->> 'Relation Name'),
                               ' on ' || (n ->> 'Relation Name'), ' using ' || (n ->> 'Index Name'), '') AS scan
              FROM jsonb_path_query(pg_temp.specgen_plan(q), '$.** ? (exists (@."Node Type"))') AS n
             WHERE n ->> 'Node Type' LIKE '%Scan') AS s;
$specgen$;
