package dev.specgen.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Identifier and literal spelling for PostgreSQL. Templates never quote; they receive text made here. */
public final class Sql {
    private Sql() {
    }

    private static final Pattern SIMPLE = Pattern.compile("[a-z_][a-z0-9_$]*");

    /**
     * PostgreSQL reserved key words (appendix C, "reserved" and "reserved (can be function or type)"): these need
     * quotes as column or table names.
     */
    public static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
            "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group",
            "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral",
            "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null",
            "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references",
            "returning", "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
            "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
            "verbose", "when", "where", "window", "with");

    /** True when {@code name} can be written bare: lower case, no special characters, not reserved. */
    public static boolean isSimple(String name) {
        return SIMPLE.matcher(name).matches() && !RESERVED.contains(name);
    }

    /** {@code name} bare when simple, otherwise double-quoted with embedded quotes doubled. */
    public static String ident(String name) {
        if (isSimple(name)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code schema.name}, each part quoted when needed. */
    public static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /** A string literal: {@code 'it''s'}. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code SalesTransaction} -> {@code sales_transaction}; {@code HTTPLog} -> {@code http_log}. */
    public static String snakeCase(String name) {
        String s = name.replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2").replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        return s.replace('-', '_').replace(' ', '_').toLowerCase(Locale.ROOT);
    }

    /** Length in bytes as PostgreSQL counts identifiers (NAMEDATALEN - 1 = 63). */
    public static int byteLength(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    public static final int MAX_IDENT_BYTES = 63;
}
