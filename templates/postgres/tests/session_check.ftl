<#-- @ftlvariable name="" type="dev.specgen.testgen.TestRenderer.SessionCheckModel" -->
-- check ${name}: ${description}
-- ${sessions} sessions, ${rounds} rounds each
<#if hasSetup>
-- SETUP
${setup}
</#if>
-- SESSION
${session}
<#if hasCheck>
-- CHECK
${check}
</#if>
<#if hasCleanup>
-- CLEANUP
${cleanup}
</#if>
