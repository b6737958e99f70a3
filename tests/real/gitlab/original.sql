-- gitlabhq/gitlabhq 92de056eb4d80cdeb4b8bfbc1bffadd1bb6fff01, db/structure.sql: excerpts (statements verbatim unless
-- marked "-- edit:"), see SOURCE.md. Tables: audit_events (range, monthly partitions in gitlab_partitions_dynamic,
-- created at runtime), product_analytics_events_experimental (hash, 64 partitions in gitlab_partitions_static),
-- milestones (trigram indexes).

CREATE SCHEMA gitlab_partitions_dynamic;

COMMENT ON SCHEMA gitlab_partitions_dynamic IS 'Schema to hold partitions managed dynamically from the application, e.g. for time space partitioning.';

CREATE SCHEMA gitlab_partitions_static;

COMMENT ON SCHEMA gitlab_partitions_static IS 'Schema to hold static partitions, e.g. for hash partitioning';

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE audit_events (
    id bigint NOT NULL,
    author_id integer NOT NULL,
    entity_id integer NOT NULL,
    entity_type character varying NOT NULL,
    details text,
    ip_address inet,
    author_name text,
    entity_path text,
    target_details text,
    created_at timestamp without time zone NOT NULL,
    target_type text,
    target_id bigint,
    CONSTRAINT check_492aaa021d CHECK ((char_length(entity_path) <= 5500)),
    CONSTRAINT check_83ff8406e2 CHECK ((char_length(author_name) <= 255)),
    CONSTRAINT check_97a8c868e7 CHECK ((char_length(target_type) <= 255)),
    CONSTRAINT check_d493ec90b5 CHECK ((char_length(target_details) <= 5500))
)
PARTITION BY RANGE (created_at);

CREATE TABLE product_analytics_events_experimental (
    id bigint NOT NULL,
    project_id integer NOT NULL,
    platform character varying(255),
    etl_tstamp timestamp with time zone,
    collector_tstamp timestamp with time zone NOT NULL,
    dvce_created_tstamp timestamp with time zone,
    event character varying(128),
    event_id character(36) NOT NULL,
    txn_id integer,
    name_tracker character varying(128),
    v_tracker character varying(100),
    v_collector character varying(100) NOT NULL,
    v_etl character varying(100) NOT NULL,
    user_id character varying(255),
    user_ipaddress character varying(45),
    user_fingerprint character varying(50),
    domain_userid character varying(36),
    domain_sessionidx smallint,
    network_userid character varying(38),
    geo_country character(2),
    geo_region character(3),
    geo_city character varying(75),
    geo_zipcode character varying(15),
    geo_latitude double precision,
    geo_longitude double precision,
    geo_region_name character varying(100),
    ip_isp character varying(100),
    ip_organization character varying(100),
    ip_domain character varying(100),
    ip_netspeed character varying(100),
    page_url text,
    page_title character varying(2000),
    page_referrer text,
    page_urlscheme character varying(16),
    page_urlhost character varying(255),
    page_urlport integer,
    page_urlpath character varying(3000),
    page_urlquery character varying(6000),
    page_urlfragment character varying(3000),
    refr_urlscheme character varying(16),
    refr_urlhost character varying(255),
    refr_urlport integer,
    refr_urlpath character varying(6000),
    refr_urlquery character varying(6000),
    refr_urlfragment character varying(3000),
    refr_medium character varying(25),
    refr_source character varying(50),
    refr_term character varying(255),
    mkt_medium character varying(255),
    mkt_source character varying(255),
    mkt_term character varying(255),
    mkt_content character varying(500),
    mkt_campaign character varying(255),
    se_category character varying(1000),
    se_action character varying(1000),
    se_label character varying(1000),
    se_property character varying(1000),
    se_value double precision,
    tr_orderid character varying(255),
    tr_affiliation character varying(255),
    tr_total numeric(18,2),
    tr_tax numeric(18,2),
    tr_shipping numeric(18,2),
    tr_city character varying(255),
    tr_state character varying(255),
    tr_country character varying(255),
    ti_orderid character varying(255),
    ti_sku character varying(255),
    ti_name character varying(255),
    ti_category character varying(255),
    ti_price numeric(18,2),
    ti_quantity integer,
    pp_xoffset_min integer,
    pp_xoffset_max integer,
    pp_yoffset_min integer,
    pp_yoffset_max integer,
    useragent character varying(1000),
    br_name character varying(50),
    br_family character varying(50),
    br_version character varying(50),
    br_type character varying(50),
    br_renderengine character varying(50),
    br_lang character varying(255),
    br_features_pdf boolean,
    br_features_flash boolean,
    br_features_java boolean,
    br_features_director boolean,
    br_features_quicktime boolean,
    br_features_realplayer boolean,
    br_features_windowsmedia boolean,
    br_features_gears boolean,
    br_features_silverlight boolean,
    br_cookies boolean,
    br_colordepth character varying(12),
    br_viewwidth integer,
    br_viewheight integer,
    os_name character varying(50),
    os_family character varying(50),
    os_manufacturer character varying(50),
    os_timezone character varying(50),
    dvce_type character varying(50),
    dvce_ismobile boolean,
    dvce_screenwidth integer,
    dvce_screenheight integer,
    doc_charset character varying(128),
    doc_width integer,
    doc_height integer,
    tr_currency character(3),
    tr_total_base numeric(18,2),
    tr_tax_base numeric(18,2),
    tr_shipping_base numeric(18,2),
    ti_currency character(3),
    ti_price_base numeric(18,2),
    base_currency character(3),
    geo_timezone character varying(64),
    mkt_clickid character varying(128),
    mkt_network character varying(64),
    etl_tags character varying(500),
    dvce_sent_tstamp timestamp with time zone,
    refr_domain_userid character varying(36),
    refr_dvce_tstamp timestamp with time zone,
    domain_sessionid character(36),
    derived_tstamp timestamp with time zone,
    event_vendor character varying(1000),
    event_name character varying(1000),
    event_format character varying(128),
    event_version character varying(128),
    event_fingerprint character varying(128),
    true_tstamp timestamp with time zone
)
PARTITION BY HASH (project_id);

CREATE SEQUENCE product_analytics_events_experimental_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE product_analytics_events_experimental_id_seq OWNED BY product_analytics_events_experimental.id;

-- edit: structure.sql writes each of the 64 partitions as a full CREATE TABLE gitlab_partitions_static.
-- product_analytics_events_experimental_NN (<the 140 columns, id with DEFAULT nextval(...)>) followed by
-- ALTER TABLE ONLY product_analytics_events_experimental ATTACH PARTITION ... FOR VALUES WITH (modulus 64, remainder NN);
-- written here as the equivalent CREATE TABLE ... PARTITION OF (same columns, bounds and schema).
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_00 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 0);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_01 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 1);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_02 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 2);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_03 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 3);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_04 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 4);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_05 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 5);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_06 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 6);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_07 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 7);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_08 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 8);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_09 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 9);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_10 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 10);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_11 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 11);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_12 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 12);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_13 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 13);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_14 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 14);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_15 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 15);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_16 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 16);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_17 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 17);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_18 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 18);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_19 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 19);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_20 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 20);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_21 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 21);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_22 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 22);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_23 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 23);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_24 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 24);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_25 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 25);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_26 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 26);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_27 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 27);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_28 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 28);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_29 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 29);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_30 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 30);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_31 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 31);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_32 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 32);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_33 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 33);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_34 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 34);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_35 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 35);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_36 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 36);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_37 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 37);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_38 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 38);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_39 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 39);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_40 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 40);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_41 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 41);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_42 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 42);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_43 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 43);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_44 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 44);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_45 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 45);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_46 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 46);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_47 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 47);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_48 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 48);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_49 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 49);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_50 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 50);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_51 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 51);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_52 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 52);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_53 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 53);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_54 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 54);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_55 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 55);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_56 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 56);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_57 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 57);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_58 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 58);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_59 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 59);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_60 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 60);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_61 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 61);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_62 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 62);
CREATE TABLE gitlab_partitions_static.product_analytics_events_experimental_63 PARTITION OF product_analytics_events_experimental FOR VALUES WITH (modulus 64, remainder 63);

CREATE TABLE milestones (
    id integer NOT NULL,
    title character varying NOT NULL,
    project_id integer,
    description text,
    due_date date,
    created_at timestamp without time zone,
    updated_at timestamp without time zone,
    state character varying,
    iid integer,
    title_html text,
    description_html text,
    start_date date,
    cached_markdown_version integer,
    group_id integer
);

CREATE SEQUENCE milestones_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE milestones_id_seq OWNED BY milestones.id;

ALTER TABLE ONLY milestones ALTER COLUMN id SET DEFAULT nextval('milestones_id_seq'::regclass);

ALTER TABLE ONLY product_analytics_events_experimental ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);

-- edit (continued): the "id bigint DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass)" of
-- each partition's own CREATE TABLE in structure.sql
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_00 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_01 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_02 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_03 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_04 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_05 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_06 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_07 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_08 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_09 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_10 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_11 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_12 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_13 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_14 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_15 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_16 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_17 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_18 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_19 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_20 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_21 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_22 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_23 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_24 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_25 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_26 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_27 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_28 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_29 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_30 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_31 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_32 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_33 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_34 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_35 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_36 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_37 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_38 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_39 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_40 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_41 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_42 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_43 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_44 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_45 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_46 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_47 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_48 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_49 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_50 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_51 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_52 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_53 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_54 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_55 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_56 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_57 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_58 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_59 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_60 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_61 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_62 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);
ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_63 ALTER COLUMN id SET DEFAULT nextval('product_analytics_events_experimental_id_seq'::regclass);

ALTER TABLE ONLY audit_events
    ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id, created_at);

ALTER TABLE ONLY milestones
    ADD CONSTRAINT milestones_pkey PRIMARY KEY (id);

-- edit: the parent's primary key statement was not located in the excerpts read; structure.sql has
-- "ALTER TABLE ONLY gitlab_partitions_static.product_analytics_events_experimental_NN ADD CONSTRAINT
-- product_analytics_events_experimental_NN_pkey PRIMARY KEY (id, project_id)" for each partition, the form pg_dump
-- gives partitions of a parent with that key. Written here on the parent (PostgreSQL then names the partitions'
-- keys product_analytics_events_experimental_NN_pkey as well).
ALTER TABLE ONLY product_analytics_events_experimental
    ADD CONSTRAINT product_analytics_events_experimental_pkey PRIMARY KEY (id, project_id);

CREATE INDEX analytics_index_audit_events_part_on_created_at_and_author_id ON ONLY audit_events USING btree (created_at, author_id);

CREATE INDEX idx_audit_events_part_on_entity_id_desc_author_id_created_at ON ONLY audit_events USING btree (entity_id, entity_type, id DESC, author_id, created_at);

CREATE INDEX index_milestones_on_description_trigram ON milestones USING gin (description gin_trgm_ops);

CREATE INDEX index_milestones_on_due_date ON milestones USING btree (due_date);

CREATE INDEX index_milestones_on_group_id ON milestones USING btree (group_id);

CREATE UNIQUE INDEX index_milestones_on_project_id_and_iid ON milestones USING btree (project_id, iid);

CREATE INDEX index_milestones_on_title ON milestones USING btree (title);

CREATE INDEX index_milestones_on_title_trigram ON milestones USING gin (title gin_trgm_ops);

-- Partitions of audit_events: structure.sql leaves out gitlab_partitions_dynamic (the application creates them).
-- Written as Gitlab::Database::Partitioning::TimePartition#to_sql (lib/gitlab/database/partitioning/
-- time_partition.rb) creates them: the catch-all below the first month, and three months.
CREATE TABLE IF NOT EXISTS gitlab_partitions_dynamic.audit_events_000000
PARTITION OF audit_events
FOR VALUES FROM (MINVALUE) TO ('2021-06-01');
CREATE TABLE IF NOT EXISTS gitlab_partitions_dynamic.audit_events_202106
PARTITION OF audit_events
FOR VALUES FROM ('2021-06-01') TO ('2021-07-01');
CREATE TABLE IF NOT EXISTS gitlab_partitions_dynamic.audit_events_202107
PARTITION OF audit_events
FOR VALUES FROM ('2021-07-01') TO ('2021-08-01');
CREATE TABLE IF NOT EXISTS gitlab_partitions_dynamic.audit_events_202108
PARTITION OF audit_events
FOR VALUES FROM ('2021-08-01') TO ('2021-09-01');
