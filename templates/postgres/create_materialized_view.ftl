<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.CreateMaterializedView" -->
CREATE MATERIALIZED VIEW IF NOT EXISTS ${name} AS
${query}
WITH <#if withData>DATA<#else>NO DATA</#if>;
