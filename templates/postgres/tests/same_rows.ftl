<#-- @ftlvariable name="" type="dev.specgen.testgen.ViewAssertion.SameRows" -->
SELECT "is"(pg_temp.specgen_diff(${viewLiteral},
                                 ${queryLiteral?replace("\n", "\n                                 ")}),
            0::bigint, ${descriptionLiteral});
