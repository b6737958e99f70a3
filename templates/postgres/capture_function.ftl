<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.CaptureFunction" -->
-- statement-level capture of writes to ${source} (transition tables, never per row): <#if immediate>applied to the
-- view within the writing statement<#else>pre-aggregated per group into the delta table, applied by the next refresh</#if>
CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger
LANGUAGE plpgsql
<#list settings as setting>
SET ${setting}
</#list>
AS $${tag}$
BEGIN
<#if hasGuard>
    IF TG_OP <> 'TRUNCATE' AND current_setting('transaction_isolation') <> 'read committed' THEN
        ${guardSql};
        RETURN NULL;
    END IF;
</#if>
<#list lockSql as lock>
    -- writers of the fact table wait until this transaction ends, so every fact row is attributed to the
    -- dimension row it joins at commit time
    ${lock};
</#list>
<#if hasOverflow>
    -- more change rows pending than the refresh applies one by one: it will recompute in full, so record only that
    IF TG_OP <> 'TRUNCATE'
       AND ${overflowTest} THEN
        ${overflowSql};
        RETURN NULL;
    END IF;
</#if>
    IF TG_OP = 'INSERT' THEN
<#list insert.statements as statement>
<@embed object=statement indent=8/>;
</#list>
    ELSIF TG_OP = 'UPDATE' THEN
<#list update.statements as statement>
<@embed object=statement indent=8/>;
</#list>
    ELSIF TG_OP = 'DELETE' THEN
<#list delete.statements as statement>
<@embed object=statement indent=8/>;
</#list>
    ELSE
<#if hasRecompute>
        -- TRUNCATE: recompute the view in the truncating transaction
<@embed object=fullRecompute indent=8/>;
<#else>
        -- TRUNCATE: the next refresh recomputes the view in full
        ${truncateSql};
</#if>
    END IF;
    RETURN NULL;
END
$${tag}$;
