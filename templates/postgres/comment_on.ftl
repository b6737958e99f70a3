<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.CommentOn" -->
COMMENT ON ${kind} ${target} IS ${text};
