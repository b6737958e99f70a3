<#-- @ftlvariable name="" type="dev.specgen.plan.TypeObject.CreateComposite" -->
DO $${tag}$
BEGIN
    CREATE TYPE ${name} AS (
<#list attributes as attribute>
        ${attribute}<#sep>,</#sep>
</#list>
    );
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$${tag}$;
