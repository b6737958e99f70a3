<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.Plan" -->
SELECT plan(${count});
