<#-- @ftlvariable name="" type="dev.specgen.testgen.Assertion.TableFeature" -->
SELECT "is"((${value}), ${expected}, ${descriptionLiteral});
