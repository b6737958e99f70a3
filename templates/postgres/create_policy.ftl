<#-- @ftlvariable name="" type="dev.specgen.plan.TableFeatureObject.CreatePolicy" -->
-- a policy of this name is left as it is (CREATE POLICY has no IF NOT EXISTS): to change one, drop it first
DO $${tag}$
BEGIN
    CREATE POLICY ${name} ON ${table}
        AS ${kind} FOR ${command} TO ${rolesList}<#if hasUsing>
        USING (${usingSql})</#if><#if hasWithCheck>
        WITH CHECK (${withCheck})</#if>;
EXCEPTION WHEN duplicate_object THEN NULL;
END
$${tag}$;
