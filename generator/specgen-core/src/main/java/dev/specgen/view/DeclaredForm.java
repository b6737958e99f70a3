package dev.specgen.view;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Entity;
import dev.specgen.model.MaterializedView;
import dev.specgen.model.Sql;
import dev.specgen.model.SpecModel;
import dev.specgen.model.ViewQuery;
import dev.specgen.sql.ExpressionFrame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;

/**
 * The declarative form ({@code source:}, {@code joins:}, {@code where:}, {@code group_by:}, {@code measures:}):
 * each piece is checked where it is written (lexically, then parsed with JSqlParser, then its columns resolved
 * against the source and the joined entities), the SELECT is built from the pieces, and the incremental shape comes
 * from them directly.
 */
final class DeclaredForm {
    /** What the form yields; {@code shape} is empty with a {@code reason}, or everything failed with errors. */
    record Result(List<Relation> sources, List<String> columns, String selectSql, Optional<AggregateShape> shape,
            Optional<String> reason, List<String> key) {
    }

    private final MaterializedView view;
    private final ViewQuery.Declared q;
    private final SpecModel model;
    private final Catalog catalog;
    private final QueryParser parser;
    private final Diagnostics diags;
    private boolean failed;

    DeclaredForm(MaterializedView view, ViewQuery.Declared q, SpecModel model, Catalog catalog, QueryParser parser,
            Diagnostics diags) {
        this.view = view;
        this.q = q;
        this.model = model;
        this.catalog = catalog;
        this.parser = parser;
        this.diags = diags;
    }

    /** The relation {@code source:} names: an entity, or a view (by name, or schema.name). */
    static Optional<Relation> source(String name, String schema, SpecModel model) {
        Optional<Entity> e = model.entity(name);
        if (e.isPresent()) {
            return Optional.of(Relation.of(e.get()));
        }
        int dot = name.indexOf('.');
        if (dot > 0) {
            return model.view(name.substring(0, dot), name.substring(dot + 1))
                    .map(v -> Relation.view(v.schema(), v.name()));
        }
        Optional<MaterializedView> same = model.view(schema, name);
        if (same.isPresent()) {
            return Optional.of(Relation.view(schema, name));
        }
        List<MaterializedView> any = model.views().stream().filter(v -> v.name().equals(name)).toList();
        return any.size() == 1 ? Optional.of(Relation.view(any.get(0).schema(), name)) : Optional.empty();
    }

    Optional<Result> analyze() {
        Optional<Relation> src = source(q.source().name(), view.schema(), model);
        if (src.isEmpty()) {
            List<String> names = new ArrayList<>();
            model.entities().forEach(e -> names.add(e.name()));
            model.views().forEach(v -> names.add(v.name()));
            diags.error(q.source().pos(), Code.SG243, "source " + q.source().name() + " of materialized view "
                    + view.name() + " is neither an entity nor a view of this run"
                    + Suggest.didYouMean(q.source().name(), names), "name an entity (SalesTransaction) or a"
                            + " materialized view of the specs");
            return Optional.empty();
        }
        Relation fact = src.get();
        Optional<Catalog.Rel> factRel = catalog.get(fact.schema(), fact.name());
        String factAlias = fact.name();
        SqlForm cols = SqlForm.forPieces(catalog, parser);
        SqlForm.Scope scope = new SqlForm.Scope(null);
        scope.entries.add(new SqlForm.Entry(factAlias, factRel, factRel.flatMap(Catalog.Rel::columns), false));
        List<Relation> sources = new ArrayList<>(List.of(fact));
        List<AggregateShape.DimJoin> joins = new ArrayList<>();
        Set<String> aliases = new HashSet<>(Set.of(factAlias));
        for (ViewQuery.Join j : q.joins()) {
            Optional<Entity> dim = model.entity(j.entity().name());
            if (dim.isEmpty()) {
                diags.error(j.entity().pos(), Code.SG243, "join entity " + j.entity().name() + " of materialized view "
                        + view.name() + " is not an entity of this run" + Suggest.didYouMean(j.entity().name(),
                                model.entities().stream().map(Entity::name).toList()), null);
                failed = true;
                continue;
            }
            if (fact.entity().map(f -> f.name().equals(dim.get().name())).orElse(false)) {
                diags.error(j.entity().pos(), Code.SG243, "materialized view " + view.name() + " joins its source "
                        + dim.get().name() + " to itself", "write a self-join with query: (it is refreshed in full)");
                failed = true;
                continue;
            }
            Optional<String> key = SqlShape.uniqueKey(dim.get());
            if (key.isEmpty()) {
                diags.error(j.entity().pos(), Code.SG243, "join entity " + dim.get().name() + " has no single-column"
                        + " primary key (or unique column) to join on", "a join goes to a dimension's key: give "
                                + dim.get().name() + " a one-column primary key");
                failed = true;
                continue;
            }
            boolean onKnown = factRel.flatMap(Catalog.Rel::columns).map(c -> c.contains(j.on().name()))
                    .orElse(true);
            if (!onKnown) {
                diags.error(j.on().pos(), Code.SG244, "join column " + j.on().name() + " is not a column of "
                        + fact.qualified() + Suggest.didYouMean(j.on().name(), factRel.get().columns().get()),
                        "on: names the source's column that holds " + dim.get().name() + "." + key.get());
                failed = true;
            }
            String alias = j.alias().orElse(dim.get().table());
            if (!aliases.add(alias)) {
                diags.error(j.pos(), Code.SG243, "two relations of materialized view " + view.name() + " are named "
                        + alias, "give the join a name of its own with as:");
                failed = true;
                continue;
            }
            Relation r = Relation.of(dim.get());
            if (sources.stream().noneMatch(s -> s.qualified().equals(r.qualified()))) {
                sources.add(r);
            }
            Optional<Catalog.Rel> rel = catalog.get(r.schema(), r.name());
            scope.entries.add(new SqlForm.Entry(alias, rel, rel.flatMap(Catalog.Rel::columns),
                    j.type() == ViewQuery.JoinType.LEFT));
            joins.add(new AggregateShape.DimJoin(dim.get(), alias, j.type(), j.on().name(), key.get()));
        }
        Optional<Expression> where = q.where().flatMap(w -> piece(w.sql(), "where", w.pos(), true, cols, scope));
        List<String> columns = new ArrayList<>();
        List<AggregateShape.GroupKey> groups = new ArrayList<>();
        List<Expression> groupExprs = new ArrayList<>();
        Kinds kinds = new Kinds(c -> columnInfo(c, scope));
        Map<String, SourcePos> names = new LinkedHashMap<>();
        for (ViewQuery.GroupItem g : q.groupBy()) {
            Optional<Expression> e = piece(g.expression(), "group_by item", g.pos(), false, cols, scope);
            if (e.isEmpty()) {
                continue;
            }
            Optional<String> name = g.as().or(() -> e.get() instanceof Column c
                    ? Optional.of(SqlForm.ident(c.getColumnName())) : Optional.empty());
            if (name.isEmpty()) {
                diags.error(g.pos(), Code.SG246, "group_by expression " + g.expression() + " needs a name",
                        "write {expr: \"" + g.expression() + "\", as: <name>}");
                failed = true;
                continue;
            }
            claim(names, name.get(), g.pos());
            columns.add(name.get());
            groupExprs.add(e.get());
            groups.add(new AggregateShape.GroupKey(name.get(), g.expression().strip(), kinds.nullable(e.get()),
                    kinds.domainBase(e.get())));
        }
        List<AggregateShape.Measure> measures = new ArrayList<>();
        List<Expression> measureArgs = new ArrayList<>();
        for (ViewQuery.Measure m : q.measures()) {
            claim(names, m.name(), m.pos());
            columns.add(m.name());
            if (m.argument().isEmpty()) {
                measures.add(new AggregateShape.Measure(m.name(), m.function(), Optional.empty(), ValueKind.INTEGER));
                continue;
            }
            Optional<Expression> arg = piece(m.argument().get(), "argument of measure " + m.name(), m.pos(), false,
                    cols, scope);
            if (arg.isPresent()) {
                if (!ExprFacts.of(arg.get()).aggregates().isEmpty()) {
                    diags.error(m.pos(), Code.SG222, "measure " + m.name() + " nests an aggregate", null);
                    failed = true;
                }
                measureArgs.add(arg.get());
                measures.add(new AggregateShape.Measure(m.name(), m.function(),
                        Optional.of(m.argument().get().strip()), kinds.kind(arg.get()), kinds.nullable(arg.get())));
            }
        }
        for (Problem p : cols.problems) {
            diags.error(q.pos(), p.code(), p.message(), p.hint());
            failed = true;
        }
        if (failed) {
            return Optional.empty();
        }
        String sql = select(fact, factAlias, joins, groups, measures);
        Optional<String> reason = reason(fact, where, groupExprs, measures, measureArgs);
        List<String> key = groups.stream().map(AggregateShape.GroupKey::name).toList();
        Optional<AggregateShape> shape = reason.isPresent() ? Optional.empty() : Optional.of(new AggregateShape(
                new AggregateShape.Source(fact.entity().orElseThrow(), factAlias), joins,
                q.where().map(w -> w.sql().strip()), groups, measures, columns));
        return Optional.of(new Result(sources, columns, sql, shape, reason, key));
    }

    private void claim(Map<String, SourcePos> names, String name, SourcePos pos) {
        SourcePos first = names.putIfAbsent(name, pos);
        if (first != null) {
            diags.error(pos, Code.SG246, "output column " + name + " of materialized view " + view.name()
                    + " is given twice (first at " + first + ")", "name one of them differently");
            failed = true;
        }
    }

    private Optional<Kinds.ColumnInfo> columnInfo(Column c, SqlForm.Scope scope) {
        String name = SqlForm.ident(c.getColumnName());
        List<SqlForm.Entry> hits = scope.entries.stream().filter(e -> c.getTable() != null
                && c.getTable().getName() != null ? e.alias().equals(SqlForm.ident(c.getTable().getName()))
                        : e.columns().map(cs -> cs.contains(name)).orElse(false)).toList();
        if (hits.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(new Kinds.ColumnInfo(hits.get(0).rel().flatMap(r -> r.field(name)), hits.get(0).outer()));
    }

    /** One SQL piece: lexically whole, parsed, its columns resolved. */
    private Optional<Expression> piece(String sql, String what, SourcePos pos, boolean condition, SqlForm cols,
            SqlForm.Scope scope) {
        if (sql.isBlank()) {
            diags.error(pos, Code.SG221, what + " of materialized view " + view.name() + " is empty",
                    "give an SQL expression");
            failed = true;
            return Optional.empty();
        }
        Optional<ExpressionFrame.Problem> lexical = ExpressionFrame.problem(sql, ExpressionFrame.Context.EXPRESSION);
        if (lexical.isPresent()) {
            diags.error(pos, Code.SG221, what + " of materialized view " + view.name() + " is not a complete SQL"
                    + " expression: " + lexical.get().message(), lexical.get().hint());
            failed = true;
            return Optional.empty();
        }
        Expression e;
        try {
            e = condition ? parser.condition(sql) : parser.expression(sql);
        } catch (QueryParser.ParseFailure f) {
            diags.error(pos, Code.SG242, what + " of materialized view " + view.name() + " does not parse: "
                    + f.failure.message(), "specgen reads view expressions with JSqlParser (PostgreSQL dialect)");
            failed = true;
            return Optional.empty();
        }
        int before = cols.problems.size();
        cols.check(e, scope);
        for (Problem p : cols.problems.subList(before, cols.problems.size())) {
            diags.error(pos, p.code(), what + ": " + p.message(), p.hint());
            failed = true;
        }
        cols.problems.subList(before, cols.problems.size()).clear();
        return Optional.of(e);
    }

    /** Why the view cannot be kept incrementally, if it cannot. */
    private Optional<String> reason(Relation fact, Optional<Expression> where, List<Expression> groups,
            List<AggregateShape.Measure> measures, List<Expression> args) {
        if (fact.isView()) {
            return Optional.of("its source " + fact.qualified() + " is a materialized view; incremental maintenance"
                    + " needs tables (refresh the views in dependency order with refresh_all())");
        }
        List<Expression> all = new ArrayList<>();
        where.ifPresent(all::add);
        all.addAll(groups);
        all.addAll(args);
        for (Expression e : all) {
            ExprFacts f = ExprFacts.of(e);
            Optional<String> clock = f.volatileCall();
            if (clock.isPresent()) {
                String in = where.isPresent() && where.get() == e ? " in where" : "";
                return Optional.of(clock.get() + in + " changes with time (or per call), so rows enter and leave the"
                        + " view without any write to its tables; only a full refresh sees that");
            }
            if (!f.windows().isEmpty()) {
                return Optional.of("window function " + f.windows().get(0) + "()");
            }
            if (!f.subqueries.isEmpty()) {
                return Optional.of("a subquery");
            }
        }
        if (groups.isEmpty()) {
            return Optional.of("an aggregate without group_by has one row even over no rows");
        }
        for (AggregateShape.Measure m : measures) {
            Optional<String> k = SqlShape.kindProblem(m.function(), m.argument().orElse("*"), m.kind());
            if (k.isPresent()) {
                return k;
            }
        }
        return Optional.empty();
    }

    /** The SELECT of the declarative form, laid out for review. */
    private String select(Relation fact, String factAlias, List<AggregateShape.DimJoin> joins,
            List<AggregateShape.GroupKey> groups, List<AggregateShape.Measure> measures) {
        List<String> items = new ArrayList<>();
        for (AggregateShape.GroupKey g : groups) {
            items.add(g.sql().equals(g.name()) ? Sql.ident(g.name()) : g.sql() + " AS " + Sql.ident(g.name()));
        }
        for (AggregateShape.Measure m : measures) {
            String call = m.function().sql() + "(" + m.argument().orElse("*") + ")";
            items.add(call + " AS " + Sql.ident(m.name()));
        }
        StringBuilder b = new StringBuilder("SELECT\n");
        b.append(items.stream().map(i -> "    " + i).collect(Collectors.joining(",\n"))).append('\n');
        b.append("FROM ").append(Sql.qualified(fact.schema(), fact.name()));
        if (!factAlias.equals(fact.name())) {
            b.append(" AS ").append(Sql.ident(factAlias));
        }
        for (AggregateShape.DimJoin j : joins) {
            b.append('\n').append("    ").append(j.type().sql()).append(' ')
                    .append(Sql.qualified(j.entity().schema(), j.entity().table()));
            if (!j.alias().equals(j.entity().table())) {
                b.append(" AS ").append(Sql.ident(j.alias()));
            }
            b.append(" ON ").append(Sql.ident(j.alias())).append('.').append(Sql.ident(j.key())).append(" = ")
                    .append(Sql.ident(factAlias)).append('.').append(Sql.ident(j.column()));
        }
        q.where().ifPresent(w -> b.append("\nWHERE ").append(w.sql().strip()));
        if (!groups.isEmpty()) {
            b.append("\nGROUP BY ").append(groups.stream().map(AggregateShape.GroupKey::sql)
                    .collect(Collectors.joining(", ")));
        }
        return b.toString();
    }
}
