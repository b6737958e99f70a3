package dev.specgen.view;

import dev.specgen.diag.Code;
import dev.specgen.diag.Suggest;
import dev.specgen.sql.ExpressionFrame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * A view's {@code query:}, read once with JSqlParser. The text is hostile until proven otherwise: it must be exactly
 * one SELECT (no {@code ;}, no second statement, no DML or DDL, no data-modifying WITH, no locking clause, no
 * comment), every table must be schema-qualified and known to the run (an entity's table or another view), and
 * every column reference must resolve, scope by scope, as PostgreSQL would resolve it. What it finds:
 * the relations read, the output columns, and the top-level SELECT for the incremental-shape check.
 */
final class SqlForm {

    /** One FROM item of a scope: its name there, what it is, and its columns when known. */
    record Entry(String alias, Optional<Catalog.Rel> rel, Optional<List<String>> columns, boolean outer) {
    }

    /** The FROM items of one SELECT level, and the level around it (for correlated subqueries). */
    static final class Scope {
        final Scope outer;
        final List<Entry> entries = new ArrayList<>();

        Scope(Scope outer) {
            this.outer = outer;
        }
    }

    private final String sql;
    private final Catalog catalog;
    private final QueryParser parser;
    final List<Problem> problems = new ArrayList<>();
    final Map<String, Relation> sources = new LinkedHashMap<>();
    /** The top-level SELECT and its scope, when the query is a plain SELECT. */
    PlainSelect top;
    Scope topScope;

    private SqlForm(String sql, Catalog catalog, QueryParser parser) {
        this.sql = sql;
        this.catalog = catalog;
        this.parser = parser;
    }

    /** The parsed query, checked to be exactly one SELECT; empty (with problems) otherwise. */
    static Optional<Select> parse(String sql, QueryParser parser, List<Problem> problems) {
        if (sql.isBlank()) {
            problems.add(new Problem(Code.SG241, "query is empty", "give one SELECT", 0, 0));
            return Optional.empty();
        }
        // the query's frame, judged as one parenthesized expression: quotes and parentheses closed, no comment, no ';'
        Optional<ExpressionFrame.Problem> lexical = ExpressionFrame.problem("(" + sql + ")",
                ExpressionFrame.Context.EXPRESSION);
        if (lexical.isPresent()) {
            String m = lexical.get().message();
            boolean frame = m.contains("';'") || m.contains("comment");
            problems.add(new Problem(frame ? Code.SG241 : Code.SG242, "query is not " + (frame
                    ? "exactly one SELECT: " : "complete SQL: ") + m, m.contains("';'")
                    ? "a view query is one SELECT without ';'" : m.contains("comment")
                            ? "drop the comment: the query is written into generated statements, where a comment would"
                                    + " swallow what follows; YAML comments (#) are kept out of the SQL"
                            : lexical.get().hint(), 0, 0));
            return Optional.empty();
        }
        Statements parsed;
        try {
            parsed = parser.statements(sql);
        } catch (QueryParser.ParseFailure f) {
            problems.add(new Problem(Code.SG242, "query does not parse: " + f.failure.message(),
                    "specgen reads the query with JSqlParser (PostgreSQL dialect) to find its tables and columns; write"
                            + " it in a form JSqlParser reads, or report the construct", f.failure.line(),
                    f.failure.column()));
            return Optional.empty();
        }
        if (parsed.size() != 1) {
            problems.add(new Problem(Code.SG241, "query holds " + parsed.size() + " statements, not exactly one"
                    + " SELECT", "a view query is one SELECT", 0, 0));
            return Optional.empty();
        }
        Statement st = parsed.get(0);
        if (!(st instanceof Select select)) {
            problems.add(new Problem(Code.SG241, "query is " + kind(st) + ", not a SELECT",
                    "a view query only reads: one SELECT", 0, 0));
            return Optional.empty();
        }
        int before = problems.size();
        readOnly(select, problems);
        return problems.size() == before ? Optional.of(select) : Optional.empty();
    }

    private static String kind(Statement st) {
        String n = st.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
        return "a" + ("AEIOU".indexOf(n.charAt(0)) >= 0 ? "n " : " ") + n + " statement";
    }

    /** No data-modifying WITH and no locking clause, at any level. */
    private static void readOnly(Select s, List<Problem> problems) {
        if (s.getWithItemsList() != null) {
            for (WithItem<?> w : s.getWithItemsList()) {
                Object stmt = w.getParenthesedStatement();
                if (!(stmt instanceof Select inner)) {
                    problems.add(Problem.at(Code.SG241, "WITH " + w.getAliasName() + " modifies data; a view query"
                            + " only reads", "drop the data-modifying WITH", w));
                } else {
                    readOnly(inner, problems);
                }
            }
        }
        if (s.getForMode() != null || s.getForUpdateTable() != null) {
            problems.add(Problem.at(Code.SG241, "query locks rows (FOR UPDATE/SHARE); a view query only reads",
                    "drop the locking clause", s));
        }
        if (s instanceof PlainSelect ps && ps.getIntoTables() != null && !ps.getIntoTables().isEmpty()) {
            problems.add(Problem.at(Code.SG241, "SELECT INTO creates a table; a view query only reads",
                    "drop INTO", s));
        }
        if (s instanceof SetOperationList ops) {
            ops.getSelects().forEach(x -> readOnly(x, problems));
        }
        if (s instanceof ParenthesedSelect p && p.getSelect() != null) {
            readOnly(p.getSelect(), problems);
        }
    }

    /** The output columns of the analysed query, when they are known. */
    Optional<List<String>> columns = Optional.empty();

    /** Resolves the tables and columns of a parsed query. */
    static SqlForm analyze(String sql, Select select, Catalog catalog, QueryParser parser) {
        SqlForm f = new SqlForm(sql, catalog, parser);
        f.columns = f.select(select, null, new LinkedHashMap<>(), true);
        return f;
    }

    /** For the declarative form: the same column resolution over a scope built from the spec's pieces. */
    static SqlForm forPieces(Catalog catalog, QueryParser parser) {
        return new SqlForm("", catalog, parser);
    }

    /** Checks the column references (and subqueries) of {@code e} in {@code sc}; problems are added. */
    void check(Expression e, Scope sc) {
        expression(e, sc, Set.of(), Map.of());
    }

    /** Output column names, or empty when unknown (a {@code *} over something whose columns are unknown). */
    private Optional<List<String>> select(Select s, Scope outer, Map<String, Optional<List<String>>> ctes,
            boolean isTop) {
        Map<String, Optional<List<String>>> visible = new LinkedHashMap<>(ctes);
        if (s.getWithItemsList() != null) {
            for (WithItem<?> w : s.getWithItemsList()) {
                Optional<List<String>> cols = w.getParenthesedStatement() instanceof Select inner
                        ? select(inner, outer, visible, false) : Optional.empty();
                if (w.getWithItemList() != null && !w.getWithItemList().isEmpty()) {
                    cols = Optional.of(w.getWithItemList().stream().map(i -> ident(i.toString())).toList());
                }
                visible.put(ident(w.getAliasName()), cols);
            }
        }
        if (s instanceof PlainSelect ps) {
            return plain(ps, outer, visible, isTop);
        }
        if (s instanceof SetOperationList ops) {
            Optional<List<String>> first = Optional.empty();
            for (int i = 0; i < ops.getSelects().size(); i++) {
                Optional<List<String>> c = select(ops.getSelects().get(i), outer, visible, false);
                if (i == 0) {
                    first = c;
                }
            }
            orderBy(ops.getOrderByElements(), new Scope(outer), Set.of());
            return first;
        }
        if (s instanceof ParenthesedSelect p && p.getSelect() != null) {
            return select(p.getSelect(), outer, visible, isTop);
        }
        return Optional.empty();
    }

    private Optional<List<String>> plain(PlainSelect ps, Scope outer, Map<String, Optional<List<String>>> ctes,
            boolean isTop) {
        Scope sc = new Scope(outer);
        if (isTop) {
            top = ps;
            topScope = sc;
        }
        if (ps.getFromItem() != null) {
            from(ps.getFromItem(), sc, outer, ctes, false);
        }
        if (ps.getJoins() != null) {
            for (Join j : ps.getJoins()) {
                from(j.getRightItem(), sc, outer, ctes, j.isLeft() || j.isFull());
                if (j.isRight() || j.isFull()) {
                    // the left side's columns may be NULL too; only nullability cares, and it reads joins itself
                }
            }
            for (Join j : ps.getJoins()) {
                for (Expression on : j.getOnExpressions()) {
                    expression(on, sc, Set.of(), ctes);
                }
            }
        }
        List<String> names = new ArrayList<>();
        boolean known = true;
        Set<String> aliases = new HashSet<>();
        for (SelectItem<?> item : ps.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns atc) {
                Optional<Entry> en = entry(sc, ident(atc.getTable().getName()));
                if (en.isEmpty()) {
                    problems.add(Problem.at(Code.SG244, "unknown table or alias " + atc.getTable().getName() + " in "
                            + atc, "name a table of the FROM list", atc));
                    known = false;
                } else if (en.get().columns().isPresent()) {
                    names.addAll(en.get().columns().get());
                } else {
                    known = false;
                }
                continue;
            }
            if (e instanceof AllColumns) {
                for (Entry en : sc.entries) {
                    if (en.columns().isPresent()) {
                        names.addAll(en.columns().get());
                    } else {
                        known = false;
                    }
                }
                continue;
            }
            expression(e, sc, Set.of(), ctes);
            Optional<String> name = outputName(item);
            name.ifPresent(aliases::add);
            if (name.isEmpty() && isTop) {
                problems.add(Problem.at(Code.SG246, "output column " + e + " has no name",
                        "name it: " + e + " AS <name>", item));
            }
            names.add(name.orElse("?column?"));
        }
        if (ps.getWhere() != null) {
            expression(ps.getWhere(), sc, Set.of(), ctes);
        }
        GroupByElement g = ps.getGroupBy();
        if (g != null) {
            if (g.getGroupByExpressionList() != null) {
                for (Expression e : g.getGroupByExpressionList()) {
                    expression(e, sc, aliases, ctes);
                }
            }
            if (g.getGroupingSets() != null) {
                g.getGroupingSets().forEach(set -> set.forEach(e -> expression(e, sc, aliases, ctes)));
            }
        }
        if (ps.getHaving() != null) {
            expression(ps.getHaving(), sc, aliases, ctes);
        }
        if (ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null) {
            ps.getDistinct().getOnSelectItems().forEach(i -> expression(i.getExpression(), sc, aliases, ctes));
        }
        orderBy(ps.getOrderByElements(), sc, aliases);
        if (isTop && known) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).equals("?column?") && !seen.add(names.get(i))) {
                    problems.add(new Problem(Code.SG246, "output column " + names.get(i) + " is given twice",
                            "name one of them differently with AS", 0, 0));
                }
            }
        }
        return known ? Optional.of(names) : Optional.empty();
    }

    private void orderBy(List<OrderByElement> order, Scope sc, Set<String> aliases) {
        if (order != null) {
            for (OrderByElement o : order) {
                expression(o.getExpression(), sc, aliases, Map.of());
            }
        }
    }

    /** The name PostgreSQL gives an output column (FigureColname), if it gives a usable one. */
    static Optional<String> outputName(SelectItem<?> item) {
        Alias a = item.getAlias();
        if (a != null) {
            return Optional.of(ident(a.getName()));
        }
        return implicitName(item.getExpression());
    }

    private static Optional<String> implicitName(Expression e) {
        if (e instanceof Column c) {
            return Optional.of(ident(c.getColumnName()));
        }
        if (e instanceof Function fn && fn.getName() != null) {
            String n = fn.getName();
            return Optional.of(ident(n.contains(".") ? n.substring(n.lastIndexOf('.') + 1) : n));
        }
        if (e instanceof AnalyticExpression an) {
            return Optional.of(ident(an.getName()));
        }
        if (e instanceof CastExpression cast) {
            return implicitName(cast.getLeftExpression());
        }
        if (e instanceof CaseExpression) {
            return Optional.of("case");
        }
        return Optional.empty();
    }

    private void from(FromItem fi, Scope sc, Scope outer, Map<String, Optional<List<String>>> ctes, boolean nullable) {
        String alias = fi.getAlias() == null ? null : ident(fi.getAlias().getName());
        if (fi instanceof Table t) {
            String name = ident(t.getName());
            String schema = t.getSchemaName() == null ? null : ident(t.getSchemaName());
            String effective = alias != null ? alias : name;
            if (schema == null && ctes.containsKey(name)) {
                sc.entries.add(new Entry(effective, Optional.empty(), ctes.get(name), nullable));
                return;
            }
            if (schema == null) {
                List<String> where = catalog.names().stream().filter(n -> n.endsWith("." + name)).toList();
                problems.add(Problem.at(Code.SG243, "table " + t.getName() + " is not schema-qualified",
                        (where.isEmpty() ? "write <schema>." + t.getName() : "write " + where.get(0))
                                + ": the view is created with whatever search_path the install runs with", t));
                sc.entries.add(new Entry(effective, Optional.empty(), Optional.empty(), nullable));
                return;
            }
            Optional<Catalog.Rel> rel = catalog.get(schema, name);
            if (rel.isEmpty()) {
                problems.add(Problem.at(Code.SG243, "unknown table or view " + schema + "." + name
                        + Suggest.didYouMean(schema + "." + name, catalog.names()),
                        "a view reads tables of the entities and other views of this run", t));
                sc.entries.add(new Entry(effective, Optional.empty(), Optional.empty(), nullable));
                return;
            }
            sources.putIfAbsent(rel.get().relation().qualified(), rel.get().relation());
            sc.entries.add(new Entry(effective, rel, rel.get().columns(), nullable));
        } else if (fi instanceof LateralSubSelect lat) {
            Optional<List<String>> cols = select(lat.getSelect(), sc, ctes, false);
            sc.entries.add(new Entry(alias == null ? "" : alias, Optional.empty(), cols, nullable));
        } else if (fi instanceof ParenthesedSelect p) {
            Optional<List<String>> cols = select(p, outer, ctes, false);
            if (p.getAlias() != null && p.getAlias().getAliasColumns() != null
                    && !p.getAlias().getAliasColumns().isEmpty()) {
                cols = Optional.of(p.getAlias().getAliasColumns().stream().map(c -> ident(c.name)).toList());
            }
            sc.entries.add(new Entry(alias == null ? "" : alias, Optional.empty(), cols, nullable));
        } else if (fi instanceof ParenthesedFromItem pf) {
            from(pf.getFromItem(), sc, outer, ctes, nullable);
            if (pf.getJoins() != null) {
                for (Join j : pf.getJoins()) {
                    from(j.getRightItem(), sc, outer, ctes, nullable || j.isLeft() || j.isFull());
                }
                for (Join j : pf.getJoins()) {
                    for (Expression on : j.getOnExpressions()) {
                        expression(on, sc, Set.of(), ctes);
                    }
                }
            }
        } else {
            sc.entries.add(new Entry(alias == null ? "" : alias, Optional.empty(), Optional.empty(), nullable));
        }
    }

    private void expression(Expression e, Scope sc, Set<String> aliases, Map<String, Optional<List<String>>> ctes) {
        if (e == null) {
            return;
        }
        ExprFacts facts = ExprFacts.of(e);
        for (Column c : facts.columns) {
            column(c, sc, aliases);
        }
        for (Select sub : facts.subqueries) {
            select(sub, sc, ctes, false);
        }
    }

    private void column(Column c, Scope sc, Set<String> aliases) {
        String name = ident(c.getColumnName());
        Table t = c.getTable();
        if (t == null || t.getName() == null) {
            for (Scope s = sc; s != null; s = s.outer) {
                List<Entry> having = s.entries.stream()
                        .filter(en -> en.columns().isPresent() && en.columns().get().contains(name)).toList();
                if (having.size() > 1) {
                    problems.add(Problem.at(Code.SG244, "column reference " + c.getColumnName() + " is ambiguous: "
                            + String.join(" and ", having.stream().map(Entry::alias).toList()) + " both have it",
                            "qualify it: " + having.get(0).alias() + "." + c.getColumnName(), c));
                    return;
                }
                if (having.size() == 1 || s.entries.stream().anyMatch(en -> en.columns().isEmpty())
                        || s == sc && aliases.contains(name)) {
                    return;
                }
            }
            List<String> known = new ArrayList<>();
            sc.entries.forEach(en -> en.columns().ifPresent(known::addAll));
            problems.add(Problem.at(Code.SG244, "column " + c.getColumnName() + " does not exist in "
                    + String.join(", ", sc.entries.stream().map(this::describe).toList())
                    + Suggest.didYouMean(name, known), "use a column of the tables in FROM", c));
            return;
        }
        String qualifier = ident(t.getName());
        for (Scope s = sc; s != null; s = s.outer) {
            for (Entry en : s.entries) {
                if (en.alias().equals(qualifier)) {
                    if (en.columns().isPresent() && !en.columns().get().contains(name)) {
                        problems.add(Problem.at(Code.SG244, "column " + c.getColumnName() + " is not a column of "
                                + describe(en) + Suggest.didYouMean(name, en.columns().get()),
                                "columns of " + describe(en) + ": " + String.join(", ", en.columns().get()), c));
                    }
                    return;
                }
            }
        }
        List<String> aliasesInScope = new ArrayList<>();
        for (Scope s = sc; s != null; s = s.outer) {
            s.entries.forEach(en -> aliasesInScope.add(en.alias()));
        }
        problems.add(Problem.at(Code.SG244, "unknown table or alias " + t.getName() + " in " + c
                + Suggest.didYouMean(qualifier, aliasesInScope),
                "qualify columns with a table name or alias of the FROM list", c));
    }

    private String describe(Entry en) {
        return en.rel().map(r -> r.relation().qualified() + (r.relation().name().equals(en.alias()) ? ""
                : " (" + en.alias() + ")")).orElse(en.alias().isEmpty() ? "a subquery" : en.alias());
    }

    /** The entry a qualifier names in {@code sc} (not outer scopes). */
    static Optional<Entry> entry(Scope sc, String alias) {
        return sc.entries.stream().filter(e -> e.alias().equals(alias)).findFirst();
    }

    /** An identifier as PostgreSQL reads it: quoted keeps its case, unquoted is folded to lower case. */
    static String ident(String name) {
        if (name == null) {
            return "";
        }
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    String sql() {
        return sql;
    }

    QueryParser parser() {
        return parser;
    }
}
