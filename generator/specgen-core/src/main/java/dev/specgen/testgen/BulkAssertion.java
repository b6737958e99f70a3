package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.Objects;

/** The assertions of a bulk-function test file: what a call returns, what holds afterwards, what fails, as whom. */
public sealed interface BulkAssertion extends Assertion permits BulkAssertion.Returns, BulkAssertion.Holds,
        BulkAssertion.Throws, BulkAssertion.AsRole {

    /** {@code is((value), expected)}: {@code value} is an SQL expression (a scalar subquery), {@code expected} SQL. */
    record Returns(String value, String expected, String description, SourcePos origin) implements BulkAssertion {
        public Returns {
            Objects.requireNonNull(value, "value == null");
            Objects.requireNonNull(expected, "expected == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/bulk_returns";
        }
    }

    /** {@code ok(condition)}: a boolean SQL expression about the table afterwards. */
    record Holds(String condition, String description, SourcePos origin) implements BulkAssertion {
        public Holds {
            Objects.requireNonNull(condition, "condition == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/bulk_holds";
        }
    }

    /** {@code throws_ok(query, sqlState, NULL, description)}: the query fails with that SQLSTATE. */
    record Throws(String query, String sqlState, String description, SourcePos origin)
            implements BulkAssertion, Assertion.WithQuery {
        public Throws {
            Objects.requireNonNull(query, "query == null");
            Objects.requireNonNull(sqlState, "sqlState == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String sqlStateLiteral() {
            return Sql.literal(sqlState);
        }

        public String template() {
            return "tests/bulk_throws";
        }
    }

    /**
     * {@code is(pg_temp.specgen_as(role, query), expected)}: run as the role of {@link TestStep.CreateRole} with
     * that suffix, the query returns {@code expected} (text), not an error.
     */
    record AsRole(String suffix, String query, String expected, String description, SourcePos origin)
            implements BulkAssertion {
        public AsRole {
            Objects.requireNonNull(suffix, "suffix == null");
            Objects.requireNonNull(query, "query == null");
            Objects.requireNonNull(expected, "expected == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String settingLiteral() {
            return Sql.literal("specgen.role_" + suffix);
        }

        public String queryLiteral() {
            return Sql.literal(query);
        }

        public String expectedLiteral() {
            return Sql.literal(expected);
        }

        public String template() {
            return "tests/bulk_as_role";
        }
    }
}
