package dev.specgen.testgen;

import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rows of one bulk test as an SQL VALUES list {@code (VALUES (1, v, ...), ...) AS e(specgen_row, col, ...)}, and the
 * statements built on it: the array-form call (one array_agg per column, in row order), the jsonb-form call
 * ({@code jsonb_agg(to_jsonb(e) - 'specgen_row')}), a plain INSERT, and how many of the rows the table holds exactly.
 */
final class BulkRows {
    private final List<Field> columns;
    private final List<Map<String, String>> rows = new ArrayList<>();

    BulkRows(List<Field> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row: one SQL value per column, by column name. */
    BulkRows add(Map<String, String> row) {
        if (!row.keySet().containsAll(columns.stream().map(Field::name).toList())) {
            throw new IllegalArgumentException("a value for every column: " + row.keySet());
        }
        rows.add(new LinkedHashMap<>(row));
        return this;
    }

    int size() {
        return rows.size();
    }

    String values() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            lines.add("(" + (i + 1) + ", " + columns.stream().map(c -> r.get(c.name()))
                    .collect(Collectors.joining(", ")) + ")");
        }
        return "(VALUES " + String.join(",\n               ", lines) + ") AS e(specgen_row, "
                + columns.stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", ")) + ")";
    }

    /** {@code SELECT fn(p_a => array_agg(e.a ORDER BY e.specgen_row), ...) FROM (VALUES ...)}. */
    String arrayCall(String fn, List<Field> params) {
        return "SELECT " + fn + "(" + params.stream().map(f -> Sql.ident("p_" + f.name()) + " => array_agg(e."
                + Sql.ident(f.name()) + (dev.specgen.model.BulkShape.asText(f.type()) ? "::text" : "")
                + " ORDER BY e.specgen_row)").collect(Collectors.joining(", ")) + ") FROM " + values();
    }

    /** The array-form call with one more (NULL) element in the first array: arrays of different lengths. */
    String unevenCall(String fn, List<Field> params) {
        String call = arrayCall(fn, params);
        Field first = params.get(0);
        String agg = "array_agg(e." + Sql.ident(first.name())
                + (dev.specgen.model.BulkShape.asText(first.type()) ? "::text" : "") + " ORDER BY e.specgen_row)";
        return call.replaceFirst(java.util.regex.Pattern.quote(agg), java.util.regex.Matcher.quoteReplacement(
                "array_append(" + agg + ", NULL)"));
    }

    /** {@code SELECT fn(jsonb_agg(to_jsonb(e) - 'specgen_row' ORDER BY e.specgen_row)) FROM (VALUES ...)}. */
    String jsonCall(String fn) {
        return "SELECT " + fn + "(jsonb_agg(to_jsonb(e) - 'specgen_row' ORDER BY e.specgen_row)) FROM " + values();
    }

    /** A plain INSERT of the rows, for tests that need rows in place first. */
    String insert(String table) {
        String cols = columns.stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + cols + ") SELECT " + columns.stream().map(c -> "e."
                + Sql.ident(c.name())).collect(Collectors.joining(", ")) + " FROM " + values();
    }

    /** How many of the rows the table holds with exactly these values. */
    String stored(String table) {
        return "(SELECT count(*) FROM " + values() + " WHERE EXISTS (SELECT 1 FROM " + table + " AS t WHERE "
                + columns.stream().map(c -> BulkValues.same("t." + Sql.ident(c.name()), "e." + Sql.ident(c.name()),
                        c)).collect(Collectors.joining(" AND ")) + "))";
    }
}
