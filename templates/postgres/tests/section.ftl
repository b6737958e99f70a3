<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.Section" -->

-- ${title}
