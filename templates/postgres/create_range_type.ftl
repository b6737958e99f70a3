<#-- @ftlvariable name="" type="dev.specgen.plan.TypeObject.CreateRange" -->
DO $${tag}$
BEGIN
    CREATE TYPE ${name} AS RANGE (SUBTYPE = ${subtype});
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$${tag}$;
