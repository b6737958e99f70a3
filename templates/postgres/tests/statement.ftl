<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.Statement" -->
<#list whyLines as line>
-- ${line}
</#list>
<#if perform>
DO $${tag}$
BEGIN
    PERFORM ${sql};
END;
$${tag}$;
<#else>
${sql};
</#if>
