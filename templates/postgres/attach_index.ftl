<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.AttachIndex" -->
ALTER INDEX ${parent} ATTACH PARTITION ${child};
