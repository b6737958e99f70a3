package dev.specgen.model;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Identifier and literal spelling for PostgreSQL. Templates never quote; they receive text made here. */
public final class Sql {
    private Sql() {
    }

    private static final Pattern SIMPLE = Pattern.compile("[a-z_][a-z0-9_$]*");

    /**
     * PostgreSQL 17 "non-reserved (cannot be function or type)" key words ({@code col_name_keyword} in
     * {@code src/include/parser/kwlist.h}): fine as column names, but not as a type or function name, so a schema
     * named {@code time} breaks {@code time.status_enum}. specgen quotes them, as {@code quote_ident()} does.
     */
    public static final Set<String> COLUMN_NAME_KEYWORDS = Set.of(
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "json", "json_array",
            "json_arrayagg", "json_exists", "json_object", "json_objectagg", "json_query", "json_scalar",
            "json_serialize", "json_table", "json_value", "least", "merge_action", "national", "nchar", "none",
            "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof",
            "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    /**
     * Every PostgreSQL 17 key word that is not "unreserved", i.e. exactly the words {@code quote_ident()} quotes
     * (appendix C): "reserved" ({@code reserved_keyword}), "reserved (can be function or type)"
     * ({@code type_func_name_keyword}) and {@link #COLUMN_NAME_KEYWORDS}. These are never written bare.
     */
    public static final Set<String> RESERVED = union(COLUMN_NAME_KEYWORDS,
            // reserved_keyword
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "when", "where", "window", "with",
            // type_func_name_keyword
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    /** True when {@code name} can be written bare: lower case, no special characters, not in {@link #RESERVED}. */
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

    /**
     * A dollar-quote tag ({@code specgen}, else {@code specgen1}, ...) that does not occur in {@code body}, so the
     * body cannot end the quoted string early (an enum label {@code $specgen$} would).
     */
    public static String dollarTag(String body) {
        String tag = "specgen";
        for (int i = 1; body.contains("$" + tag + "$"); i++) {
            tag = "specgen" + i;
        }
        return tag;
    }
}
