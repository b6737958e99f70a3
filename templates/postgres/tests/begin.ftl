<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.Begin" -->
BEGIN;
