<#-- @ftlvariable name="" type="dev.specgen.testgen.ViewStep.Run" -->
<#if hasWhy>
-- ${why}
</#if>
${sql};
