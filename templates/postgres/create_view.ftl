<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.CreateView" -->
CREATE OR REPLACE VIEW ${name} AS
SELECT
<#list items as item>
    ${item}<#sep>,</#sep>
</#list>
FROM ${from};
