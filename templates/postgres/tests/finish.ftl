<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.Finish" -->

SELECT * FROM finish();
