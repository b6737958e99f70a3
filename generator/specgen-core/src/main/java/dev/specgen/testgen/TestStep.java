package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a generated test file, as data: a statement that sets the stage (transaction, settings, helper and
 * seed functions, ANALYZE), a comment, or an {@link Assertion} (exactly one TAP test). Each step is rendered by
 * its own template {@code templates/postgres/tests/<template>.ftl} and keeps the spec position it comes from, so a
 * statement that fails can be reported at the spec.
 */
public sealed interface TestStep permits TestStep.Begin, TestStep.SearchPath, TestStep.SetLocal, TestStep.Plan,
        TestStep.Section, TestStep.Note, TestStep.Helpers, TestStep.SeedFunction, TestStep.SeedGate,
        TestStep.Analyze, TestStep.Finish, TestStep.Rollback, TestStep.Statement, TestStep.RoleHelper,
        TestStep.CreateRole, Assertion, ViewStep, MaintenanceStep {

    SourcePos origin();

    /** The template that renders this step, relative to {@code templates/postgres}, without {@code .ftl}. */
    String template();

    /** TAP tests this step reports: 1 for an {@link Assertion}, else 0. */
    default int tests() {
        return 0;
    }

    /** Comment text in lines of at most 110 characters, broken at spaces. */
    private static List<String> wrap(String text) {
        return CommentLines.of(text);
    }

    /** {@code BEGIN}: everything the file does is rolled back at the end. */
    record Begin(SourcePos origin) implements TestStep {
        public Begin {
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/begin";
        }
    }

    /**
     * The schema under test in front of the session's search_path, for this transaction: the session's path is
     * where the runner put the TAP functions (pgTAP's schema under pg_prove, specgen's run schema under specgen),
     * so the file names no TAP schema of its own (a user's schema called {@code tap} is not specgen's).
     */
    record SearchPath(String schema, Optional<String> partitionSchema, SourcePos origin) implements TestStep {
        public SearchPath {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(partitionSchema, "partitionSchema == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public SearchPath(String schema, SourcePos origin) {
            this(schema, Optional.empty(), origin);
        }

        /**
         * {@code 'analytics, '}: the quoted schema and the separator, as an SQL literal; the entity's
         * {@code partition_schema} follows it, so that its partitions' names read unqualified, as the tests list
         * them ({@code partitions_are} compares {@code regclass} text, which qualifies a name not on the path).
         */
        public String prefixLiteral() {
            return Sql.literal(Sql.ident(schema) + ", " + partitionSchema.map(p -> Sql.ident(p) + ", ").orElse(""));
        }

        public String tag() {
            return Sql.dollarTag(prefixLiteral());
        }

        public String template() {
            return "tests/search_path";
        }
    }

    /** {@code SET LOCAL name = value} with a comment saying why; {@code value} is SQL as written. */
    record SetLocal(String name, String value, String why, SourcePos origin) implements TestStep {
        public SetLocal {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(value, "value == null");
            Objects.requireNonNull(why, "why == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/set_local";
        }

        public List<String> whyLines() {
            return wrap(why);
        }
    }

    /** {@code SELECT plan(count)}: the number of tests the file runs. */
    record Plan(int count, SourcePos origin) implements TestStep {
        public Plan {
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/plan";
        }
    }

    /** A section heading comment ({@code -- structure}), preceded by a blank line. */
    record Section(String title, SourcePos origin) implements TestStep {
        public Section {
            Objects.requireNonNull(title, "title == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/section";
        }
    }

    /** A comment line, e.g. why a test is left out. */
    record Note(String text, SourcePos origin) implements TestStep {
        public Note {
            Objects.requireNonNull(text, "text == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/note";
        }

        public List<String> lines() {
            return wrap(text);
        }
    }

    /** The {@code pg_temp.specgen_*} functions that read query plans (EXPLAIN (FORMAT JSON)). */
    record Helpers(SourcePos origin) implements TestStep {
        public Helpers {
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/helpers";
        }
    }

    /**
     * {@code pg_temp.<function>(n integer)}: first {@code PERFORM}s each of {@code before} (seed functions of
     * referenced tables, with their row counts), then inserts {@code n} rows, each column set to
     * {@code values[k] AS columns[k]}, an expression of the row number {@code i}.
     *
     * @param table      qualified, quoted table name
     * @param columns    quoted column names
     * @param overriding {@code OVERRIDING SYSTEM VALUE} (a GENERATED ALWAYS identity column gets explicit values)
     * @param userTriggers the table has triggers the spec declares: the user's code, which may reject synthetic
     *                     rows (a trigger that checks values against the catalog), so they are disabled around the
     *                     INSERT; the test that calls the function runs in a transaction that is rolled back
     */
    record SeedFunction(String function, String table, List<String> columns, List<String> values,
            boolean overriding, boolean userTriggers, List<String> before, SourcePos origin) implements TestStep {
        public SeedFunction {
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(table, "table == null");
            columns = List.copyOf(columns);
            values = List.copyOf(values);
            if (columns.size() != values.size()) {
                throw new IllegalArgumentException("one value per column");
            }
            before = List.copyOf(before);
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/seed_function";
        }

        /** {@code value AS column} lines. */
        public List<String> selectList() {
            return java.util.stream.IntStream.range(0, columns.size())
                    .mapToObj(k -> values.get(k) + " AS " + columns.get(k)).toList();
        }

        public boolean hasBefore() {
            return !before.isEmpty();
        }

        /**
         * The body's dollar-quote tag: {@code specgen}, unless a seed expression holds {@code $specgen$} (in a
         * string, say), which would end the body early and run the rest as SQL of its own.
         */
        public String tag() {
            return Sql.dollarTag(String.join("\n", values) + "\n" + String.join("\n", before) + "\n" + table
                    + "\n" + String.join("\n", columns));
        }
    }

    /**
     * Decides, once, before seeding, whether the seeded tests run: not when the session turned them off
     * ({@code specgen.seeded_tests = off}, which {@code specgen verify --in-place} sets so a user's tables keep no
     * trace: no rows, no statistics, no dead tuples), and not when a table to seed already holds rows (seeded rows
     * would mix with them and a key could collide). Then each of the {@code tests} seeded tests reports
     * {@code ok N # SKIP <why>} instead, so the plan count holds either way.
     *
     * @param tables the tables the seed functions fill, qualified and quoted
     * @param gated  the seeded tests (each also counted by its own step; this step reports none itself)
     */
    record SeedGate(List<String> tables, int gated, SourcePos origin) implements TestStep {
        public SeedGate {
            tables = List.copyOf(tables);
            Objects.requireNonNull(origin, "origin == null");
        }

        /** One {@code WHEN EXISTS (SELECT 1 FROM t) THEN 't holds rows: ...'} line per table. */
        public List<String> whenLines() {
            return tables.stream().map(t -> "WHEN EXISTS (SELECT 1 FROM " + t + ") THEN " + Sql.literal(t
                    + " holds rows; the seeded tests need it empty")).toList();
        }

        public String tag() {
            return Sql.dollarTag(String.join("\n", whenLines()));
        }

        public String template() {
            return "tests/seed_gate";
        }
    }

    /**
     * {@code ANALYZE table}: fresh statistics after seeding (VACUUM cannot run in a transaction block); only when
     * the seeded tests run ({@link SeedGate}).
     */
    record Analyze(String schema, String table, SourcePos origin) implements TestStep {
        public Analyze {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String qualified() {
            return Sql.qualified(schema, table);
        }

        public String tag() {
            return Sql.dollarTag(qualified());
        }

        public String template() {
            return "tests/analyze";
        }
    }

    /** {@code SELECT * FROM finish()}. */
    record Finish(SourcePos origin) implements TestStep {
        public Finish {
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/finish";
        }
    }

    /** {@code ROLLBACK}: the tests leave nothing behind. */
    record Rollback(SourcePos origin) implements TestStep {
        public Rollback {
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/rollback";
        }
    }

    /**
     * One setup statement between tests ({@code DELETE FROM ...}), with a comment saying why. With {@code perform},
     * {@code sql} is a select list run for its effect in a DO block ({@code PERFORM set_config(...)}), so that no
     * result row reaches the TAP stream.
     */
    record Statement(String sql, boolean perform, String why, SourcePos origin) implements TestStep {
        public Statement {
            Objects.requireNonNull(sql, "sql == null");
            Objects.requireNonNull(why, "why == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/statement";
        }

        /** A dollar-quote tag that does not occur in the statement (it holds values from the spec). */
        public String tag() {
            return Sql.dollarTag(sql);
        }

        public List<String> whyLines() {
            return wrap(why);
        }
    }

    /**
     * {@code pg_temp.specgen_as(role, query)}: runs a query as another role and returns its single value as text,
     * or the error ({@code ERROR: message (SQLSTATE)}); the role is switched only inside, so the pgTAP functions
     * (whose state tables belong to the session user) keep running as the session user.
     */
    record RoleHelper(SourcePos origin) implements TestStep {
        public RoleHelper {
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/role_helper";
        }
    }

    /**
     * A role for one test, with exactly {@code grants} ({@code GRANT ... TO %I}, format() strings): no superuser,
     * not the owner. Its name, {@code specgen_test_<txid>_<suffix>}, cannot clash (roles are cluster-wide) and is
     * kept in the setting {@code specgen.role_<suffix>}; it is created in the test's transaction, so the rollback at
     * the end of the file removes it.
     */
    record CreateRole(String suffix, List<String> grants, String why, SourcePos origin) implements TestStep {
        public CreateRole {
            Objects.requireNonNull(suffix, "suffix == null");
            grants = List.copyOf(grants);
            Objects.requireNonNull(why, "why == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/create_role";
        }

        public String settingLiteral() {
            return Sql.literal("specgen.role_" + suffix);
        }

        public String prefixLiteral() {
            return Sql.literal("specgen_test_");
        }

        public String suffixLiteral() {
            return Sql.literal("_" + suffix);
        }

        public List<String> grantLiterals() {
            return grants.stream().map(Sql::literal).toList();
        }

        /** A dollar-quote tag that does not occur in the block (the grants name the spec's schema and table). */
        public String tag() {
            return Sql.dollarTag(String.join("\n", grantLiterals()) + suffix);
        }

        public List<String> whyLines() {
            return wrap(why);
        }
    }
}
