<#-- @ftlvariable name="" type="dev.specgen.testgen.MaintenanceStep.SkipAll" -->
SELECT skip(${reasonLiteral}, ${count});
