<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.AddConstraint" -->
DO $${tag}$
BEGIN
    ALTER TABLE ${table} ADD CONSTRAINT ${constraint.name} ${constraint.body};
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$${tag}$;
