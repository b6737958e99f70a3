<#-- @ftlvariable name="" type="dev.specgen.testgen.BulkAssertion.AsRole" -->
SELECT "is"(pg_temp.specgen_as(current_setting(${settingLiteral}),
                               ${queryLiteral}),
            ${expectedLiteral}, ${descriptionLiteral});
