package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.Objects;

/**
 * The tests of a view's file: its objects exist, and on data it holds exactly what its query returns, after the
 * changes of every round. SQL text in these records is run as written; {@code *Literal} methods give it quoted.
 */
public sealed interface ViewAssertion extends Assertion {

    /** {@code ok(relkind of relation = kind)}: {@code m} for a materialized view, {@code v} for a view, {@code r}. */
    record RelationKind(String relation, String kind, String description, SourcePos origin) implements ViewAssertion {
        public RelationKind {
            Objects.requireNonNull(relation, "relation == null");
            Objects.requireNonNull(kind, "kind == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String relationLiteral() {
            return Sql.literal(relation);
        }

        public String kindLiteral() {
            return Sql.literal(kind);
        }

        public String template() {
            return "tests/relation_kind";
        }
    }

    /** {@code ok(to_regprocedure(signature) IS NOT NULL)}: {@code signature} like {@code s.refresh_v()}. */
    record FunctionExists(String signature, String description, SourcePos origin) implements ViewAssertion {
        public FunctionExists {
            Objects.requireNonNull(signature, "signature == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String signatureLiteral() {
            return Sql.literal(signature);
        }

        public String template() {
            return "tests/function_exists";
        }
    }

    /** {@code is(count of triggers calling function, expected)}: the capture triggers are all there. */
    record TriggerCount(String function, int expected, String description, SourcePos origin) implements ViewAssertion {
        public TriggerCount {
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String functionLiteral() {
            return Sql.literal(function);
        }

        public String template() {
            return "tests/trigger_count";
        }
    }

    /** {@code lives_ok(sql)}: a step of the scenario (seeding, a round of writes, a refresh) runs without error. */
    record LivesOk(String sql, String description, SourcePos origin) implements ViewAssertion {
        public LivesOk {
            Objects.requireNonNull(sql, "sql == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String sqlLiteral() {
            return Assertion.dollarQuoted(sql);
        }

        public String template() {
            return "tests/lives_ok";
        }
    }

    /**
     * {@code is(rows in one and not the other, 0)}: the view and its query hold the same rows, duplicates counted
     * (EXCEPT ALL both ways), compared by {@code pg_temp.specgen_diff}.
     */
    record SameRows(String view, String query, String description, SourcePos origin) implements ViewAssertion {
        public SameRows {
            Objects.requireNonNull(view, "view == null");
            Objects.requireNonNull(query, "query == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String viewLiteral() {
            return Assertion.dollarQuoted("SELECT * FROM " + view);
        }

        public String queryLiteral() {
            return Assertion.dollarQuoted(query);
        }

        public String template() {
            return "tests/same_rows";
        }
    }

    /** {@code is((query), expected)}; {@code expected} is an SQL expression of the query's type. */
    record Returns(String query, String expected, String description, SourcePos origin) implements ViewAssertion {
        public Returns {
            Objects.requireNonNull(query, "query == null");
            Objects.requireNonNull(expected, "expected == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/returns";
        }
    }

    /** {@code ok((condition))}. */
    record Holds(String condition, String description, SourcePos origin) implements ViewAssertion {
        public Holds {
            Objects.requireNonNull(condition, "condition == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/holds";
        }
    }
}
