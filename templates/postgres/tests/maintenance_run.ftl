<#-- @ftlvariable name="" type="dev.specgen.testgen.MaintenanceStep.Run" -->
${sql};
