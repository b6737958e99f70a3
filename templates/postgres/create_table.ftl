<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.CreateTable" -->
CREATE <#if unlogged>UNLOGGED </#if>TABLE IF NOT EXISTS ${name} (
<#list columns as c>
    ${c.paddedName} ${c.type}<#if c.hasAttributes> ${c.attributes}</#if><#if c?has_next || hasConstraints>,</#if>
</#list>
<#list constraints as k>
    CONSTRAINT ${k.name} ${k.body}<#sep>,</#sep>
</#list>
)<#if partitioned> PARTITION BY ${partitionBy}</#if><#if hasWith> WITH (${with?join(", ")})</#if>;
