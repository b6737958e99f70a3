<#-- @ftlvariable name="" type="dev.specgen.testgen.MaintenanceStep.Is" -->
SELECT "is"(${got}, ${expected}, ${descriptionLiteral}) WHERE pg_temp.specgen_seeding();
