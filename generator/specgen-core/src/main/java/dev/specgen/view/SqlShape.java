package dev.specgen.view;

import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.ViewQuery.Aggregate;
import dev.specgen.model.ViewQuery.JoinType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Whether a view's SQL query is an aggregate specgen maintains incrementally: {@code SELECT group keys and
 * count/sum/avg/min/max FROM table [JOIN table ON its key = column]... [WHERE ...] GROUP BY group keys}, nothing
 * that time or order changes. The first reason it is not is reported (and the view is refreshed in full). The
 * unique key is derived from GROUP BY whenever every group key is an output column, maintainable or not.
 */
final class SqlShape {
    record Outcome(Optional<AggregateShape> shape, Optional<String> reason, List<String> key) {
    }

    private final SqlForm form;
    private final PlainSelect ps;
    private final Map<String, SqlForm.Entry> entries = new LinkedHashMap<>();
    private final Kinds kinds;

    private SqlShape(SqlForm form) {
        this.form = form;
        this.ps = form.top;
        form.topScope.entries.forEach(e -> entries.putIfAbsent(e.alias(), e));
        this.kinds = new Kinds(this::column);
    }

    static Outcome of(SqlForm form, String statementKind) {
        if (form.top == null) {
            return new Outcome(Optional.empty(), Optional.of(statementKind), List.of());
        }
        return new SqlShape(form).outcome();
    }

    private Optional<Kinds.ColumnInfo> column(Column c) {
        String name = SqlForm.ident(c.getColumnName());
        List<SqlForm.Entry> candidates = new ArrayList<>();
        if (c.getTable() != null && c.getTable().getName() != null) {
            Optional.ofNullable(entries.get(SqlForm.ident(c.getTable().getName()))).ifPresent(candidates::add);
        } else {
            entries.values().stream().filter(e -> e.columns().map(cs -> cs.contains(name)).orElse(false))
                    .forEach(candidates::add);
        }
        if (candidates.size() != 1) {
            return Optional.empty();
        }
        SqlForm.Entry e = candidates.get(0);
        return Optional.of(new Kinds.ColumnInfo(e.rel().flatMap(r -> r.field(name)), e.outer()));
    }

    private Outcome outcome() {
        List<String> key = derivedKey();
        Optional<String> why = reason();
        if (why.isPresent()) {
            return new Outcome(Optional.empty(), why, key);
        }
        return build(key);
    }

    /** The output columns that are the GROUP BY keys, when every key is one. */
    private List<String> derivedKey() {
        if (ps.getGroupBy() == null || ps.getGroupBy().getGroupingSets() != null
                && !ps.getGroupBy().getGroupingSets().isEmpty() || ps.getGroupBy().getGroupByExpressionList() == null) {
            return List.of();
        }
        List<String> key = new ArrayList<>();
        for (Expression g : ps.getGroupBy().getGroupByExpressionList()) {
            Optional<Integer> i = selectIndexOf(g);
            if (i.isEmpty()) {
                return List.of();
            }
            Optional<String> name = SqlForm.outputName(ps.getSelectItems().get(i.get()));
            if (name.isEmpty()) {
                return List.of();
            }
            key.add(name.get());
        }
        return List.copyOf(key);
    }

    /** Which select item a GROUP BY element stands for: by position, by output name, or by equal expression. */
    private Optional<Integer> selectIndexOf(Expression g) {
        List<SelectItem<?>> items = ps.getSelectItems();
        if (g instanceof LongValue n) {
            long i = n.getValue() - 1;
            return i >= 0 && i < items.size() ? Optional.of((int) i) : Optional.empty();
        }
        if (g instanceof Column c && c.getTable() == null && column(c).isEmpty()) {
            String name = SqlForm.ident(c.getColumnName());
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).getAlias() != null && SqlForm.ident(items.get(i).getAlias().getName()).equals(name)) {
                    return Optional.of(i);
                }
            }
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).getExpression().toString().equals(g.toString())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The first thing that keeps the query from being maintained incrementally. */
    private Optional<String> reason() {
        if (ps.getWithItemsList() != null && !ps.getWithItemsList().isEmpty()) {
            return Optional.of("it has a WITH clause");
        }
        if (ps.getDistinct() != null) {
            return Optional.of(ps.getDistinct().getOnSelectItems() != null ? "DISTINCT ON keeps one row per key by"
                    + " an order, which a change can move to another row" : "it is SELECT DISTINCT");
        }
        List<Expression> all = new ArrayList<>();
        ps.getSelectItems().forEach(i -> all.add(i.getExpression()));
        Optional.ofNullable(ps.getWhere()).ifPresent(all::add);
        if (ps.getGroupBy() != null && ps.getGroupBy().getGroupByExpressionList() != null) {
            ps.getGroupBy().getGroupByExpressionList().forEach(e -> all.add((Expression) e));
        }
        Optional.ofNullable(ps.getHaving()).ifPresent(all::add);
        if (ps.getJoins() != null) {
            ps.getJoins().forEach(j -> all.addAll(j.getOnExpressions()));
        }
        for (Expression e : all) {
            ExprFacts f = ExprFacts.of(e);
            if (!f.windows().isEmpty()) {
                return Optional.of("window function " + f.windows().get(0) + "() depends on other rows of its"
                        + " window, which a change anywhere in it moves");
            }
            Optional<String> clock = f.volatileCall();
            if (clock.isPresent()) {
                String where = ps.getWhere() == e ? " in WHERE" : "";
                return Optional.of(clock.get() + where + " changes with time (or per call), so rows enter and leave"
                        + " the view without any write to its tables; only a full refresh sees that");
            }
            if (!f.subqueries.isEmpty()) {
                return Optional.of("it has a subquery");
            }
        }
        if (ps.getOrderByElements() != null && !ps.getOrderByElements().isEmpty()) {
            return Optional.of("it has ORDER BY (a table kept incrementally has no row order)");
        }
        if (ps.getLimit() != null || ps.getOffset() != null || ps.getFetch() != null) {
            return Optional.of("it has LIMIT/OFFSET/FETCH");
        }
        if (ps.getHaving() != null) {
            return Optional.of("it has HAVING");
        }
        boolean anyAggregate = ps.getSelectItems().stream()
                .anyMatch(i -> !ExprFacts.of(i.getExpression()).aggregates().isEmpty());
        if (ps.getGroupBy() == null) {
            return Optional.of(anyAggregate ? "an aggregate without GROUP BY has one row even over no rows"
                    : "it has no aggregate; incremental maintenance covers GROUP BY aggregates (count, sum, avg, min,"
                            + " max)");
        }
        if (ps.getGroupBy().getGroupingSets() != null && !ps.getGroupBy().getGroupingSets().isEmpty()) {
            return Optional.of("it has GROUPING SETS");
        }
        if (!(ps.getFromItem() instanceof Table)) {
            return Optional.of("it reads from " + ps.getFromItem() + ", not a table");
        }
        SqlForm.Entry fact = form.topScope.entries.get(0);
        if (fact.rel().isEmpty() || fact.rel().get().relation().isView()) {
            return Optional.of("it reads " + ps.getFromItem() + ", a materialized view; incremental maintenance"
                    + " needs tables (refresh the views in dependency order with refresh_all())");
        }
        if (ps.getJoins() != null) {
            for (int i = 0; i < ps.getJoins().size(); i++) {
                Optional<String> j = joinProblem(ps.getJoins().get(i), form.topScope.entries.get(i + 1), fact);
                if (j.isPresent()) {
                    return j;
                }
            }
        }
        for (SelectItem<?> item : ps.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns) {
                return Optional.of("SELECT * in an aggregate");
            }
            boolean isGroup = ps.getGroupBy().getGroupByExpressionList().stream()
                    .anyMatch(g -> selectIndexOf(g).map(ix -> ps.getSelectItems().get(ix) == item).orElse(false));
            if (isGroup) {
                continue;
            }
            Optional<String> m = measureProblem(e);
            if (m.isPresent()) {
                return m;
            }
        }
        for (Expression g : ps.getGroupBy().getGroupByExpressionList()) {
            if (selectIndexOf(g).isEmpty()) {
                return Optional.of("GROUP BY " + g + " is not an output column, so a group has no key in the view");
            }
        }
        return Optional.empty();
    }

    private Optional<String> joinProblem(Join j, SqlForm.Entry dim, SqlForm.Entry fact) {
        String what = "the join to " + j.getRightItem();
        if (j.isRight() || j.isFull() || j.isCross() || j.isNatural() || j.isSimple() || j.isApply()
                || j.getUsingColumns() != null && !j.getUsingColumns().isEmpty()) {
            return Optional.of(what + " is not an inner or left join ON its key");
        }
        if (!(j.getRightItem() instanceof Table) || dim.rel().isEmpty() || dim.rel().get().relation().isView()) {
            return Optional.of(what + " does not join a table");
        }
        Entity e = dim.rel().get().relation().entity().orElseThrow();
        if (fact.rel().flatMap(r -> r.relation().entity()).map(f -> f.name().equals(e.name())).orElse(false)) {
            return Optional.of(what + " joins the source table to itself");
        }
        Optional<String> key = uniqueKey(e);
        List<Expression> ons = new ArrayList<>(j.getOnExpressions());
        if (key.isEmpty()) {
            return Optional.of(what + ": " + e.name() + " has no single-column primary key or unique column to join"
                    + " on");
        }
        if (ons.size() != 1 || !(ons.get(0) instanceof EqualsTo eq) || !(eq.getLeftExpression() instanceof Column a)
                || !(eq.getRightExpression() instanceof Column b)) {
            return Optional.of(what + " is not ON " + dim.alias() + "." + key.get() + " = <column of "
                    + fact.alias() + ">");
        }
        Column dimSide = side(a, dim) ? a : side(b, dim) ? b : null;
        Column factSide = dimSide == a ? b : a;
        if (dimSide == null || !SqlForm.ident(dimSide.getColumnName()).equals(key.get()) || !side(factSide, fact)) {
            return Optional.of(what + " is not ON " + dim.alias() + "." + key.get() + " = <column of "
                    + fact.alias() + ">");
        }
        return Optional.empty();
    }

    /** True when {@code c} is a column of {@code e} (qualified by its alias, or unqualified and only there). */
    private boolean side(Column c, SqlForm.Entry e) {
        String name = SqlForm.ident(c.getColumnName());
        if (c.getTable() != null && c.getTable().getName() != null) {
            return SqlForm.ident(c.getTable().getName()).equals(e.alias());
        }
        return e.columns().map(cs -> cs.contains(name)).orElse(false) && entries.values().stream()
                .filter(x -> x != e).noneMatch(x -> x.columns().map(cs -> cs.contains(name)).orElse(false));
    }

    /** The column a join may use: the single-column primary key, else the first {@code unique: true} field. */
    static Optional<String> uniqueKey(Entity e) {
        if (e.primaryKey().size() == 1) {
            return Optional.of(e.primaryKey().get(0).name());
        }
        return e.primaryKey().isEmpty() ? e.fields().stream().filter(Field::unique).map(Field::name).findFirst()
                : Optional.empty();
    }

    private Optional<String> measureProblem(Expression e) {
        Function fn = e instanceof Function f ? f : null;
        if (e instanceof AnalyticExpression a) {
            return Optional.of(a.getName() + "(...) with FILTER or WITHIN GROUP is not maintained incrementally");
        }
        String name = fn == null || fn.getName() == null ? "" : fn.getName().toLowerCase(Locale.ROOT);
        if (fn == null || !ExprFacts.AGGREGATES.contains(name)) {
            return Optional.of("output column " + e + " is neither a GROUP BY key nor an aggregate");
        }
        if (measureOf(name).isEmpty()) {
            return Optional.of(fn.getName() + "() is not maintained incrementally (count, sum, avg, min and max are)");
        }
        if (fn.isDistinct() || fn.isUnique()) {
            return Optional.of(fn.getName() + "(DISTINCT ...) needs every value of a group to maintain");
        }
        if (fn.getOrderByElements() != null && !fn.getOrderByElements().isEmpty()) {
            return Optional.of(fn.getName() + "(... ORDER BY ...) is not maintained incrementally");
        }
        List<Expression> args = Kinds.args(fn);
        if (countStar(fn)) {
            return Optional.empty();
        }
        if (args.size() != 1) {
            return Optional.of(fn + " takes one argument here");
        }
        ExprFacts af = ExprFacts.of(args.get(0));
        if (!af.aggregates().isEmpty()) {
            return Optional.of(fn + " nests an aggregate");
        }
        return kindProblem(measureOf(name).get(), args.get(0).toString(), kinds.kind(args.get(0)));
    }

    /** Whether a sum or avg over {@code kind} can be kept exactly. */
    static Optional<String> kindProblem(Aggregate fn, String arg, ValueKind kind) {
        if (fn == Aggregate.SUM && !kind.exactSum() || fn == Aggregate.AVG && !kind.numericAvg()) {
            String why = kind == ValueKind.FLOAT ? ": floating-point sums depend on the order of addition, so an"
                    + " incremental result drifts from a full recompute" : kind == ValueKind.UNKNOWN
                            ? "; cast it (::numeric) to keep it incrementally" : "";
            return Optional.of(fn.sql() + "(" + arg + ") is over " + Kinds.describe(kind) + why);
        }
        return Optional.empty();
    }

    /** {@code count(*)} (JSqlParser keeps the star as a parameter, or flags it). */
    static boolean countStar(Function fn) {
        List<Expression> args = Kinds.args(fn);
        return "count".equalsIgnoreCase(fn.getName()) && (fn.isAllColumns() || args.isEmpty()
                || args.size() == 1 && args.get(0) instanceof AllColumns);
    }

    static Optional<Aggregate> measureOf(String name) {
        return switch (name) {
            case "count" -> Optional.of(Aggregate.COUNT);
            case "sum" -> Optional.of(Aggregate.SUM);
            case "avg" -> Optional.of(Aggregate.AVG);
            case "min" -> Optional.of(Aggregate.MIN);
            case "max" -> Optional.of(Aggregate.MAX);
            default -> Optional.empty();
        };
    }

    private Outcome build(List<String> key) {
        SqlForm.Entry fact = form.topScope.entries.get(0);
        AggregateShape.Source source = new AggregateShape.Source(fact.rel().get().relation().entity().orElseThrow(),
                fact.alias());
        List<AggregateShape.DimJoin> joins = new ArrayList<>();
        if (ps.getJoins() != null) {
            for (int i = 0; i < ps.getJoins().size(); i++) {
                Join j = ps.getJoins().get(i);
                SqlForm.Entry dim = form.topScope.entries.get(i + 1);
                EqualsTo eq = (EqualsTo) j.getOnExpressions().iterator().next();
                Column a = (Column) eq.getLeftExpression();
                Column factSide = side(a, dim) ? (Column) eq.getRightExpression() : a;
                Entity de = dim.rel().get().relation().entity().orElseThrow();
                joins.add(new AggregateShape.DimJoin(de, dim.alias(), j.isLeft() ? JoinType.LEFT : JoinType.INNER,
                        SqlForm.ident(factSide.getColumnName()), uniqueKey(de).orElseThrow()));
            }
        }
        Optional<String> where = Optional.ofNullable(ps.getWhere()).map(w -> form.parser().original(form.sql(), w));
        List<AggregateShape.GroupKey> groups = new ArrayList<>();
        List<AggregateShape.Measure> measures = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (SelectItem<?> item : ps.getSelectItems()) {
            Expression e = item.getExpression();
            String name = SqlForm.outputName(item).orElse("?column?");
            columns.add(name);
            boolean isGroup = ps.getGroupBy().getGroupByExpressionList().stream()
                    .anyMatch(g -> selectIndexOf(g).map(ix -> ps.getSelectItems().get(ix) == item).orElse(false));
            if (isGroup) {
                groups.add(new AggregateShape.GroupKey(name, form.parser().original(form.sql(), e),
                        kinds.nullable(e), kinds.domainBase(e)));
                continue;
            }
            Function fn = (Function) e;
            Aggregate agg = measureOf(fn.getName().toLowerCase(Locale.ROOT)).orElseThrow();
            List<Expression> args = Kinds.args(fn);
            if (countStar(fn)) {
                measures.add(new AggregateShape.Measure(name, agg, Optional.empty(), ValueKind.INTEGER));
            } else {
                measures.add(new AggregateShape.Measure(name, agg,
                        Optional.of(form.parser().original(form.sql(), args.get(0))), kinds.kind(args.get(0)),
                        kinds.nullable(args.get(0))));
            }
        }
        // groups in GROUP BY order are the view's key; keep select order for columns
        return new Outcome(Optional.of(new AggregateShape(source, joins, where, groups, measures, columns)),
                Optional.empty(), key);
    }
}
