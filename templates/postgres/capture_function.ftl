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
<#if hasProbes>
    specgen_grouped boolean;
</#if>
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
<#if hasProbes>
    -- one query reads the refresh state and chooses how an insert's or a delete's rows are captured: one delta row
    -- per group pays when they share groups (16 rows or more, and 1.6 or more per group of the view, or at most 6
    -- groups per 10 of the first 100 rows); else the rows as they are cost less than aggregating. It
    -- reads no variable (a session plans it once) and runs the sample only when the count leaves the choice open
    IF TG_OP = 'INSERT' THEN
        ${insert.probeSql?replace("\n", "\n        ")};
    ELSIF TG_OP = 'DELETE' THEN
        ${delete.probeSql?replace("\n", "\n        ")};
    ELSE
        ${readStateSql};
    END IF;
<#else>
    ${readStateSql};
</#if>
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
        IF specgen_grouped THEN
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
