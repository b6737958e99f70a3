package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The tests of a file's performance section: they run on seeded data. */
public sealed interface PerformanceAssertion extends Assertion {

    /** {@code lives_ok(call, description)}: the seed function runs without error. */
    record Seeded(String call, String description, SourcePos origin) implements PerformanceAssertion {
        public Seeded {
            Objects.requireNonNull(call, "call == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String callLiteral() {
            return Sql.literal(call);
        }

        public String template() {
            return "tests/seeded";
        }
    }

    /**
     * {@code is(scanned relations of query, expected)}: partition pruning. {@code expected} is an SQL expression
     * of type {@code text[]}, sorted in byte order like {@code pg_temp.specgen_scanned}.
     */
    record Pruning(String query, String expected, String description, SourcePos origin)
            implements PerformanceAssertion, WithQuery {
        public Pruning {
            Objects.requireNonNull(query, "query == null");
            Objects.requireNonNull(expected, "expected == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/pruning";
        }
    }

    /**
     * The query's plan reads through one of {@code indexes} (schema-qualified: the index under test and the other
     * indexes that serve the same lookup; on a partitioned table their indexes on the partitions count too) and has
     * no Seq Scan; a failure names the scans found.
     */
    record IndexUse(String query, List<String> indexes, String description, SourcePos origin)
            implements PerformanceAssertion, WithQuery {
        public IndexUse {
            Objects.requireNonNull(query, "query == null");
            indexes = List.copyOf(indexes);
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        /**
         * {@code ARRAY['analytics.idx_x', ...]::text[]}: each {@code schema.name} quoted as to_regclass reads it
         * ({@code 'public."Orders_pkey"'}), so a name with capitals or a key word is found too.
         */
        public String indexesArray() {
            StringBuilder b = new StringBuilder(16 + 40 * indexes.size()).append("ARRAY[");
            for (int i = 0; i < indexes.size(); i++) {
                String q = indexes.get(i);
                int dot = q.indexOf('.');
                b.append(i == 0 ? "" : ", ").append(Sql.literal(Sql.qualified(q.substring(0, dot),
                        q.substring(dot + 1))));
            }
            return b.append("]::text[]").toString();
        }

        public String template() {
            return "tests/index_use";
        }
    }

    /**
     * {@code performs_within(query, half, half, iterations, description)}: the mean of the middle runs lies in
     * (0, 2 * half) ms, i.e. under the budget.
     *
     * @param half half the budget in ms, as an SQL number
     */
    record TimeBudget(String query, String half, int iterations, String description, SourcePos origin)
            implements PerformanceAssertion, WithQuery {
        public TimeBudget {
            Objects.requireNonNull(query, "query == null");
            Objects.requireNonNull(half, "half == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/time_budget";
        }
    }

    /** A test that cannot run here, reported as skipped: {@code ok 7 - # SKIP reason}. */
    record Skip(String reason, SourcePos origin) implements PerformanceAssertion {
        public Skip {
            Objects.requireNonNull(reason, "reason == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String description() {
            return "# SKIP " + reason;
        }

        public String template() {
            return "tests/skip";
        }
    }
}
