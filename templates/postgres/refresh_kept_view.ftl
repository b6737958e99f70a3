<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.RefreshKeptView" -->
<#if hasMerge>
-- applies the pending changes of ${viewName?replace("'", "")} in one statement, or recomputes it in full when that is
-- required (first refresh, TRUNCATE, partitions attached or detached, a crash) or cheaper (pending changes above ${thresholdPercent} of
-- the source's rows); logs which and why. Returns the rows written; 0, without writing anything, when nothing is
-- pending<#if skipWhenBusy>; NULL at once when another refresh of the view is running<#else>. A second caller waits for the first to commit</#if>.
-- SET specgen.refresh_strategy = full or incremental overrides the choice (a full recompute that is required stays).
<#else>
-- ${viewName?replace("'", "")} is kept current by every write; this recomputes it when that cannot work: on the first
-- refresh and after partitions of its tables were attached or detached (returns the rows written; 0 otherwise<#if skipWhenBusy>,
-- NULL at once when another refresh of the view is running</#if>). SET specgen.refresh_strategy = full recomputes it anyway.
</#if>
CREATE OR REPLACE FUNCTION ${function}() RETURNS bigint
LANGUAGE plpgsql
<#list settings as setting>
SET ${setting}
</#list>
AS $${tag}$
DECLARE
    specgen_started timestamptz := clock_timestamp();
    specgen_parts text;
    specgen_known text;
    specgen_populated boolean;
    specgen_kept_rows bigint;
    specgen_net bigint;
    specgen_source_rows bigint;
    specgen_budget bigint;
    specgen_pending bigint;
    specgen_recompute bigint;
    specgen_groups bigint;
    specgen_strategy text := 'full';
    specgen_why text;
    specgen_changed bigint;
    specgen_leaf record;
    specgen_asked text := coalesce(current_setting('specgen.refresh_strategy', true), '');
<#if hasMerge>
    specgen_snap pg_snapshot;
    specgen_me xid8;
    specgen_sort text;
    specgen_work_mem text;
    specgen_nestloop text;
    specgen_single boolean := false;
<#if hasAddedOnly>
    specgen_added boolean := false;
</#if>
    specgen_emptied boolean;
    specgen_read bigint;
    specgen_adds boolean := false;
    specgen_fresh bigint;
    specgen_gone bigint;
</#if>
BEGIN
    IF specgen_asked NOT IN ('', 'full', 'incremental') THEN
        RAISE EXCEPTION 'specgen.refresh_strategy must be full or incremental (or not set), found "%"', specgen_asked
              USING ERRCODE = 'invalid_parameter_value';
    END IF;
<#if skipWhenBusy>
    IF NOT pg_try_advisory_xact_lock(${lockKey}) THEN
        RETURN NULL;
    END IF;
<#else>
    PERFORM pg_advisory_xact_lock(${lockKey});
</#if>
    SELECT s.partitions, s.groups, s.source_rows INTO specgen_known, specgen_groups, specgen_kept_rows
      FROM ${state} AS s WHERE s.view_name = ${viewName};
    specgen_populated := FOUND;
    specgen_parts := (${partitionsSql});
<#if hasMerge>
    IF NOT specgen_populated THEN
        specgen_why := 'first refresh: the view holds no rows yet';
    ELSIF specgen_parts IS DISTINCT FROM specgen_known THEN
        specgen_why := 'partitions of its tables were attached or detached since the last refresh';
    ELSIF NOT EXISTS (SELECT 1 FROM ${delta} AS d WHERE d.specgen_full = ${sentinel}) THEN
        -- the delta table is unlogged: a crash or a failover empties it, and with it the row a full refresh leaves
        specgen_why := 'its pending changes were lost with a crash or a failover (the delta table is unlogged)';
    ELSIF specgen_asked = 'full' THEN
        specgen_why := 'asked for: specgen.refresh_strategy = full';
    ELSE
        -- the reasons capture left (a TRUNCATE, more pending rows than capture_limit), if any: min and max are two
        -- probes of the partial index on specgen_full, where a LIMIT 1 with a filter was planned as a read of every
        -- pending row (the delta table's statistics predate them)
        SELECT coalesce(nullif(min(d.specgen_full), ${sentinel}), nullif(max(d.specgen_full), ${sentinel}))
          INTO specgen_why FROM ${delta} AS d WHERE d.specgen_full IS NOT NULL;
        IF specgen_why IS NULL THEN
            -- nothing pending: return before reading the catalog for the source's size
            IF NOT EXISTS (SELECT 1 FROM ${delta} AS d WHERE d.specgen_full IS NULL) THEN
                RETURN 0;
            END IF;
            -- a full recompute reads the whole fact table: pg_class.reltuples, or the rows the view counts
            specgen_source_rows := greatest((${sourceRowsSql}), specgen_kept_rows, 1000);
            -- more pending change rows than this and a full recompute is cheaper
            specgen_budget := ceil(specgen_source_rows * ${threshold})::bigint;
<#if packedCount?has_content>
            -- a packed delta row is one statement's change rows (specgen_rows of them): counted so, without unnesting
            -- its arrays, from at most budget + 1 delta rows, they may be more than the budget already, and then the
            -- exact count below (which reads every change row up to the budget) is not needed. Read with them: the
            -- net rows they add, and whether every one only adds rows (as many rows counted as captured: no update
            -- or delete pending)
            SELECT coalesce(sum(r.specgen_n), 0), count(*), coalesce(sum(r.specgen_c), 0), coalesce(bool_and(r.specgen_c = r.specgen_r), false)
              INTO specgen_pending, specgen_read, specgen_net, specgen_adds
              FROM (SELECT ${packedCount} AS specgen_n, d.specgen_count AS specgen_c, d.specgen_rows AS specgen_r
                      FROM ${delta} AS d
                     WHERE d.specgen_full IS NULL
                     LIMIT specgen_budget + 1) AS r;
            IF specgen_read <= specgen_budget THEN
                -- every pending row was read: a full recompute would read the source as it is now, the rows counted
                -- at the last refresh and the net rows pending (500,000 inserted rows are a third of 1.5M, not half of 1M)
                specgen_source_rows := greatest(specgen_source_rows, specgen_kept_rows + specgen_net);
                specgen_budget := ceil(specgen_source_rows * ${threshold})::bigint;
            END IF;
        END IF;
        IF specgen_why IS NULL AND specgen_read <= specgen_budget AND specgen_adds
           AND (specgen_asked = 'incremental' OR specgen_pending <= greatest(specgen_budget, ceil(specgen_source_rows * ${addedOnlyThreshold}))) THEN
            -- only added rows pending, all of them read above: that count is exact and none left a min/max, so the
            -- change rows are not unnested to be counted again. Such a merge costs per change row about what the full
            -- recompute costs per source row (at 50% new rows, 1M rows and 10,000 groups: 270 against 490 ms of CPU),
            -- so up to ${addedOnlyThresholdPercent} of the source's rows (or the threshold, if higher) it is applied incrementally
            specgen_recompute := 0;
            specgen_strategy := 'incremental';
            IF specgen_asked = 'incremental' THEN
                specgen_why := format('asked for: specgen.refresh_strategy = incremental (%s pending change rows, all of'
                              ' them added rows)', specgen_pending);
            ELSE
                specgen_why := format('%s pending change rows, all of them added rows, within %s of the %s source rows',
                              specgen_pending, CASE WHEN specgen_pending <= specgen_budget THEN ${thresholdLiteral} ELSE ${addedOnlyThresholdLiteral} END,
                              specgen_source_rows);
            END IF;
        ELSIF specgen_why IS NULL AND specgen_asked <> 'incremental' AND specgen_pending > specgen_budget THEN
            specgen_why := format('more than %s pending change rows (counted by statement) cost more than %s of the %s'
                          ' source rows', specgen_budget, ${thresholdLiteral}, specgen_source_rows);
        ELSIF specgen_why IS NULL THEN
</#if>
            SELECT count(*), count(*) FILTER (WHERE ${recomputeFilter}), coalesce(sum(p.specgen_count), 0)
              INTO specgen_pending, specgen_recompute, specgen_net
              FROM (SELECT * FROM ${deltaRows?replace("\n", "\n                    ")} AS d WHERE d.specgen_full IS NULL
                     LIMIT CASE WHEN specgen_asked = 'incremental' THEN NULL ELSE specgen_budget + 1 END) AS p;
            -- a value that left a group is its min or max about once per group size: ${extremes} such measures mean
<#if extremesIndexed>
            -- recompute * ${extremes} / group size recomputes, each reading one group (through an index)
<#else>
            -- recompute * ${extremes} / group size recomputes, each scanning the fact table (no index leads with the
            -- group keys): recompute * ${extremes} * groups rows
</#if>
            IF specgen_asked = 'incremental' THEN
                specgen_strategy := 'incremental';
                specgen_why := format('asked for: specgen.refresh_strategy = incremental (%s pending change rows, %s with values'
                              ' that left a min/max)', specgen_pending, specgen_recompute);
            ELSIF specgen_pending + specgen_recompute * ${extremes}<#if !extremesIndexed> * greatest(specgen_groups, 1)</#if> > specgen_budget THEN
                specgen_why := format('%s pending change rows (%s with values that left a min/max) cost more than %s of the %s'
                              ' source rows', CASE WHEN specgen_pending > specgen_budget THEN 'more than ' || specgen_budget ELSE specgen_pending::text END,
                              specgen_recompute, ${thresholdLiteral}, specgen_source_rows);
            ELSE
                specgen_strategy := 'incremental';
                specgen_why := format('%s pending change rows (%s with values that left a min/max), within %s of the %s'
                              ' source rows', specgen_pending, specgen_recompute, ${thresholdLiteral}, specgen_source_rows);
            END IF;
        END IF;
    END IF;
    IF specgen_strategy = 'incremental' THEN
        -- the merge applies the pending rows this snapshot sees (and this transaction's own), read straight from the
        -- delta table, and then deletes exactly those: rows committed meanwhile wait for the next refresh
        specgen_me := pg_current_xact_id();
        -- as many pending rows as groups or fewer: each may be a group of its own (every statement's rows spread over
        -- the groups, as 1% of new rows over 10,000 groups do); such rows are merged as they are, without sorting and
        -- summing them per group (which costs about as much as the merge itself)
<#if hasAddedOnly>
        -- and with no pending value that left a min/max (none counted above; checked again in the snapshot the merge
        -- applies, on the delta rows as stored) the merge has no recompute subqueries to plan: a min/max is the
        -- least/greatest of the kept one and the added ones
</#if>
        IF specgen_pending <= coalesce(specgen_groups, 0) THEN
            SELECT pg_current_snapshot(), NOT EXISTS (SELECT 1 FROM ${deltaRows?replace("\n", "\n                                                         ")} AS d
                                                        WHERE d.specgen_full IS NULL
                                                        GROUP BY ${groupList} HAVING count(*) > 1)<#if hasAddedOnly>,
                   specgen_recompute = 0 AND NOT EXISTS (SELECT 1 FROM ${delta} AS d
                                                          WHERE d.specgen_full IS NULL AND (${removesFilter}))</#if>
              INTO specgen_snap, specgen_single<#if hasAddedOnly>, specgen_added</#if>;
        ELSE
<#if hasAddedOnly>
            SELECT pg_current_snapshot(), specgen_recompute = 0 AND NOT EXISTS (SELECT 1 FROM ${delta} AS d
                                                                                 WHERE d.specgen_full IS NULL AND (${removesFilter}))
              INTO specgen_snap, specgen_added;
<#else>
            specgen_snap := pg_current_snapshot();
</#if>
        END IF;
<#if hasAddedOnly>
        IF specgen_added THEN
            specgen_why := specgen_why || '; no value removed, merged without min/max recomputes';
        END IF;
</#if>
        IF specgen_single THEN
            specgen_why := specgen_why || '; one delta row per group, merged without summing';
            -- past a quarter of the groups a hash join of the delta with the view's table costs less than an index
            -- probe per delta row (the delta table's statistics are rarely current enough for the planner to know)
            specgen_nestloop := current_setting('enable_nestloop');
            IF specgen_pending * 4 >= specgen_groups THEN
                PERFORM set_config('enable_nestloop', 'off', true);
            END IF;
<#if hasAddedOnly>
            IF specgen_added THEN
<@embed object=mergeRowsAdded indent=16/>;
            ELSE
<@embed object=mergeRows indent=16/>;
            END IF;
<#else>
<@embed object=mergeRows indent=12/>;
</#if>
            GET DIAGNOSTICS specgen_changed = ROW_COUNT;
            PERFORM set_config('enable_nestloop', specgen_nestloop, true);
        ELSE
            -- the delta is summed per group in a hash table, which costs about half the CPU of sorting it first. For
            -- that one statement work_mem is pinned to 2 kB per group it can touch (the sum states; at least 4MB, at
            -- most 256MB, past which the hash spills to disk: slower, same rows) and sorting is off (the delta table's
            -- statistics predate its rows, so the planner cannot tell); both settings are put back right after
            specgen_sort := current_setting('enable_sort');
            specgen_work_mem := current_setting('work_mem');
            PERFORM set_config('enable_sort', 'off', true);
            PERFORM set_config('work_mem', least(greatest(least(specgen_pending, coalesce(specgen_groups, 0) + 1000) * 2,
                                                          4096), 262144) || 'kB', true);
<#if hasAddedOnly>
            IF specgen_added THEN
<@embed object=mergeDeltaAdded indent=16/>;
            ELSE
<@embed object=mergeDelta indent=16/>;
            END IF;
<#else>
<@embed object=mergeDelta indent=12/>;
</#if>
            GET DIAGNOSTICS specgen_changed = ROW_COUNT;
            PERFORM set_config('work_mem', specgen_work_mem, true);
            PERFORM set_config('enable_sort', specgen_sort, true);
        END IF;
        DELETE FROM ${delta} AS specgen_x
         WHERE ${mergeRows.seen?replace("\n", "\n         ")};
        specgen_kept_rows := specgen_kept_rows + specgen_net;
    ELSE
<#else>
    IF specgen_populated AND specgen_parts IS NOT DISTINCT FROM specgen_known AND specgen_asked <> 'full' THEN
        RETURN 0;
    END IF;
    specgen_why := CASE WHEN NOT specgen_populated THEN 'first refresh: the view holds no rows yet'
                WHEN specgen_parts IS DISTINCT FROM specgen_known THEN 'partitions of its tables were attached or detached since the last refresh'
                ELSE 'asked for: specgen.refresh_strategy = full' END;
    BEGIN
</#if>
        IF specgen_parts IS DISTINCT FROM specgen_known THEN
            -- capture triggers on leaves that lack them (attached after install), none on tables that left
<#list sources as source>
            FOR specgen_leaf IN SELECT t.relid::regclass AS rel FROM pg_partition_tree(${source.tableLiteral}::regclass) AS t
                         WHERE t.isleaf AND t.relid <> ${source.tableLiteral}::regclass
                           AND NOT EXISTS (SELECT 1 FROM pg_trigger AS g
                                            WHERE g.tgrelid = t.relid AND g.tgname = ${source.insertTrigger}) LOOP
                EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS specgen_new FOR EACH STATEMENT EXECUTE FUNCTION %s()', ${source.insertTrigger}, specgen_leaf.rel, ${source.functionLiteral});
                EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING OLD TABLE AS specgen_old NEW TABLE AS specgen_new FOR EACH STATEMENT EXECUTE FUNCTION %s()', ${source.updateTrigger}, specgen_leaf.rel, ${source.functionLiteral});
                EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS specgen_old FOR EACH STATEMENT EXECUTE FUNCTION %s()', ${source.deleteTrigger}, specgen_leaf.rel, ${source.functionLiteral});
                EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION %s()', ${source.truncateTrigger}, specgen_leaf.rel, ${source.functionLiteral});
            END LOOP;
            FOR specgen_leaf IN SELECT g.tgrelid::regclass AS rel FROM pg_trigger AS g
                         WHERE g.tgname = ${source.insertTrigger} AND g.tgfoid = ${source.functionLiteral}::regproc
                           AND g.tgrelid <> ${source.tableLiteral}::regclass
                           AND g.tgrelid NOT IN (SELECT t.relid FROM pg_partition_tree(${source.tableLiteral}::regclass) AS t) LOOP
                EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', ${source.insertTrigger}, specgen_leaf.rel);
                EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', ${source.updateTrigger}, specgen_leaf.rel);
                EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', ${source.deleteTrigger}, specgen_leaf.rel);
                EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', ${source.truncateTrigger}, specgen_leaf.rel);
            END LOOP;
</#list>
        END IF;
<#if hasMerge>
        IF to_regclass('${result}') IS NOT NULL THEN
            DROP TABLE ${result};
        END IF;
<@embed object=aggregate indent=8/>;
        GET DIAGNOSTICS specgen_fresh = ROW_COUNT;
        SELECT r.${snapshot} INTO specgen_snap FROM ${result} AS r WHERE r.${snapshot} IS NOT NULL;
        specgen_me := pg_current_xact_id();
        -- the recompute makes moot the delta rows of the transactions its snapshot saw (and of this one). When they
        -- are all the rows and no writer is capturing into the table (LOCK ... NOWAIT), TRUNCATE empties it at once
        -- instead of a DELETE that reads and marks every row (a 50% change leaves ~100,000 of them); capture then
        -- waits for this refresh to commit. A writer capturing, a row its snapshot did not see, or no TRUNCATE
        -- privilege: the DELETE of the rows it saw
        specgen_emptied := false;
        BEGIN
            LOCK TABLE ${delta} IN ACCESS EXCLUSIVE MODE NOWAIT;
            -- with the lock no writer is capturing, so a row the snapshot did not see (and not this transaction's) was
            -- written by a transaction it did not see (running then, or begun since) that has committed since. Those
            -- transactions are looked up by id (on a quiet server there are none); only when one committed, or too
            -- many began, are the rows read (the first read of freshly captured rows also sets their hint bits)
            IF pg_snapshot_xmax(pg_current_snapshot())::text::bigint - pg_snapshot_xmax(specgen_snap)::text::bigint > 10000
               OR EXISTS (SELECT 1 FROM (SELECT pg_snapshot_xip(specgen_snap) AS id
                                         UNION ALL
                                         SELECT specgen_n::text::xid8 FROM generate_series(pg_snapshot_xmax(specgen_snap)::text::bigint,
                                                pg_snapshot_xmax(pg_current_snapshot())::text::bigint - 1) AS specgen_n) AS specgen_u
                           WHERE specgen_u.id <> specgen_me AND pg_xact_status(specgen_u.id) = 'committed') THEN
                specgen_emptied := NOT EXISTS (SELECT 1 FROM ${delta} AS specgen_x
                                                WHERE specgen_x.specgen_xid <> specgen_me
                                                  AND NOT pg_visible_in_snapshot(specgen_x.specgen_xid, specgen_snap));
            ELSE
                specgen_emptied := true;
            END IF;
            IF specgen_emptied THEN
                TRUNCATE ${delta};
            END IF;
        EXCEPTION WHEN lock_not_available OR insufficient_privilege THEN
            specgen_emptied := false;
        END;
        IF NOT specgen_emptied THEN
            DELETE FROM ${delta} AS specgen_x
             WHERE (specgen_x.specgen_xid = specgen_me OR pg_visible_in_snapshot(specgen_x.specgen_xid, specgen_snap))
               AND specgen_x.specgen_full IS DISTINCT FROM ${sentinel};
        END IF;
        -- the recompute is a temporary table without statistics: planned blind, the MERGE probed the view's unique
        -- index once per recomputed group; from a quarter of the view's groups on, a hash join of the two tables
        -- costs less (at 10,000 groups about 10 ms less CPU of 25 to 35); the setting is put back right after
        specgen_nestloop := current_setting('enable_nestloop');
        IF (specgen_fresh - 1) * 4 >= coalesce(specgen_groups, 0) THEN
            PERFORM set_config('enable_nestloop', 'off', true);
        END IF;
</#if>
<@embed object=full indent=8/>;
        GET DIAGNOSTICS specgen_changed = ROW_COUNT;
<#if hasMerge>
        PERFORM set_config('enable_nestloop', specgen_nestloop, true);
</#if>
        SELECT count(*), coalesce(sum(specgen_count), 0) INTO specgen_groups, specgen_kept_rows FROM ${store};
<#if hasMerge>
        -- the MERGE updated and inserted the recomputed groups; groups whose rows are all gone are the view's rows
        -- beyond them (the recompute's rows less its snapshot row), looked for only when there are any, instead of
        -- an anti-join of the view's table with the recompute in every MERGE
        IF specgen_groups > specgen_fresh - 1 THEN
            DELETE FROM ${store} AS specgen_c
             WHERE NOT EXISTS (SELECT 1 FROM ${result} AS specgen_f
                                WHERE specgen_f.${snapshot} IS NULL
                                  AND ${full.matchGone});
            GET DIAGNOSTICS specgen_gone = ROW_COUNT;
            specgen_changed := specgen_changed + specgen_gone;
            SELECT count(*), coalesce(sum(specgen_count), 0) INTO specgen_groups, specgen_kept_rows FROM ${store};
        END IF;
        specgen_budget := ceil(greatest(coalesce(specgen_source_rows, (${sourceRowsSql})), specgen_kept_rows, 1000)
                               * ${threshold})::bigint;
        INSERT INTO ${delta} (specgen_full, specgen_xid)
        SELECT ${sentinel}, specgen_me WHERE NOT EXISTS (SELECT 1 FROM ${delta} AS d WHERE d.specgen_full = ${sentinel});
</#if>
    END<#if hasMerge> IF</#if>;
<#if hasMerge>
    -- past capture_limit pending rows capture records "recompute in full" instead of each change; below 10,000 rows
    -- emptying the delta table costs next to nothing, so it records them one by one
</#if>
    INSERT INTO ${state} AS s (view_name, partitions, groups, source_rows, capture_limit, last_refresh, last_strategy)
    VALUES (${viewName}, specgen_parts, specgen_groups, specgen_kept_rows, <#if hasMerge>greatest(specgen_budget, 10000)<#else>NULL</#if>, clock_timestamp(), specgen_strategy)
    ON CONFLICT (view_name) DO UPDATE
       SET partitions = EXCLUDED.partitions, groups = EXCLUDED.groups, source_rows = EXCLUDED.source_rows,
           capture_limit = EXCLUDED.capture_limit, last_refresh = EXCLUDED.last_refresh,
           last_strategy = EXCLUDED.last_strategy;
    INSERT INTO ${log} (view_name, started_at, duration_ms, strategy, reason, pending, rows_changed)
    VALUES (${viewName}, specgen_started, round(extract(epoch FROM clock_timestamp() - specgen_started) * 1000, 3), specgen_strategy, specgen_why,
            specgen_pending, specgen_changed);
    RETURN specgen_changed;
END
$${tag}$;
