package dev.specgen.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * What one expression contains, as far as the view analysis cares: column references, function calls (with
 * aggregates and window functions), subqueries (not entered) and clock readings.
 */
final class ExprFacts {
    /** Functions whose result changes with the clock, per call or per session: never incrementally maintainable. */
    static final Set<String> VOLATILE = Set.of("now", "clock_timestamp", "statement_timestamp",
            "transaction_timestamp", "timeofday", "random", "random_normal", "setseed", "nextval", "currval", "lastval",
            "setval", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v4", "txid_current", "pg_backend_pid",
            "current_setting", "inet_client_addr", "pg_current_xact_id");
    /** Aggregates PostgreSQL knows (the built-in ones); only count, sum, avg, min and max are maintained. */
    static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "array_agg", "string_agg",
            "bool_and", "bool_or", "every", "bit_and", "bit_or", "bit_xor", "json_agg", "jsonb_agg", "json_object_agg",
            "jsonb_object_agg", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
            "percentile_cont", "percentile_disc", "mode", "corr", "covar_pop", "covar_samp", "regr_avgx", "regr_avgy",
            "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy", "xmlagg",
            "range_agg", "range_intersect_agg", "any_value");
    /** Words JSqlParser may read as a column that PostgreSQL reads as a value. */
    static final Set<String> VALUE_WORDS = Set.of("true", "false", "null", "default", "current_user", "session_user",
            "user", "current_role", "current_catalog", "current_schema", "localtime", "localtimestamp",
            "current_date", "current_time", "current_timestamp", "system_user");

    final List<Column> columns = new ArrayList<>();
    final List<Function> functions = new ArrayList<>();
    final List<AnalyticExpression> analytics = new ArrayList<>();
    final List<Select> subqueries = new ArrayList<>();
    final List<String> clock = new ArrayList<>();

    private ExprFacts() {
    }

    static ExprFacts of(Expression e) {
        ExprFacts f = new ExprFacts();
        if (e != null) {
            e.accept(f.new Walker(), null);
        }
        return f;
    }

    static String lower(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    /** Calls of aggregate functions (plain calls and FILTER/OVER forms). */
    List<String> aggregates() {
        List<String> out = new ArrayList<>();
        functions.stream().map(fn -> lower(fn.getName())).filter(AGGREGATES::contains).forEach(out::add);
        analytics.stream().filter(a -> a.getWindowDefinition() == null && a.getWindowName() == null
                && !isWindow(a)).map(a -> lower(a.getName())).forEach(out::add);
        return out;
    }

    /** Window function calls ({@code ... OVER (...)}). */
    List<String> windows() {
        return analytics.stream().filter(ExprFacts::isWindow).map(a -> lower(a.getName())).toList();
    }

    private static boolean isWindow(AnalyticExpression a) {
        return a.getType() == net.sf.jsqlparser.expression.AnalyticType.OVER || a.getWindowDefinition() != null
                || a.getWindowName() != null;
    }

    /** The first clock or random reading, as written ({@code now()}, {@code CURRENT_DATE}), if any. */
    java.util.Optional<String> volatileCall() {
        for (Function fn : functions) {
            String n = lower(fn.getName());
            int args = fn.getParameters() == null ? 0 : fn.getParameters().size();
            if (VOLATILE.contains(n) || n.equals("age") && args == 1) {
                return java.util.Optional.of(fn.getName() + "()");
            }
        }
        return clock.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(clock.get(0));
    }

    private final class Walker extends ExpressionVisitorAdapter<Void> {
        @Override
        public <S> Void visit(Column column, S context) {
            if (column.getTable() == null && VALUE_WORDS.contains(lower(column.getColumnName()))) {
                if (lower(column.getColumnName()).startsWith("current_") || lower(column.getColumnName())
                        .startsWith("local")) {
                    clock.add(column.getColumnName());
                }
                return null;
            }
            columns.add(column);
            return null;
        }

        @Override
        public <S> Void visit(Function function, S context) {
            functions.add(function);
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(AnalyticExpression expr, S context) {
            analytics.add(expr);
            return super.visit(expr, context);
        }

        @Override
        public <S> Void visit(TimeKeyExpression expr, S context) {
            clock.add(expr.getStringValue());
            return null;
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            subqueries.add(select);
            return null;
        }

        @Override
        public <S> Void visit(Select select, S context) {
            subqueries.add(select);
            return null;
        }
    }
}
