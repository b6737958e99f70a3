<#-- @ftlvariable name="" type="dev.specgen.testgen.PerformanceAssertion.IndexUse" -->
SELECT ok(s.index_used, ${descriptionLiteral})
       || CASE WHEN s.index_used THEN '' ELSE chr(10) || diag('    found: ' || s.found) END
  FROM pg_temp.specgen_index_scans(${queryLiteral}, ${indexesArray}) AS s WHERE pg_temp.specgen_seeding();
