<#-- @ftlvariable name="" type="dev.specgen.testgen.BulkAssertion.Throws" -->
SELECT throws_ok(${queryLiteral},
                 ${sqlStateLiteral}, NULL, ${descriptionLiteral});
