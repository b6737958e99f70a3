package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a materialized view selects: an SQL query ({@link Sql}, exactly one SELECT, analysed with JSqlParser) or a
 * declarative aggregate ({@link Declared}: a source, joins to other entities on their key, a filter, group keys and
 * measures). SQL text here is as the spec wrote it; the view analysis parses it once.
 */
public sealed interface ViewQuery permits ViewQuery.Sql, ViewQuery.Declared {

    SourcePos pos();

    /** {@code query:}; {@code pos} is the value's position. */
    record Sql(String text, SourcePos pos) implements ViewQuery {
        public Sql {
            Objects.requireNonNull(text, "text == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }

    /**
     * The declarative form. {@code source} names an entity (or another view); {@code pos} is the source's (or, for
     * a view declared by an entity, the view's) position.
     */
    record Declared(Named source, List<Join> joins, Optional<Expr> where, List<GroupItem> groupBy,
            List<Measure> measures, SourcePos pos) implements ViewQuery {
        public Declared {
            Objects.requireNonNull(source, "source == null");
            joins = List.copyOf(joins);
            Objects.requireNonNull(where, "where == null");
            groupBy = List.copyOf(groupBy);
            measures = List.copyOf(measures);
            Objects.requireNonNull(pos, "pos == null");
        }
    }

    enum JoinType {
        INNER, LEFT;

        public String sql() {
            return this == INNER ? "JOIN" : "LEFT JOIN";
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code joins: [{entity: Customer, on: customer_id}]}: the source's column {@code on} equals the primary key
     * of {@code entity}. {@code alias} defaults to the entity's table name.
     */
    record Join(Named entity, Named on, JoinType type, Optional<String> alias, SourcePos pos) {
        public Join {
            Objects.requireNonNull(entity, "entity == null");
            Objects.requireNonNull(on, "on == null");
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(alias, "alias == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }

    /**
     * One group key: a column ({@code region}, {@code c.segment}) or an expression with its output name
     * ({@code {expr: "transaction_date::date", as: day}}).
     */
    record GroupItem(String expression, Optional<String> as, SourcePos pos) {
        public GroupItem {
            Objects.requireNonNull(expression, "expression == null");
            Objects.requireNonNull(as, "as == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }

    /** The aggregates a measure may use. */
    enum Aggregate {
        COUNT, SUM, AVG, MIN, MAX;

        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code measures: {revenue: sum(total_amount)}}: output column {@code name} is {@code function(argument)};
     * {@code count} without an argument is {@code count(*)}.
     */
    record Measure(String name, Aggregate function, Optional<String> argument, SourcePos pos) {
        public Measure {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(argument, "argument == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }

    /** An SQL expression as written, with its position. */
    record Expr(String sql, SourcePos pos) {
        public Expr {
            Objects.requireNonNull(sql, "sql == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }
}
