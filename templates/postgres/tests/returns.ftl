<#-- @ftlvariable name="" type="dev.specgen.testgen.ViewAssertion.Returns" -->
SELECT "is"((${query}), ${expected}, ${descriptionLiteral});
