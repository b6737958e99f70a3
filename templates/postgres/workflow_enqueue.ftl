<#-- @ftlvariable name="" type="dev.specgen.plan.WorkflowObject.Enqueue" -->
INSERT INTO ${queue} (${columnList})
SELECT ${columnList}
  FROM specgen_new
