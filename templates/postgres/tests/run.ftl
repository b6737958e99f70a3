<#-- @ftlvariable name="" type="dev.specgen.testgen.ViewStep.Run" -->
-- ${why}
${sql};
