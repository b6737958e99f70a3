<#-- @ftlvariable name="" type="dev.specgen.plan.WorkflowObject.TriggerFunction" -->
<#if async>
-- workflow ${action}: every statement that inserts into ${source} queues its rows (one set-based INSERT from the
-- transition table); process_${action}() applies them. Inserts only: updates and deletes of ${source} are not
-- followed. SECURITY DEFINER: a role that may insert into ${source} needs no grant on the queue; search_path is pinned
<#else>
-- workflow ${action}: every statement that inserts into ${source} applies each step to its rows, aggregated per
-- target key, in the inserting transaction. Inserts only: updates and deletes of ${source} are not followed.
-- SECURITY DEFINER: a role that may insert into ${source} needs no grant on the targets; search_path is pinned
</#if>
CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
<#list settings as setting>
SET ${setting}
</#list>
AS $${tag}$
BEGIN
<#if async>
<@embed object=enqueueStatement indent=4/>;
<#else>
<#list steps as step>
<@embed object=step indent=4/>;
</#list>
</#if>
    RETURN NULL;
END
$${tag}$;
