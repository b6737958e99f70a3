<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.Statement" -->
<#list whyLines as line>
-- ${line}
</#list>
<#if perform>
DO $specgen$
BEGIN
    PERFORM ${sql};
END;
$specgen$;
<#else>
${sql};
</#if>
