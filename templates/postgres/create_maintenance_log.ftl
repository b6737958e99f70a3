<#-- @ftlvariable name="" type="dev.specgen.plan.MaintenanceObject.CreateMaintenanceLog" -->
CREATE TABLE IF NOT EXISTS ${name} (
    id          bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
    table_name  text NOT NULL,
    p_now       timestamptz NOT NULL,
    started_at  timestamptz NOT NULL,
    duration_ms numeric(12,3) NOT NULL,
    created     text[] NOT NULL,
    moved_rows  bigint NOT NULL,
    detached    text[] NOT NULL,
    dropped     text[] NOT NULL,
    CONSTRAINT ${pkey} PRIMARY KEY (id)
);
