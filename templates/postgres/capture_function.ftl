<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.CaptureFunction" -->
-- statement-level capture of writes to ${source} (transition tables, never per row): <#if immediate>applied to the
-- view within the writing statement<#else>pre-aggregated per group into the delta table, applied by the next refresh</#if>
-- SECURITY DEFINER: whoever may write ${source} may write it (a role with INSERT alone), without grants on the
-- view's own tables; every name in the body is schema-qualified and search_path is pinned
CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
<#list settings as setting>
SET ${setting}
</#list>
AS $${tag}$
<#if hasOverflow>
DECLARE
    specgen_limit bigint;
    specgen_groups bigint;
    specgen_n bigint;
    specgen_d bigint;
</#if>
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
    ${readStateSql};
    -- more change rows pending than the refresh applies one by one: it will recompute in full, so record only that
    IF TG_OP <> 'TRUNCATE'
       AND ${overflowTest} THEN
        ${overflowSql};
        RETURN NULL;
    END IF;
</#if>
    IF TG_OP = 'INSERT' THEN
<@branch b=insert/>
    ELSIF TG_OP = 'UPDATE' THEN
<@branch b=update/>
    ELSIF TG_OP = 'DELETE' THEN
<@branch b=delete/>
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
<#macro branch b>
<#if b.adaptive>
        -- one delta row per group pays when the statement's rows share groups: 1.6 rows or more per group of the
        -- view, or at most 6 groups per 10 of its first 100 rows; else the rows as they are cost less than aggregating
        -- (the two queries read no variable: a session plans each once, one reading a variable anew at each of its
        -- first five runs)
        ${b.countSql} INTO specgen_n;
        IF specgen_n >= 16 AND specgen_groups IS NOT NULL AND specgen_n < 1.6 * specgen_groups THEN
            ${b.sampleSql?replace("\n", "\n                ")} INTO specgen_d;
        END IF;
        IF specgen_n >= 16 AND (specgen_d IS NULL OR specgen_d <= 0.6 * least(specgen_n, 100)) THEN
<#list b.statements as statement>
<@embed object=statement indent=12/>;
</#list>
        ELSE
<@embed object=b.perRowStatement indent=12/>;
        END IF;
<#else>
<#list b.statements as statement>
<@embed object=statement indent=8/>;
</#list>
</#if>
</#macro>
