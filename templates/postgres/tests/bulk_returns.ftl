<#-- @ftlvariable name="" type="dev.specgen.testgen.BulkAssertion.Returns" -->
SELECT "is"(${value},
            ${expected}, ${descriptionLiteral});
