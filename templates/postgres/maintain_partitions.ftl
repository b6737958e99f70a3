<#-- @ftlvariable name="" type="dev.specgen.plan.MaintenanceObject.MaintainFunction" -->
<#list summaryLines as line>
-- ${line}
</#list>
CREATE OR REPLACE FUNCTION ${function}(p_now timestamptz DEFAULT now()) RETURNS integer
LANGUAGE plpgsql
<#list settings as setting>
SET ${setting}
</#list>
AS $${tag}$
DECLARE
    started timestamptz := clock_timestamp();
<#if byStep>
    current_start numeric;
    horizon numeric;
    bucket numeric;
<#else>
    current_start timestamp;
    horizon timestamp;
    bucket timestamp;
</#if>
    part text;
    lower_bound text;
    upper_bound text;
    moved bigint;
    moved_total bigint := 0;
    missing boolean;
    created text[] := '{}';
    detached text[] := '{}';
    dropped text[] := '{}';
BEGIN
    -- one call at a time: a second caller waits, then finds the work done
    PERFORM pg_advisory_xact_lock(${lockKey});
<#if byStep>
    -- the current partition is the one of the highest key (p_now plays no part in integer ranges)
    SELECT ${anchor} + floor((max(${key}) - ${anchor})::numeric / ${step}) * ${step} INTO current_start FROM ${parent};
    current_start := coalesce(current_start, ${anchor});
<#else>
    current_start := date_trunc(${truncUnit}, p_now AT TIME ZONE 'UTC');
</#if>
<#if hasRetention>
    -- retention first, before any lock on the DEFAULT partition, so that locks are taken parent first, as writers do
    horizon := ${retentionSql};
    FOR part, upper_bound IN
        SELECT c.relname::text, substring(pg_get_expr(c.relpartbound, c.oid) FROM ' TO \(''?([^'')]*)''?\)$')
          FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
         WHERE i.inhparent = ${parentLiteral}::regclass
         ORDER BY 1
    LOOP
        CONTINUE WHEN upper_bound IS NULL OR upper_bound = 'MAXVALUE';
<#if byStep>
        CONTINUE WHEN upper_bound::numeric > horizon;
<#else>
        CONTINUE WHEN upper_bound::${keyType} > horizon::${keyType};
</#if>
<#if detach>
        EXECUTE format('ALTER TABLE %s DETACH PARTITION %I.%I', ${parentLiteral}, ${schemaLiteral}, part);
        detached := detached || part;
<#else>
        -- detached first: PostgreSQL refuses to drop a partition of a table another table's foreign key references
        -- (2BP01), not to detach one no row references
        EXECUTE format('ALTER TABLE %s DETACH PARTITION %I.%I', ${parentLiteral}, ${schemaLiteral}, part);
        EXECUTE format('DROP TABLE %I.%I', ${schemaLiteral}, part);
        dropped := dropped || part;
</#if>
    END LOOP;
<#else>
    horizon := NULL;
</#if>
<#if create>
    -- the partitions to have: the current one, premake after it, and those of rows sitting in the DEFAULT partition
    -- (not past retention); each is created standalone, filled, and attached with a CHECK that proves its bound, so
    -- that ATTACH (SHARE UPDATE EXCLUSIVE on the parent) does not scan it. Pass 1 only looks whether anything is
    -- missing; pass 2, if so, creates it
    LOCK TABLE ONLY ${parent} IN SHARE UPDATE EXCLUSIVE MODE;
    FOR pass IN 1..2 LOOP
        missing := false;
        FOR bucket IN
            SELECT g FROM generate_series(current_start, ${lastStart}, ${seriesStep}) AS g
<#if hasDefault>
            UNION
            SELECT ${bucketOfKey} FROM ONLY ${defaultPartition}
             WHERE ${bucketOfKey} < ${windowEnd}
               AND (horizon IS NULL OR ${bucketOfKey} >= horizon)
</#if>
            ORDER BY 1
        LOOP
            part := ${partName};
            lower_bound := ${lowerBound};
            upper_bound := ${upperBound};
            CONTINUE WHEN EXISTS (SELECT 1 FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
                                   WHERE i.inhparent = ${parentLiteral}::regclass AND c.relname = part);
            IF octet_length(part) > 63 THEN
                RAISE EXCEPTION 'partition name % is longer than 63 bytes', part;
            END IF;
            IF to_regclass(format('%I.%I', ${schemaLiteral}, part)) IS NOT NULL THEN
                RAISE EXCEPTION 'table %.% exists but is not a partition of %', ${schemaLiteral}, part, ${parentLiteral}
                    USING HINT = 'rename or drop it (a partition detached by retention keeps its name)';
            END IF;
            IF pass = 1 THEN
                missing := true;
                EXIT;
            END IF;
            EXECUTE format(${createFormat}, ${schemaLiteral}, part);
            EXECUTE format(${checkFormat}, ${schemaLiteral}, part, lower_bound, upper_bound);
<#list subPartitions as sub>
            EXECUTE format(${sub.createFormat}, ${schemaLiteral}, part, ${sub.nameSql});
</#list>
<#if replicaIdentity?has_content>
            -- the DDL's replica identity, which CREATE TABLE ... LIKE does not copy
            EXECUTE format('ALTER TABLE %1$I.%2$I REPLICA IDENTITY ${replicaIdentity}', ${schemaLiteral}, part);
<#list subPartitions as sub>
            EXECUTE format('ALTER TABLE %1$I.%2$I REPLICA IDENTITY ${replicaIdentity}', ${schemaLiteral}, ${sub.nameSql});
</#list>
</#if>
<#if hasDefault>
            EXECUTE format(${moveFormat}, ${schemaLiteral}, part, lower_bound, upper_bound);
            GET DIAGNOSTICS moved = ROW_COUNT;
            moved_total := moved_total + moved;
</#if>
            EXECUTE format(${attachFormat}, ${schemaLiteral}, part, lower_bound, upper_bound);
            EXECUTE format('ALTER TABLE %I.%I DROP CONSTRAINT specgen_bound', ${schemaLiteral}, part);
            created := created || part;
        END LOOP;
        EXIT WHEN NOT missing;
<#if hasDefault>
        -- from here until commit no row may be inserted through the parent, and none may enter the DEFAULT
        -- partition, so that ATTACH finds none of the new partitions' rows there; pass 2 looks again, since rows may
        -- have arrived meanwhile. The parent's lock matters too: an INSERT that got past it routes with the
        -- partitions it saw, so a row for a partition attached meanwhile would fail DEFAULT's new constraint
        -- ("violates partition constraint") instead of going to the new partition. Reads go on
        LOCK TABLE ONLY ${parent} IN SHARE ROW EXCLUSIVE MODE;
        LOCK TABLE ONLY ${defaultPartition} IN ACCESS EXCLUSIVE MODE;
</#if>
    END LOOP;
</#if>
    IF cardinality(created) + cardinality(detached) + cardinality(dropped) > 0 OR moved_total > 0 THEN
        INSERT INTO ${log} (table_name, p_now, started_at, duration_ms, created, moved_rows, detached, dropped)
        VALUES (${parentLiteral}, p_now, started, round(extract(epoch FROM clock_timestamp() - started) * 1000, 3),
                created, moved_total, detached, dropped);
    END IF;
    RETURN cardinality(created) + cardinality(detached) + cardinality(dropped);
END
$${tag}$;
