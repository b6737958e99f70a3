<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.CreateEnum" -->
DO $${tag}$
BEGIN
    CREATE TYPE ${name} AS ENUM (<#list labels as label>${label}<#sep>, </#sep></#list>);
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$${tag}$;
