<#-- @ftlvariable name="" type="dev.specgen.testgen.MaintenanceStep.LivesOk" -->
SELECT lives_ok(${sqlLiteral}, ${descriptionLiteral}) WHERE pg_temp.specgen_seeding();
