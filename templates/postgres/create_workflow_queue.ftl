<#-- @ftlvariable name="" type="dev.specgen.plan.WorkflowObject.CreateQueue" -->
-- queued rows are deleted as they are applied: vacuum after every 1000 of them, not after a fraction of the table
CREATE TABLE IF NOT EXISTS ${name} (
    specgen_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
<#list columns as c>
    ${c}<#sep>,</#sep>
</#list>
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
