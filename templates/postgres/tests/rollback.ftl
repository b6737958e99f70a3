<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.Rollback" -->
ROLLBACK;
