package dev.specgen.render;

import dev.specgen.diag.SourcePos;
import dev.specgen.plan.SqlObject;
import java.util.List;
import java.util.Objects;

/**
 * One statement's SQL with the plan object (and so the spec position) it came from.
 *
 * @param standIn the statement rendered from {@link SqlObject#parseStandIn()} (equal to {@code sql} when the
 *                object has nothing to stand in for), for the static parse gate
 * @param spans   where the parts of the object that have spec positions of their own (a table's columns and
 *                constraints) landed in {@code sql}, found by rendering; empty when unknown
 */
public record RenderedStatement(SqlObject object, String sql, String file, String standIn, List<Span> spans) {

    /** Characters {@code [start, end)} of the statement came from {@code origin}. */
    public record Span(int start, int end, SourcePos origin) {
        public Span {
            Objects.requireNonNull(origin, "origin == null");
        }

        boolean contains(int index) {
            return start <= index && index < end;
        }
    }

    public RenderedStatement {
        Objects.requireNonNull(object, "object == null");
        Objects.requireNonNull(sql, "sql == null");
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(standIn, "standIn == null");
        spans = List.copyOf(spans);
    }

    /** A statement without stand-ins or spans. */
    public RenderedStatement(SqlObject object, String sql, String file) {
        this(object, sql, file, sql, List.of());
    }

    /**
     * The spec position behind PostgreSQL's error position {@code position} (1-based, in characters, as
     * {@code PSQLException}'s server message gives it; 0 when unknown): the innermost span that contains it, else
     * the object's own position.
     */
    public SourcePos originAt(int position) {
        if (position <= 0) {
            return object.origin();
        }
        int index = sql.offsetByCodePoints(0, Math.min(position - 1, sql.codePointCount(0, sql.length())));
        Span best = null;
        for (Span s : spans) {
            if (s.contains(index) && (best == null || s.end() - s.start() < best.end() - best.start())) {
                best = s;
            }
        }
        return best == null ? object.origin() : best.origin();
    }
}
