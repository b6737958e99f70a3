package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;

/** The steps of a view's test file that set the stage (no TAP test of their own). */
public sealed interface ViewStep extends TestStep {

    /** {@code pg_temp.specgen_diff(a, b)}: rows of query a not in b plus rows of b not in a, duplicates counted. */
    record DiffHelper(SourcePos origin) implements ViewStep {
        public DiffHelper {
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/diff_helper";
        }
    }

    /**
     * {@code pg_temp.<function>(first integer, n integer, cnt integer)}: inserts the rows numbered {@code first ..
     * first + cnt - 1} into {@code table}, each column {@code values[k]}, an SQL expression of the row number
     * {@code i} (and of {@code n}, the span partition keys are spread over), so later rounds add rows that do not
     * collide with earlier ones.
     */
    record RowsFunction(String function, String table, List<String> columns, List<String> values, boolean overriding,
            SourcePos origin) implements ViewStep {
        public RowsFunction {
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(table, "table == null");
            columns = List.copyOf(columns);
            values = List.copyOf(values);
            if (columns.size() != values.size()) {
                throw new IllegalArgumentException("one value per column");
            }
            Objects.requireNonNull(origin, "origin == null");
        }

        public List<String> selectList() {
            return java.util.stream.IntStream.range(0, columns.size())
                    .mapToObj(k -> values.get(k) + " AS " + columns.get(k)).toList();
        }

        public String template() {
            return "tests/rows_function";
        }
    }

    /** A statement run as is, with a comment saying why ({@code SELECT setseed(0.5)}, {@code ANALYZE ...}). */
    record Run(String sql, String why, SourcePos origin) implements ViewStep {
        public Run {
            Objects.requireNonNull(sql, "sql == null");
            Objects.requireNonNull(why, "why == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean hasWhy() {
            return !why.isEmpty();
        }

        public String template() {
            return "tests/run";
        }
    }
}
