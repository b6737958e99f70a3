<#-- @ftlvariable name="" type="dev.specgen.plan.MaintenanceObject.ScheduleMaintenance" -->
-- with pg_cron installed in this database, run the maintenance every hour (re-running replaces the job of the same
-- name); without pg_cron nothing happens: see docs/spec-reference.md for other schedulers
DO $${tag}$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_cron') THEN
        PERFORM cron.schedule(${job}, ${cron}, ${command});
    END IF;
END
$${tag}$;
