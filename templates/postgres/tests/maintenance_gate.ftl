<#-- @ftlvariable name="" type="dev.specgen.testgen.MaintenanceStep.Gate" -->
-- these tests write rows and create, drop or detach partitions (all rolled back), so they run where the seeded
-- tests run
SELECT skip(current_setting('specgen.skip_seeded'), ${gated}) WHERE NOT pg_temp.specgen_seeding();
