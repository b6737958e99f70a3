package dev.specgen.render;

import dev.specgen.diag.SourcePos;
import dev.specgen.plan.SqlObject;
import dev.specgen.plan.SqlObject.Column;
import dev.specgen.plan.SqlObject.Constraint;
import dev.specgen.plan.SqlObject.CreateTable;
import dev.specgen.render.RenderedStatement.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where each column and constraint of a table landed in its rendered statement, whatever the template's layout:
 * the table is rendered a second time with every part's text wrapped in markers (private-use characters that no
 * spec text can hold, since PostgreSQL identifiers and SQL text from specs are checked before), and the markers
 * are read back. A template that computes on the text ({@code ?length}, {@code ?truncate}) renders differently once
 * the markers are stripped; then nothing is claimed and errors point at the table.
 */
final class SourceSpans {
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    /** Ids are two characters from this block of 256, so a table may have 65,536 parts. */
    private static final char DIGITS = '\uE100';

    private SourceSpans() {
    }

    static List<Span> of(SqlObject o, String sql, Function<SqlObject, String> render) {
        if (!(o instanceof CreateTable t) || sql.indexOf(OPEN) >= 0 || sql.indexOf(CLOSE) >= 0) {
            return List.of();
        }
        List<SourcePos> origins = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (Column c : t.columns()) {
            String id = id(origins.size());
            origins.add(c.origin());
            columns.add(new Column(mark(id, c.name()), mark(id, c.paddedName()), mark(id, c.type()), c.notNull(),
                    mark(id, c.defaultSql()), mark(id, c.identity()), c.origin(), mark(id, c.generated())));
        }
        List<Constraint> constraints = new ArrayList<>();
        for (Constraint k : t.constraints()) {
            String id = id(origins.size());
            origins.add(k.origin());
            constraints.add(new Constraint(k.kind(), mark(id, k.name()), mark(id, k.body()), k.origin()));
        }
        String marked;
        try {
            marked = render.apply(new CreateTable(t.name(), t.unlogged(), columns, constraints, t.partitionBy(),
                    t.with(), t.origin()));
        } catch (Renderer.TemplateFailure e) { // an override template that computes on the text (?length)
            return List.of();
        }
        return read(marked, sql, origins).orElse(List.of());
    }

    private static String id(int n) {
        return "" + (char) (DIGITS + (n >> 8)) + (char) (DIGITS + (n & 0xFF));
    }

    /** Empty text stays empty: templates test it ({@code hasAttributes}). */
    private static String mark(String id, String text) {
        return text.isEmpty() ? text : OPEN + id + text + CLOSE;
    }

    /** The spans of the marked rendering, when stripping the markers gives exactly {@code sql}. */
    private static Optional<List<Span>> read(String marked, String sql, List<SourcePos> origins) {
        StringBuilder plain = new StringBuilder(sql.length());
        Deque<int[]> open = new ArrayDeque<>(); // {id, start}
        List<int[]> found = new ArrayList<>();
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == OPEN && i + 2 < marked.length()) {
                int id = (marked.charAt(i + 1) - DIGITS) << 8 | (marked.charAt(i + 2) - DIGITS);
                if (id < 0 || id >= origins.size()) {
                    return Optional.empty();
                }
                open.push(new int[] {id, plain.length()});
                i += 2;
            } else if (c == CLOSE) {
                if (open.isEmpty()) {
                    return Optional.empty();
                }
                int[] o = open.pop();
                found.add(new int[] {o[0], o[1], plain.length()});
            } else {
                plain.append(c);
            }
        }
        if (!open.isEmpty() || !plain.toString().equals(sql)) {
            return Optional.empty();
        }
        return Optional.of(merge(found, origins, sql));
    }

    /**
     * Consecutive marked texts of one part on one line are joined (a column's name, type and default, and the blanks
     * between them), so an error anywhere in the column's text points at it.
     */
    private static List<Span> merge(List<int[]> found, List<SourcePos> origins, String sql) {
        found.sort((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[0], b[0]));
        List<Span> out = new ArrayList<>();
        int[] cur = null;
        for (int[] f : found) {
            boolean sameLine = cur != null && f[1] >= cur[2] && sql.substring(cur[2], f[1]).indexOf('\n') < 0;
            if (sameLine && cur[0] == f[0]) {
                cur[2] = Math.max(cur[2], f[2]);
                continue;
            }
            if (cur != null) {
                out.add(new Span(cur[1], cur[2], origins.get(cur[0])));
            }
            cur = f.clone();
        }
        if (cur != null) {
            out.add(new Span(cur[1], cur[2], origins.get(cur[0])));
        }
        return out;
    }
}
