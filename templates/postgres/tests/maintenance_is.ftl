<#-- @ftlvariable name="" type="dev.specgen.testgen.MaintenanceStep.Is" -->
SELECT "is"(${got}, ${expected}, ${descriptionLiteral})<#if gated> WHERE pg_temp.specgen_seeding()</#if>;
