<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.Note" -->
<#list lines as line>
-- ${line}
</#list>
