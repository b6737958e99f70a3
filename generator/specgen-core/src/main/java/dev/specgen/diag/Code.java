package dev.specgen.diag;

/**
 * Stable diagnostic codes. Grouped by stage: SG0xx usage, SG1xx load and shape of the YAML, SG2xx semantics,
 * SG3xx plan, SG4xx static and live checks. Codes are never renumbered or reused; every code is documented in
 * docs/diagnostics.md (a test enforces it).
 */
public enum Code {
    // usage
    SG001("spec path not found"),
    SG002("no spec files found"),
    SG003("bad option value"),
    SG004("output cannot be written"),
    SG005("template cannot be loaded or rendered"),
    SG006("output folder not allowed"),
    SG007("file in the output folder is not specgen's"),
    SG008("symbolic link in the output folder"),
    SG009("output manifest damaged"),
    SG012("live verification is not available"),

    // load: bytes, YAML syntax, resource limits, key shape
    SG100("file cannot be read"),
    SG101("YAML syntax error"),
    SG102("duplicate key"),
    SG103("file is not valid UTF-8"),
    SG104("input too large or too deeply nested (alias bombs, huge files)"),
    SG105("empty file or empty document"),
    SG106("unknown key"),
    SG107("wrong value type"),
    SG108("missing required key"),
    SG109("value not allowed (not one of the accepted words)"),
    SG110("YAML feature not supported in specs (tags, complex keys)"),
    SG111("spec file name holds a control or invisible character"),
    SG112("text holds a lone surrogate (not Unicode)"),
    SG115("spec path is not a regular file (a pipe, a device)"),

    // semantics
    SG201("unknown field type"),
    SG202("duplicate name"),
    SG203("reference to an unknown field"),
    SG204("reference to an unknown entity"),
    SG205("hash index with more than one column"),
    SG206("INCLUDE on an access method that does not support it"),
    SG207("GiST/GIN on plain scalar columns needs btree_gist/btree_gin"),
    SG208("partition column is nullable"),
    SG209("primary key or unique constraint on a partitioned table misses the partition column"),
    SG210("storage parameter not valid here"),
    SG211("identifier longer than 63 bytes"),
    SG212("identifier needs quoting"),
    SG213("BRIN on a column with no natural order"),
    SG214("bad partition interval or step"),
    SG215("overlapping or gapped partition bounds"),
    SG216("incomplete or inconsistent partitioning"),
    SG217("partition strategy does not fit the column type"),
    SG218("too many partitions"),
    SG219("bad type parameters (precision, scale, length, enum values)"),
    SG220("unique index with an access method that cannot enforce uniqueness"),
    SG221("invalid default value or expression"),
    SG222("action or view setting not valid"),
    SG223("more than one primary key"),
    SG224("foreign key on a partitioned table or to a non-unique column"),
    SG225("conflicting field settings (identity, nullable, primary key)"),
    SG226("index duplicates another index"),
    SG227("schema name reserved by PostgreSQL (pg_*, information_schema)"),
    SG228("unique: true on the primary key field has no effect"),
    SG230("bulk operation key not usable"),
    SG231("upsert conflict key matches no unique constraint or misses a partition column"),
    SG232("replace parent key not usable"),
    SG233("update columns not usable"),
    SG234("performance hint cannot be honoured safely"),
    SG235("setting has no effect on this action"),
    SG236("action not generated yet"),
    SG240("materialized view without a definition, or with two"),
    SG241("view query is not exactly one read-only SELECT"),
    SG242("view SQL does not parse"),
    SG243("unknown or unusable table in a view"),
    SG244("unknown or ambiguous column in a view"),
    SG245("view cannot be maintained incrementally (refreshed in full)"),
    SG246("view key or output column problem"),
    SG247("views that depend on each other in a cycle"),
    SG248("view setting has no effect"),
    SG249("incremental maintenance without the index it leans on"),
    SG250("partition maintenance key has no effect on list or hash partitioning"),
    SG251("bad premake"),
    SG252("bad retention"),
    SG253("partition maintenance setting without effect"),
    SG254("partition maintenance not possible here"),
    SG260("foreign key columns repeated or not matching the referenced columns in number"),
    SG261("foreign key column type does not match the referenced column"),
    SG262("foreign key action cannot work on its columns"),
    SG263("foreign key given twice"),
    SG264("NOT VALID foreign key on a partitioned table"),
    SG270("constraint duplicates the primary key or another unique constraint"),
    SG271("NOT VALID on a constraint PostgreSQL always validates"),
    SG272("EXCLUDE constraint method or operator not usable"),
    SG273("constraint item without exactly one of check, unique, exclude"),
    SG280("unknown extension, or one without an extension it requires"),
    SG281("operator class of an extension the run does not declare"),
    SG282("identity options out of range or contradictory"),
    SG283("generated column not possible here"),
    SG284("sequence not declared in the run, or not usable"),
    SG285("declared type made of itself (a cycle of types)"),
    SG286("range type over a subtype without a btree operator class"),
    SG287("declared type used before the install creates it (another schema's type)"),
    SG288("types: item without exactly one of domain, composite, range, enum, or with keys of another kind"),
    SG289("range subtype with a type modifier, which PostgreSQL drops"),

    // plan
    SG290("replica identity index not usable"),
    SG291("row level security policy does not fit its command"),
    SG292("trigger events, level or columns do not fit together"),
    SG301("generated name collides with another object"),
    SG310("too many tables and partitions for one run"),
    SG311("too many DDL statements for one run"),
    SG312("too much generated SQL for one run"),

    // checks: static parse and live PostgreSQL
    SG401("generated SQL does not parse (specgen bug)"),
    SG402("PostgreSQL rejected a statement"),
    SG403("second apply changed the catalog (script is not re-runnable)"),
    SG404("catalog differs from the plan"),
    SG405("database could not be started or reached"),
    SG406("generated test failed"),
    SG407("generated/ is stale"),
    SG408("a statement timed out (lock_timeout or statement_timeout)"),
    SG409("--in-place cannot apply CREATE INDEX CONCURRENTLY atomically"),
    SG410("the database server ran out of a resource"),
    SG411("scratch objects of an interrupted run removed, or left behind"),
    SG412("verification interrupted"),
    SG415("load cannot start"),
    SG416("load stopped: too many rejected rows"),
    SG417("load failed"),
    SG418("rows rejected by a load"),
    SG419("--in-place: bulk-function tests and session checks not run"),
    SG425("partition made or removed by partition maintenance"),
    SG426("no health function to read");

    private final String title;

    Code(String title) {
        this.title = title;
    }

    /** One-line description, as listed in docs/diagnostics.md. */
    public String title() {
        return title;
    }
}
