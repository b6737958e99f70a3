<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.RefreshMaterializedView" -->
-- refreshes ${view} (REFRESH MATERIALIZED VIEW<#if concurrently> CONCURRENTLY</#if>) and logs it; returns 0 (REFRESH does
-- not say how many rows changed)<#if skipWhenBusy>, or NULL at once when another refresh of it is running<#else>; a second caller waits for the first to commit</#if>
CREATE OR REPLACE FUNCTION ${function}() RETURNS bigint
LANGUAGE plpgsql
<#list settings as setting>
SET ${setting}
</#list>
AS $${tag}$
DECLARE
    started timestamptz := clock_timestamp();
    strategy text := <#if concurrently>'concurrent'<#else>'full'</#if>;
    why text := ${reason};
BEGIN
<#if skipWhenBusy>
    IF NOT pg_try_advisory_xact_lock(${lockKey}) THEN
        RETURN NULL;
    END IF;
<#else>
    PERFORM pg_advisory_xact_lock(${lockKey});
</#if>
<#if concurrently>
    IF NOT (SELECT c.relispopulated FROM pg_class AS c WHERE c.oid = ${viewLiteral}::regclass) THEN
        REFRESH MATERIALIZED VIEW ${view};
        strategy := 'full';
        why := 'first refresh: CONCURRENTLY needs a populated view';
    ELSE
        REFRESH MATERIALIZED VIEW CONCURRENTLY ${view};
    END IF;
<#else>
    REFRESH MATERIALIZED VIEW ${view};
</#if>
    INSERT INTO ${state} AS s (view_name, partitions, groups, source_rows, last_refresh, last_strategy)
    VALUES (${viewName}, NULL, NULL, NULL, clock_timestamp(), strategy)
    ON CONFLICT (view_name) DO UPDATE
       SET last_refresh = EXCLUDED.last_refresh, last_strategy = EXCLUDED.last_strategy;
    INSERT INTO ${log} (view_name, started_at, duration_ms, strategy, reason, pending, rows_changed)
    VALUES (${viewName}, started, round(extract(epoch FROM clock_timestamp() - started) * 1000, 3), strategy, why,
            NULL, NULL);
    RETURN 0;
END
$${tag}$;
