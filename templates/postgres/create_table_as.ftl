<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.CreateTableAs" -->
-- ${purpose}; column types are PostgreSQL's own for these expressions
CREATE <#if unlogged>UNLOGGED </#if>TABLE IF NOT EXISTS ${name}<#if hasWith>
    WITH (${with?join(", ")})</#if> AS
${query}
WITH NO DATA;
