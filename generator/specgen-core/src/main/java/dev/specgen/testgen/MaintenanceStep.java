package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.Objects;

/**
 * The steps of a test file's partition maintenance section ({@link MaintenanceTests}). They write rows and create,
 * drop and detach partitions, all rolled back with the file, so they run only where the seeded tests run
 * ({@code pg_temp.specgen_seeding()}); {@link Gate} reports them as skipped otherwise.
 */
public sealed interface MaintenanceStep extends TestStep permits MaintenanceStep.Gate, MaintenanceStep.Run,
        MaintenanceStep.Is, MaintenanceStep.LivesOk, MaintenanceStep.SkipAll {

    /** {@code skip(why, gated)} where the seeded tests do not run. */
    record Gate(int gated, SourcePos origin) implements MaintenanceStep {
        public Gate {
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/maintenance_gate";
        }
    }

    /** A statement that is not a test (a snapshot of the keys), run only where the seeded tests run. */
    record Run(String sql, SourcePos origin) implements MaintenanceStep {
        public Run {
            Objects.requireNonNull(sql, "sql == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/maintenance_run";
        }
    }

    /**
     * {@code is(got, expected, description)}: both SQL expressions; {@code gated}: only where the seeded tests run
     * (in a test file; a session check's assertions always run).
     */
    record Is(String got, String expected, String description, boolean gated, SourcePos origin)
            implements MaintenanceStep {
        public Is(String got, String expected, String description, SourcePos origin) {
            this(got, expected, description, true, origin);
        }

        public Is {
            Objects.requireNonNull(got, "got == null");
            Objects.requireNonNull(expected, "expected == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        @Override
        public int tests() {
            return 1;
        }

        public String descriptionLiteral() {
            return Sql.literal(description);
        }

        public String template() {
            return "tests/maintenance_is";
        }
    }

    /** {@code lives_ok(sql, description)}. */
    record LivesOk(String sql, String description, SourcePos origin) implements MaintenanceStep {
        public LivesOk {
            Objects.requireNonNull(sql, "sql == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        @Override
        public int tests() {
            return 1;
        }

        public String sqlLiteral() {
            return Assertion.dollarQuoted(sql);
        }

        public String descriptionLiteral() {
            return Sql.literal(description);
        }

        public String template() {
            return "tests/maintenance_lives_ok";
        }
    }

    /** {@code count} tests that cannot run here, reported as skipped. */
    record SkipAll(String reason, int count, SourcePos origin) implements MaintenanceStep {
        public SkipAll {
            Objects.requireNonNull(reason, "reason == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        @Override
        public int tests() {
            return count;
        }

        public String reasonLiteral() {
            return Sql.literal(reason);
        }

        public String template() {
            return "tests/maintenance_skip";
        }
    }
}
