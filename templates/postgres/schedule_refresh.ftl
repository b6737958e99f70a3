<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.ScheduleRefresh" -->
-- with pg_cron installed in this database, check every ${schedule?replace("'", "")} whether the view is due (re-running replaces the
-- job of the same name); without pg_cron nothing happens: see docs/spec-reference.md for other schedulers
DO $${tag}$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_cron') THEN
        PERFORM cron.schedule(${job}, ${schedule}, ${command});
    END IF;
END
$${tag}$;
