<#-- @ftlvariable name="" type="dev.specgen.plan.WorkflowObject.ProcessFunction" -->
-- applies up to p_batch queued rows of workflow ${action}, oldest first, and returns how many: call it until it
-- returns 0. Rows another processor holds are skipped (FOR UPDATE SKIP LOCKED), so several can run at once and
-- no row is applied twice; each step locks its target rows in key order, as the trigger does
CREATE OR REPLACE FUNCTION ${name}(p_batch integer DEFAULT ${batch?c}) RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
<#list settings as setting>
SET ${setting}
</#list>
AS $${tag}$
DECLARE
    specgen_batch ${queueType}[];
BEGIN
    WITH specgen_claimed AS (
        DELETE FROM ${queue} AS q
         WHERE q.specgen_id IN (SELECT c.specgen_id FROM ${queue} AS c
                                 ORDER BY c.specgen_id
                                 LIMIT p_batch
                                   FOR UPDATE SKIP LOCKED)
        RETURNING q AS specgen_row
    )
    SELECT array_agg(specgen_row) INTO specgen_batch FROM specgen_claimed;
    IF specgen_batch IS NULL THEN
        RETURN 0;
    END IF;
<#list steps as step>
<@embed object=step indent=4/>;
</#list>
    RETURN cardinality(specgen_batch);
END
$${tag}$;
