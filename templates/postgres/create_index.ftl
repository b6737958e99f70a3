<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.CreateIndex" -->
CREATE <#if unique>UNIQUE </#if>INDEX <#if concurrently>CONCURRENTLY </#if>IF NOT EXISTS ${name}
    ON <#if only>ONLY </#if>${table} USING ${method} (${keys?join(", ")})<#if hasInclude>
    INCLUDE (${include?join(", ")})</#if><#if hasWith>
    WITH (${with?join(", ")})</#if><#if hasWhere>
    WHERE ${where}</#if>;
