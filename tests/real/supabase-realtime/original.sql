-- supabase/realtime b125664343f65ced4509f853f03c9c57cc90232a
-- lib/realtime/tenants/repo/migrations/20260420000000_squash_migrations.ex: the SQL of its execute(...) calls, in the
-- order up/0 runs them, verbatim except where SOURCE.md says otherwise (functions not needed by the tables, role,
-- ownership and grants omitted). Partitions: as lib/realtime/tenants.ex create_messages_partitions/1 creates them.

CREATE SCHEMA IF NOT EXISTS realtime;   -- added: the migration runs in a database whose realtime schema exists

-- create_types
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'action' AND typnamespace = 'realtime'::regnamespace) THEN
        CREATE TYPE realtime.action AS ENUM (
            'INSERT',
            'UPDATE',
            'DELETE',
            'TRUNCATE',
            'ERROR'
        );
    END IF;
END$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'equality_op' AND typnamespace = 'realtime'::regnamespace) THEN
        CREATE TYPE realtime.equality_op AS ENUM (
            'eq',
            'neq',
            'lt',
            'lte',
            'gt',
            'gte',
            'in'
        );
    END IF;
END$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'user_defined_filter' AND typnamespace = 'realtime'::regnamespace) THEN
        CREATE TYPE realtime.user_defined_filter AS (
            column_name text,
            op realtime.equality_op,
            value text
        );
    END IF;
END$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'wal_column' AND typnamespace = 'realtime'::regnamespace) THEN
        CREATE TYPE realtime.wal_column AS (
            name text,
            type_name text,
            type_oid oid,
            value jsonb,
            is_pkey boolean,
            is_selectable boolean
        );
    END IF;
END$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'wal_rls' AND typnamespace = 'realtime'::regnamespace) THEN
        CREATE TYPE realtime.wal_rls AS (
            wal jsonb,
            is_rls_enabled boolean,
            subscription_ids uuid[],
            errors text[]
        );
    END IF;
END$$;

-- create_base_functions: the functions the tables need (the generated column's and the trigger's) are in setup.sql,
-- which the comparison (RealSchemaTest) runs in both databases before this file and before specgen's install

-- create_tables
CREATE TABLE IF NOT EXISTS realtime.messages (
    topic text NOT NULL,
    extension text NOT NULL,
    payload jsonb,
    event text,
    private boolean DEFAULT false,
    updated_at timestamp without time zone DEFAULT now() NOT NULL,
    inserted_at timestamp without time zone DEFAULT now() NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL
)
PARTITION BY RANGE (inserted_at);

CREATE TABLE IF NOT EXISTS realtime.subscription (
    id bigint NOT NULL,
    subscription_id uuid NOT NULL,
    entity regclass NOT NULL,
    filters realtime.user_defined_filter[] DEFAULT '{}'::realtime.user_defined_filter[] NOT NULL,
    claims jsonb NOT NULL,
    claims_role regrole GENERATED ALWAYS AS (realtime.to_regrole((claims ->> 'role'::text))) STORED NOT NULL,
    created_at timestamp without time zone DEFAULT timezone('utc'::text, now()) NOT NULL,
    action_filter text DEFAULT '*'::text,
    CONSTRAINT subscription_action_filter_check CHECK ((action_filter = ANY (ARRAY['*'::text, 'INSERT'::text, 'UPDATE'::text, 'DELETE'::text])))
);

-- configure_identity
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'S' AND c.relname = 'subscription_id_seq' AND n.nspname = 'realtime'
    ) THEN
        ALTER TABLE realtime.subscription ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
            SEQUENCE NAME realtime.subscription_id_seq
            START WITH 1
            INCREMENT BY 1
            NO MINVALUE
            NO MAXVALUE
            CACHE 1
        );
    END IF;
END$$;

-- configure_constraints
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'messages_pkey'
        AND connamespace = 'realtime'::regnamespace
    ) THEN
        ALTER TABLE ONLY realtime.messages
            ADD CONSTRAINT messages_pkey PRIMARY KEY (id, inserted_at);
    END IF;
END$$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'pk_subscription'
        AND connamespace = 'realtime'::regnamespace
    ) THEN
        ALTER TABLE ONLY realtime.subscription
            ADD CONSTRAINT pk_subscription PRIMARY KEY (id);
    END IF;
END$$;

-- create_indexes
CREATE INDEX IF NOT EXISTS ix_realtime_subscription_entity
    ON realtime.subscription USING btree (entity);

CREATE INDEX IF NOT EXISTS messages_inserted_at_topic_index
    ON ONLY realtime.messages USING btree (inserted_at DESC, topic)
    WHERE ((extension = 'broadcast'::text) AND (private IS TRUE));

CREATE UNIQUE INDEX IF NOT EXISTS subscription_subscription_id_entity_filters_action_filter_key
    ON realtime.subscription USING btree (subscription_id, entity, filters, action_filter);

-- configure_trigger
DROP TRIGGER IF EXISTS tr_check_filters ON realtime.subscription;

CREATE TRIGGER tr_check_filters
    BEFORE INSERT OR UPDATE ON realtime.subscription
    FOR EACH ROW EXECUTE FUNCTION realtime.subscription_check_filters();

-- configure_rls
ALTER TABLE realtime.messages ENABLE ROW LEVEL SECURITY;

-- Partitions, as Realtime.Tenants.create_messages_partitions/1 (lib/realtime/tenants.ex) creates them at runtime for
-- yesterday .. today + 3 (UTC): here with "today" = 2026-08-20.
CREATE TABLE IF NOT EXISTS realtime.messages_2026_08_19
PARTITION OF realtime.messages
FOR VALUES FROM ('2026-08-19') TO ('2026-08-20');
CREATE TABLE IF NOT EXISTS realtime.messages_2026_08_20
PARTITION OF realtime.messages
FOR VALUES FROM ('2026-08-20') TO ('2026-08-21');
CREATE TABLE IF NOT EXISTS realtime.messages_2026_08_21
PARTITION OF realtime.messages
FOR VALUES FROM ('2026-08-21') TO ('2026-08-22');
CREATE TABLE IF NOT EXISTS realtime.messages_2026_08_22
PARTITION OF realtime.messages
FOR VALUES FROM ('2026-08-22') TO ('2026-08-23');
CREATE TABLE IF NOT EXISTS realtime.messages_2026_08_23
PARTITION OF realtime.messages
FOR VALUES FROM ('2026-08-23') TO ('2026-08-24');
