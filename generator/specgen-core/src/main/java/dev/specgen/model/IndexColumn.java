package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of an index: a column ({@code column} set) or an expression ({@code expression} set, e.g.
 * {@code lower(email)}), with optional ordering, NULLS placement and operator class.
 * Parsed from {@code "total_sales DESC NULLS LAST"} or the long form
 * {@code {column: x, order: desc, nulls: last, opclass: text_pattern_ops}}.
 */
public record IndexColumn(
        Optional<String> column,
        Optional<String> expression,
        Optional<Order> order,
        Optional<Nulls> nulls,
        Optional<String> opclass,
        SourcePos pos) {

    public enum Order { ASC, DESC }

    public enum Nulls { FIRST, LAST }

    public IndexColumn {
        Objects.requireNonNull(column, "column == null");
        Objects.requireNonNull(expression, "expression == null");
        if (column.isPresent() == expression.isPresent()) {
            throw new IllegalArgumentException("exactly one of column and expression");
        }
        Objects.requireNonNull(order, "order == null");
        Objects.requireNonNull(nulls, "nulls == null");
        Objects.requireNonNull(opclass, "opclass == null");
        Objects.requireNonNull(pos, "pos == null");
    }

    public static IndexColumn of(String column, SourcePos pos) {
        return new IndexColumn(Optional.of(column), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), pos);
    }
}
