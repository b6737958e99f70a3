<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.Analyze" -->
ANALYZE ${qualified};
