<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.CreateUniqueKey" -->
CREATE UNIQUE INDEX IF NOT EXISTS ${name}
    ON ${table} (${columns?join(", ")})<#if nullsNotDistinct> NULLS NOT DISTINCT</#if>;
