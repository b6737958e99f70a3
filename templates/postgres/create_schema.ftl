<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.CreateSchema" -->
CREATE SCHEMA IF NOT EXISTS ${name};
