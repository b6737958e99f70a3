<#-- @ftlvariable name="" type="dev.specgen.testgen.BulkAssertion.Holds" -->
SELECT ok(${condition},
          ${descriptionLiteral});
