<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.CreatePartition" -->
CREATE <#if unlogged>UNLOGGED </#if>TABLE IF NOT EXISTS ${name}
    PARTITION OF ${parent}
    ${bound}<#if partitioned>
    PARTITION BY ${partitionBy}</#if><#if hasWith>
    WITH (${with?join(", ")})</#if>;
