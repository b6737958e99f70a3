<#-- @ftlvariable name="" type="dev.specgen.testgen.PerformanceAssertion.Seeded" -->
SELECT lives_ok(${callLiteral}, ${descriptionLiteral}) WHERE pg_temp.specgen_seeding();
