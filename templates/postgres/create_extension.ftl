<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.CreateExtension" -->
-- ${reason}
CREATE EXTENSION IF NOT EXISTS ${name} SCHEMA ${schema};
