package dev.specgen.view;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.MaterializedView;
import dev.specgen.model.MaterializedView.Refresh;
import dev.specgen.model.Named;
import dev.specgen.model.SpecModel;
import dev.specgen.model.ViewQuery;
import dev.specgen.model.ViewQuery.Aggregate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.statement.select.Select;

/**
 * The view stage of validation: reads every view's definition once (SQL with JSqlParser; the declarative form
 * piece by piece), resolves what it reads against the run's entities and views, orders views after the views they
 * read (a cycle is SG247), decides how each is refreshed and reports what the spec should know: unknown tables
 * (SG243) and columns (SG244), queries that are not exactly one SELECT (SG241) or do not parse (SG242), keys
 * (SG246), queries that cannot be maintained incrementally (SG245, with the reason), settings without effect
 * (SG248) and missing indexes that incremental maintenance leans on (SG249).
 */
public final class ViewAnalyzer {
    private final SpecModel model;
    private final Diagnostics diags;
    private final QueryParser parser;
    private final Map<String, Optional<Select>> parsed = new LinkedHashMap<>();

    private ViewAnalyzer(SpecModel model, Diagnostics diags, QueryParser parser) {
        this.model = model;
        this.diags = diags;
        this.parser = parser;
    }

    public static ViewCatalog analyze(SpecModel model, Diagnostics diags) {
        if (model.views().isEmpty()) {
            return ViewCatalog.EMPTY;
        }
        try (QueryParser parser = new QueryParser()) {
            return new ViewAnalyzer(model, diags, parser).run();
        }
    }

    private static String key(MaterializedView v) {
        return v.schema() + "." + v.name();
    }

    private ViewCatalog run() {
        Set<String> seen = new HashSet<>();
        List<MaterializedView> views = new ArrayList<>();
        for (MaterializedView v : model.views()) {
            if (seen.add(key(v))) {
                views.add(v); // a second view of the same name is SG202 (NamespaceRule)
            }
        }
        Map<String, List<String>> reads = new LinkedHashMap<>();
        for (MaterializedView v : views) {
            reads.put(key(v), viewsRead(v));
        }
        List<MaterializedView> ordered = order(views, reads);
        Catalog catalog = new Catalog(model.entities());
        for (MaterializedView v : views) {
            catalog.addView(v.schema(), v.name(), Optional.empty());
        }
        List<AnalyzedView> out = new ArrayList<>();
        for (MaterializedView v : ordered) {
            analyze(v, catalog).ifPresent(a -> {
                out.add(a);
                catalog.addView(v.schema(), v.name(), Optional.of(a.columns()));
            });
        }
        return new ViewCatalog(out);
    }

    /** The views {@code v} reads (pass 1: names only, so views can be ordered before their columns are needed). */
    private List<String> viewsRead(MaterializedView v) {
        List<String> out = new ArrayList<>();
        if (v.query() instanceof ViewQuery.Sql q) {
            List<Problem> problems = new ArrayList<>();
            Optional<Select> sel = SqlForm.parse(q.text(), parser, problems);
            parsed.put(key(v), sel);
            report(v, q, problems);
            if (sel.isPresent()) {
                Catalog names = new Catalog(model.entities());
                model.views().forEach(x -> names.addView(x.schema(), x.name(), Optional.empty()));
                SqlForm f = SqlForm.analyze(q.text(), sel.get(), names, parser);
                f.sources.values().stream().filter(Relation::isView).forEach(r -> out.add(r.qualified()));
            }
        } else if (v.query() instanceof ViewQuery.Declared d) {
            DeclaredForm.source(d.source().name(), v.schema(), model).filter(Relation::isView)
                    .ifPresent(r -> out.add(r.qualified()));
        }
        return out;
    }

    /** Views in dependency order (ties in spec order); every view of a cycle is SG247 and left out. */
    private List<MaterializedView> order(List<MaterializedView> views, Map<String, List<String>> reads) {
        Map<String, MaterializedView> byKey = new LinkedHashMap<>();
        views.forEach(v -> byKey.put(key(v), v));
        List<MaterializedView> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> inCycle = new LinkedHashSet<>();
        for (MaterializedView v : views) {
            visit(key(v), byKey, reads, done, new LinkedHashSet<>(), out, inCycle);
        }
        for (String k : inCycle) {
            MaterializedView v = byKey.get(k);
            diags.error(v.pos(), Code.SG247, "materialized view " + v.qualifiedName() + " reads itself through "
                    + String.join(" -> ", cycleFrom(k, reads)), "a view cannot depend on itself; read the tables"
                            + " instead");
        }
        return out.stream().filter(v -> !inCycle.contains(key(v))).toList();
    }

    private void visit(String k, Map<String, MaterializedView> byKey, Map<String, List<String>> reads,
            Set<String> done, LinkedHashSet<String> path, List<MaterializedView> out, Set<String> inCycle) {
        if (done.contains(k) || !byKey.containsKey(k)) {
            return;
        }
        if (path.contains(k)) {
            boolean on = false;
            for (String p : path) {
                on |= p.equals(k);
                if (on) {
                    inCycle.add(p);
                }
            }
            return;
        }
        path.add(k);
        for (String dep : reads.getOrDefault(k, List.of())) {
            visit(dep, byKey, reads, done, path, out, inCycle);
        }
        path.remove(k);
        done.add(k);
        out.add(byKey.get(k));
    }

    private static List<String> cycleFrom(String start, Map<String, List<String>> reads) {
        List<String> path = new ArrayList<>(List.of(start));
        String cur = start;
        Set<String> seen = new HashSet<>();
        while (seen.add(cur)) {
            List<String> next = reads.getOrDefault(cur, List.of());
            if (next.isEmpty()) {
                break;
            }
            cur = next.get(0);
            path.add(cur);
            if (cur.equals(start)) {
                break;
            }
        }
        return path;
    }

    private Optional<AnalyzedView> analyze(MaterializedView v, Catalog catalog) {
        List<Relation> sources;
        List<String> columns;
        String sql;
        Optional<AggregateShape> shape;
        Optional<String> reason;
        List<String> derivedKey;
        if (v.query() instanceof ViewQuery.Sql q) {
            Optional<Select> sel = parsed.getOrDefault(key(v), Optional.empty());
            if (sel.isEmpty()) {
                return Optional.empty();
            }
            SqlForm f = SqlForm.analyze(q.text(), sel.get(), catalog, parser);
            report(v, q, f.problems);
            if (!f.problems.isEmpty()) {
                return Optional.empty();
            }
            SqlShape.Outcome o = SqlShape.of(f, "it is a set operation (UNION, INTERSECT or EXCEPT) or VALUES");
            sources = List.copyOf(f.sources.values());
            columns = f.columns.orElse(List.of());
            sql = q.text().strip();
            shape = o.shape();
            reason = o.reason();
            derivedKey = o.key();
        } else {
            Optional<DeclaredForm.Result> r = new DeclaredForm(v, (ViewQuery.Declared) v.query(), model, catalog,
                    parser, diags).analyze();
            if (r.isEmpty()) {
                return Optional.empty();
            }
            sources = r.get().sources();
            columns = r.get().columns();
            sql = r.get().selectSql();
            shape = r.get().shape();
            reason = r.get().reason();
            derivedKey = r.get().key();
        }
        boolean columnsKnown = !columns.isEmpty();
        List<String> key = key(v, columns, columnsKnown, derivedKey);
        Refresh strategy = strategy(v, shape, reason, key);
        if (strategy == null) {
            return Optional.empty();
        }
        if (shape.isPresent() && (strategy == Refresh.INCREMENTAL || strategy == Refresh.IMMEDIATE)) {
            List<String> groups = shape.get().groups().stream().map(AggregateShape.GroupKey::name).toList();
            if (!v.key().isEmpty() && !new HashSet<>(groups).equals(new HashSet<>(key))) {
                diags.warning(v.keyPos(), Code.SG248, "key of materialized view " + v.name() + " has no effect: an"
                        + " incrementally maintained aggregate is keyed by its group keys (" + String.join(", ",
                                groups) + ")", "drop key:, or list the group keys");
            }
            key = groups;
            indexWarnings(v, shape.get());
        }
        settings(v, strategy);
        indexes(v, columns, columnsKnown, shape.filter(s -> strategy == Refresh.INCREMENTAL
                || strategy == Refresh.IMMEDIATE));
        return Optional.of(new AnalyzedView(v, sources, columns, sql, strategy == Refresh.INCREMENTAL
                || strategy == Refresh.IMMEDIATE ? shape : Optional.empty(), reason, strategy, key));
    }

    /** The spec's key (each an output column), else the derived one. */
    private List<String> key(MaterializedView v, List<String> columns, boolean known, List<String> derived) {
        if (v.key().isEmpty()) {
            return derived;
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Named k : v.key()) {
            if (known && !columns.contains(k.name())) {
                diags.error(k.pos(), Code.SG246, "key column " + k.name() + " is not an output column of materialized"
                        + " view " + v.name() + dev.specgen.diag.Suggest.didYouMean(k.name(), columns),
                        "output columns: " + String.join(", ", columns));
            } else if (!seen.add(k.name())) {
                diags.error(k.pos(), Code.SG202, "key column " + k.name() + " is listed twice", null);
            } else {
                out.add(k.name());
            }
        }
        return out;
    }

    /** The refresh strategy the view gets; null after an error. */
    private Refresh strategy(MaterializedView v, Optional<AggregateShape> shape, Optional<String> reason,
            List<String> key) {
        Refresh fallback = key.isEmpty() ? Refresh.FULL : Refresh.CONCURRENT;
        switch (v.refresh()) {
            case AUTO:
                return shape.isPresent() ? Refresh.INCREMENTAL : fallback;
            case INCREMENTAL:
            case IMMEDIATE:
                if (shape.isPresent()) {
                    if (v.refresh() == Refresh.IMMEDIATE && !v.withData()) {
                        diags.error(v.refreshPos(), Code.SG222, "with_data: false is not possible for refresh:"
                                + " immediate", "every write updates an immediate view, so it must hold its data from"
                                        + " the start; drop with_data: false, or use refresh: incremental");
                        return null;
                    }
                    return v.refresh();
                }
                diags.warning(v.refreshPos(), Code.SG245, "materialized view " + v.name() + " cannot be maintained"
                        + " incrementally: " + reason.orElse("?") + "; it is refreshed in full"
                        + (fallback == Refresh.CONCURRENT ? " (concurrently, by its key)" : ""),
                        "refresh: " + fallback.word() + " says so without this warning");
                return fallback;
            case CONCURRENT:
                if (key.isEmpty()) {
                    diags.error(v.refreshPos(), Code.SG246, "refresh: concurrent needs a unique key, and materialized"
                            + " view " + v.name() + " has none", "REFRESH MATERIALIZED VIEW CONCURRENTLY needs a unique"
                                    + " index on plain columns: give key: [the columns that identify a row], or use"
                                    + " refresh: full");
                    return null;
                }
                return Refresh.CONCURRENT;
            default:
                return Refresh.FULL;
        }
    }

    /** Settings that do nothing with the resolved strategy are warnings (nothing is silently dropped). */
    private void settings(MaterializedView v, Refresh strategy) {
        if (v.fullRefreshThreshold().isPresent() && strategy != Refresh.INCREMENTAL) {
            diags.warning(v.pos(), Code.SG248, "full_refresh_threshold of materialized view " + v.name() + " has no"
                    + " effect: it is refreshed " + (strategy == Refresh.IMMEDIATE ? "immediately" : "in full"),
                    "only incremental refreshes choose between applying the changes and a full recompute");
        }
        if (v.interval().isPresent() && strategy == Refresh.IMMEDIATE) {
            diags.warning(v.pos(), Code.SG248, "refresh_interval of materialized view " + v.name() + " has no"
                    + " effect: an immediate view is current after every write", "drop refresh_interval");
        }
    }

    /** View index columns must be output columns; an avg of a table-backed view is computed when read. */
    private void indexes(MaterializedView v, List<String> columns, boolean known, Optional<AggregateShape> kept) {
        Set<String> computed = new HashSet<>();
        kept.ifPresent(s -> s.measures().stream().filter(m -> m.function() == Aggregate.AVG)
                .forEach(m -> computed.add(m.name())));
        for (Index ix : v.indexes()) {
            List<Named> all = new ArrayList<>();
            for (IndexColumn c : ix.columns()) {
                c.column().ifPresent(n -> all.add(new Named(n, c.pos())));
            }
            all.addAll(ix.include());
            for (Named n : all) {
                if (known && !columns.contains(n.name())) {
                    diags.error(n.pos(), Code.SG244, "index column " + n.name() + " is not an output column of"
                            + " materialized view " + v.name() + dev.specgen.diag.Suggest.didYouMean(n.name(), columns),
                            "output columns: " + String.join(", ", columns));
                } else if (computed.contains(n.name())) {
                    diags.error(n.pos(), Code.SG244, "index column " + n.name() + " is an avg of materialized view "
                            + v.name() + ", computed when read", "an incrementally kept view stores sums and counts;"
                                    + " index the view's other columns");
                }
            }
            if (ix.method() == Index.Method.HASH && ix.columns().size() > 1) {
                diags.error(ix.pos(), Code.SG205, "hash indexes take one column (found " + ix.columns().size() + ")",
                        "use a btree index for multi-column equality lookups, or hash one column");
            }
            if (ix.unique() && ix.method() != Index.Method.BTREE) {
                diags.error(ix.methodPos(), Code.SG220, ix.method().sql() + " indexes cannot be unique",
                        "only btree indexes enforce uniqueness; use type: btree or drop unique");
            }
        }
    }

    /**
     * Incremental maintenance reads the fact table in two places where an index decides its speed: MIN/MAX of a
     * group whose extreme was deleted is recomputed from the group's rows, and a change to a dimension re-aggregates
     * the fact rows that reference it.
     */
    private void indexWarnings(MaterializedView v, AggregateShape s) {
        Entity fact = s.fact().entity();
        if (s.hasMinMax()) {
            List<String> plain = new ArrayList<>();
            for (AggregateShape.GroupKey g : s.groups()) {
                String bare = g.sql().startsWith(s.fact().alias() + ".") ? g.sql().substring(s.fact().alias().length()
                        + 1) : g.sql();
                if (fact.field(bare).isPresent()) {
                    plain.add(bare);
                }
            }
            if (!leadsWith(fact, new HashSet<>(plain))) {
                diags.warning(v.pos(), Code.SG249, "min/max of materialized view " + v.name() + " are recomputed"
                        + " for a group whose extreme was deleted or updated, and no index of " + fact.table()
                        + " leads with its group keys, so each recompute scans " + fact.table(),
                        plain.isEmpty() ? "its group keys are not columns of " + fact.table() + ", so no index can"
                                + " serve them: keep min/max out of this view, or accept that a refresh after such"
                                + " deletes recomputes in full" : "add an index on " + fact.table() + " ("
                                + String.join(", ", plain) + ")");
            }
        }
        for (AggregateShape.DimJoin j : s.joins()) {
            if (!leads(fact, j.column())) {
                diags.warning(v.pos(), Code.SG249, "a change to " + j.entity().name() + " re-aggregates its rows of "
                        + fact.table() + " for materialized view " + v.name() + ", and no index of " + fact.table()
                        + " leads with " + j.column(), "add an index on " + fact.table() + " (" + j.column() + ")");
            }
        }
    }

    /**
     * True when the first columns of a btree index (or the primary key) of {@code e} are exactly {@code columns}
     * (in any order): a lookup of one group by them reads just that group.
     */
    public static boolean leadsWith(Entity e, Set<String> columns) {
        if (columns.isEmpty()) {
            return false;
        }
        List<List<String>> keys = new ArrayList<>();
        keys.add(e.primaryKey().stream().map(Named::name).toList());
        e.fields().stream().filter(f -> f.unique()).forEach(f -> keys.add(List.of(f.name())));
        for (Index ix : e.indexes()) {
            if (ix.method() == Index.Method.BTREE && ix.where().isEmpty()) {
                keys.add(ix.columns().stream().map(c -> c.column().orElse("")).toList());
            }
        }
        return keys.stream().anyMatch(k -> k.size() >= columns.size()
                && new HashSet<>(k.subList(0, columns.size())).equals(columns));
    }

    /** True when a btree index, the primary key or a unique column of {@code e} starts with {@code column}. */
    static boolean leads(Entity e, String column) {
        if (!e.primaryKey().isEmpty() && e.primaryKey().get(0).name().equals(column)) {
            return true;
        }
        if (e.field(column).map(f -> f.unique()).orElse(false)) {
            return true;
        }
        return e.indexes().stream().anyMatch(ix -> ix.method() == Index.Method.BTREE && ix.where().isEmpty()
                && ix.columns().get(0).column().map(column::equals).orElse(false));
    }

    /** Problems inside a query's SQL, reported at the query with their place in it. */
    private void report(MaterializedView v, ViewQuery.Sql q, List<Problem> problems) {
        boolean multiline = q.text().strip().contains("\n");
        for (Problem p : problems) {
            String where = p.line() <= 0 ? "" : multiline ? " (query line " + p.line() + ", column " + p.column()
                    + ")" : " (query column " + p.column() + ")";
            SourcePos pos = q.pos();
            diags.add(dev.specgen.diag.Diagnostic.error(pos, p.code(), p.message() + where)
                    .withHint(p.hint()));
        }
    }
}
