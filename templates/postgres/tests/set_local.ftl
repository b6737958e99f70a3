<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.SetLocal" -->
<#list whyLines as line>
-- ${line}
</#list>
SET LOCAL ${name} = ${value};
