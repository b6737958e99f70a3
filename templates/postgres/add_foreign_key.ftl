<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.AddForeignKey" -->
DO $${tag}$
BEGIN
    ALTER TABLE ${table} ADD CONSTRAINT ${constraint.name} ${constraint.body};
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$${tag}$;
