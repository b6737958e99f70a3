<#-- @ftlvariable name="" type="dev.specgen.plan.TypeObject.CreateDomain" -->
DO $${tag}$
BEGIN
    CREATE DOMAIN ${name} AS ${base}<#list options as option>
        ${option}</#list>;
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$${tag}$;
