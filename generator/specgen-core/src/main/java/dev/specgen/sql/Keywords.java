package dev.specgen.sql;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL 17 key words that are not "unreserved", by category ({@code src/include/parser/kwlist.h}, appendix C
 * of the manual); lower case.
 */
public final class Keywords {
    private Keywords() {
    }

    /**
     * "non-reserved (cannot be function or type)" ({@code col_name_keyword}): fine as column names, but not as a
     * type or function name, so a schema named {@code time} breaks {@code time.status_enum}.
     */
    public static final Set<String> COLUMN_NAME = Set.of(
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "json", "json_array",
            "json_arrayagg", "json_exists", "json_object", "json_objectagg", "json_query", "json_scalar",
            "json_serialize", "json_table", "json_value", "least", "merge_action", "national", "nchar", "none",
            "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof",
            "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    /** "reserved" ({@code reserved_keyword}). */
    public static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "when", "where", "window", "with");

    /** "reserved (can be function or type)" ({@code type_func_name_keyword}). */
    public static final Set<String> TYPE_FUNC_NAME = Set.of(
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");

    /** Every key word {@code quote_ident()} quotes: the three sets above. */
    public static final Set<String> NOT_UNRESERVED = union(COLUMN_NAME, RESERVED, TYPE_FUNC_NAME);

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        List.of(sets).forEach(all::addAll);
        return Set.copyOf(all);
    }
}
