package dev.specgen.validate;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The extensions PostgreSQL ships as contrib modules in every version specgen verifies on (16, 17 and 18: the
 * {@code pg_available_extensions} of the embedded PostgreSQL 17 without the procedural languages and their
 * transforms; {@code adminpack} and {@code old_snapshot} are gone in 17, {@code pg_logicalinspect} is new in 18), and
 * the operator classes they define (read from {@code pg_opclass} and {@code pg_depend} after {@code CREATE
 * EXTENSION} on PostgreSQL 17). btree_gin's operator classes are left out: they share their names with
 * PostgreSQL's built-in btree classes ({@code int4_ops}), so a name alone cannot say it needs btree_gin.
 */
public final class Contrib {

    /** Sorted. */
    public static final SortedSet<String> EXTENSIONS = new TreeSet<>(java.util.List.of("amcheck", "autoinc", "bloom",
            "btree_gin", "btree_gist", "citext", "cube", "dblink", "dict_int", "dict_xsyn", "earthdistance",
            "file_fdw", "fuzzystrmatch", "hstore", "insert_username", "intagg", "intarray", "isn", "lo", "ltree",
            "moddatetime", "pageinspect", "pg_buffercache", "pg_freespacemap", "pg_prewarm", "pg_stat_statements",
            "pg_surgery", "pg_trgm", "pg_visibility", "pg_walinspect", "pgcrypto", "pgrowlocks", "pgstattuple",
            "postgres_fdw", "refint", "seg", "sslinfo", "tablefunc", "tcn", "tsm_system_rows", "tsm_system_time",
            "unaccent", "uuid-ossp", "xml2"));

    /** Extensions that CREATE EXTENSION refuses without another one ({@code requires} in their control file). */
    public static final Map<String, String> REQUIRES = Map.of("earthdistance", "cube");

    private static final Map<String, String> OPCLASSES = new TreeMap<>();

    static {
        put("pg_trgm", "gin_trgm_ops", "gist_trgm_ops");
        put("hstore", "btree_hstore_ops", "gin_hstore_ops", "gist_hstore_ops", "hash_hstore_ops");
        put("ltree", "ltree_ops", "gist_ltree_ops", "gist__ltree_ops", "hash_ltree_ops");
        put("intarray", "gin__int_ops", "gist__int_ops", "gist__intbig_ops");
        put("cube", "cube_ops", "gist_cube_ops");
        put("seg", "seg_ops", "gist_seg_ops");
        put("citext", "citext_ops", "citext_pattern_ops");
        put("isn", "ean13_ops", "isbn13_ops", "isbn_ops", "ismn13_ops", "ismn_ops", "issn13_ops", "issn_ops",
                "upc_ops");
        for (String t : java.util.List.of("bit", "bool", "bpchar", "bytea", "cash", "cidr", "date", "enum", "float4",
                "float8", "inet", "int2", "int4", "int8", "interval", "macaddr8", "macaddr", "numeric", "oid", "text",
                "time", "timestamp", "timestamptz", "timetz", "uuid", "vbit")) {
            put("btree_gist", "gist_" + t + "_ops");
        }
    }

    /** Base types contrib extensions define (from {@code pg_type} and {@code pg_depend} on PostgreSQL 17). */
    private static final Map<String, String> TYPES = new TreeMap<>();

    static {
        TYPES.put("citext", "citext");
        TYPES.put("hstore", "hstore");
        TYPES.put("cube", "cube");
        TYPES.put("seg", "seg");
        for (String t : java.util.List.of("ltree", "lquery", "ltxtquery")) {
            TYPES.put(t, "ltree");
        }
        for (String t : java.util.List.of("ean13", "isbn", "isbn13", "ismn", "ismn13", "issn", "issn13", "upc")) {
            TYPES.put(t, "isn");
        }
    }

    private Contrib() {
    }

    /** The contrib extension that defines type {@code name}, if any. */
    public static Optional<String> extensionOfType(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    private static void put(String extension, String... opclasses) {
        for (String o : opclasses) {
            OPCLASSES.put(o, extension);
        }
    }

    /** The extension that defines operator class {@code name} (unqualified, as PostgreSQL folds it), if any. */
    public static Optional<String> extensionOf(String opclass) {
        return Optional.ofNullable(OPCLASSES.get(opclass));
    }
}
