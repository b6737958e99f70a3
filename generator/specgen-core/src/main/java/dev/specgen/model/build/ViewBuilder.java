package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.model.Index;
import dev.specgen.model.MaterializedView;
import dev.specgen.model.MaterializedView.OnBusy;
import dev.specgen.model.MaterializedView.Refresh;
import dev.specgen.model.Named;
import dev.specgen.model.RefreshInterval;
import dev.specgen.model.ViewQuery;
import dev.specgen.model.ViewQuery.Aggregate;
import dev.specgen.model.ViewQuery.JoinType;
import dev.specgen.validate.Identifiers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Materialized views to {@link MaterializedView}s, from a view document ({@code materialized_view: name} at the top of
 * a YAML document, without {@code entity:}) or from an entity ({@code materialized_view:} as a name or a mapping, with
 * the entity-level {@code refresh_strategy} and {@code refresh_interval} of the seed). A view needs a definition:
 * {@code query:} (SQL) or the declarative keys; the seed's bare {@code materialized_view: name} has none and is an
 * error that says so (SG240), never silently dropped. Refresh settings without a view, or given twice, are SG222.
 */
final class ViewBuilder {

    static final List<String> DOCUMENT_KEYS = List.of("materialized_view", "schema", "description", "query", "source",
            "joins", "where", "group_by", "measures", "key", "indexes", "refresh", "refresh_strategy",
            "refresh_interval", "on_busy", "full_refresh_threshold", "with_data");
    /** The mapping form on an entity: the document's keys but the name, the schema and the source (the entity). */
    static final List<String> ENTITY_KEYS = List.of("name", "description", "query", "joins", "where", "group_by",
            "measures", "key", "indexes", "refresh", "refresh_strategy", "refresh_interval", "on_busy",
            "full_refresh_threshold", "with_data");
    static final List<String> DECLARATIVE_KEYS = List.of("source", "joins", "where", "group_by", "measures");
    private static final List<String> JOIN_KEYS = List.of("entity", "on", "type", "as");
    private static final List<String> GROUP_KEYS = List.of("expr", "as");
    static final Map<String, Refresh> STRATEGIES = Shape.words(Refresh.values());
    private static final Map<String, OnBusy> ON_BUSY = Shape.words(OnBusy.values());
    private static final Map<String, JoinType> JOIN_TYPES = Shape.words(JoinType.values());
    private static final Map<String, Aggregate> AGGREGATES = Shape.words(Aggregate.values());
    private static final Map<String, RefreshInterval.Unit> UNITS = new LinkedHashMap<>();
    static final String UNIT_LIST = "second(s), minute(s), hour(s), day(s), week(s) or month(s)";
    private static final Pattern INTERVAL = Pattern.compile(
            "(\\d+(\\.\\d+)?)\\s+(second|minute|hour|day|week|month)s?", Pattern.CASE_INSENSITIVE);
    private static final Pattern MEASURE = Pattern.compile("(?s)\\s*([A-Za-z_]+)\\s*(?:\\((.*)\\))?\\s*");

    static {
        for (RefreshInterval.Unit u : RefreshInterval.Unit.values()) {
            UNITS.put(u.word(), u);
        }
    }

    private final Shape shape;

    ViewBuilder(Shape shape) {
        this.shape = shape;
    }

    /** True for a document that declares a view rather than an entity. */
    static boolean isViewDocument(YNode root) {
        return root instanceof YMap m && m.entry("materialized_view").isPresent() && m.entry("entity").isEmpty();
    }

    /** A view document. */
    Optional<MaterializedView> document(YMap m) {
        shape.keys(m, DOCUMENT_KEYS, "materialized view");
        Optional<YScalar> nameNode = m.get("materialized_view").flatMap(n -> shape.scalar(n, "\"materialized_view\""));
        String schema = m.get("schema").flatMap(s -> shape.scalar(s, "\"schema\"")).map(s -> {
            Identifiers.check("schema", s.text(), s.pos(), shape.diags);
            return s.text();
        }).orElse("public");
        SourcePos pos = nameNode.map(YNode::pos).orElse(m.pos());
        Optional<ViewQuery> query = definition(m, Optional.empty(), pos, nameNode.map(YScalar::text).orElse("?"));
        return nameNode.flatMap(n -> settings(m, n.text(), schema, query, Optional.empty(), Optional.empty(),
                Optional.empty(), n.pos()));
    }

    /**
     * The view an entity declares, if any: {@code materialized_view:} as a name (an error without a definition) or a
     * mapping whose default source is the entity. Entity-level {@code refresh_strategy}/{@code refresh_interval}
     * without a view are SG222.
     */
    Optional<MaterializedView> ofEntity(YMap entity, Optional<String> entityName, String schema, SourcePos entityPos) {
        Optional<YMap.Entry> topStrategy = entity.entry("refresh_strategy");
        Optional<YMap.Entry> topInterval = entity.entry("refresh_interval");
        Optional<YNode> view = entity.get("materialized_view");
        if (view.isEmpty()) {
            for (Optional<YMap.Entry> e : List.of(topStrategy, topInterval)) {
                e.ifPresent(x -> shape.diags.error(x.key().pos(), Code.SG222, "\"" + x.key().text()
                        + "\" without materialized_view", "name the view with materialized_view:, or drop \""
                                + x.key().text() + "\""));
            }
            return Optional.empty();
        }
        if (view.get() instanceof YMap m) {
            shape.keys(m, ENTITY_KEYS, "materialized_view");
            Optional<YScalar> nameNode = shape.required(m, "name", "materialized_view")
                    .flatMap(n -> shape.scalar(n, "\"name\""));
            SourcePos pos = nameNode.map(YNode::pos).orElse(m.pos());
            Optional<Named> source = entityName.map(n -> new Named(n, entityPos));
            Optional<ViewQuery> query = source.flatMap(s -> definition(m, Optional.of(s), pos,
                    nameNode.map(YScalar::text).orElse("?")));
            return nameNode.flatMap(n -> settings(m, n.text(), schema, query, entityName, topStrategy, topInterval,
                    n.pos()));
        }
        Optional<YScalar> name = shape.scalar(view.get(), "\"materialized_view\"");
        name.ifPresent(n -> shape.diags.error(n.pos(), Code.SG240, "materialized view " + n.text()
                + " has no definition: a name alone does not say what it selects"
                + entityName.map(e -> " from " + e).orElse(""), "give it one: materialized_view: {name: "
                + n.text() + ", query: \"SELECT ...\"} (or group_by: and measures: over "
                + entityName.orElse("the entity") + "), or declare it in a document of its own; see"
                + " docs/spec-reference.md#materialized-views"));
        // the refresh settings are still read, so that their own mistakes are reported too
        topStrategy.ifPresent(s -> shape.word(s.value(), "refresh_strategy", STRATEGIES));
        topInterval.ifPresent(i -> interval(i.value()));
        return Optional.empty();
    }

    /**
     * {@code query:} or the declarative keys; both, or neither, is SG240. {@code defaultSource} is the entity of the
     * entity form (whose mapping has no {@code source:} key).
     */
    private Optional<ViewQuery> definition(YMap m, Optional<Named> defaultSource, SourcePos viewPos, String name) {
        Optional<YMap.Entry> query = m.entry("query");
        List<YMap.Entry> declarative = DECLARATIVE_KEYS.stream().map(m::entry).flatMap(Optional::stream).toList();
        if (query.isPresent() && !declarative.isEmpty()) {
            shape.diags.error(query.get().key().pos(), Code.SG240, "materialized view " + name + " has two"
                    + " definitions: query: and " + String.join(", ", declarative.stream().map(e -> e.key().text())
                            .toList()), "keep one: the SQL query, or the declarative keys");
            return Optional.empty();
        }
        if (query.isPresent()) {
            return shape.scalar(query.get().value(), "\"query\"").map(q -> new ViewQuery.Sql(q.text(), q.pos()));
        }
        if (declarative.isEmpty() && defaultSource.isEmpty()) {
            shape.diags.error(viewPos, Code.SG240, "materialized view " + name + " has no definition",
                    "give query: (one SELECT) or source:, group_by: and measures:");
            return Optional.empty();
        }
        if (defaultSource.isPresent() && declarative.isEmpty()) {
            shape.diags.error(viewPos, Code.SG240, "materialized view " + name + " has no definition",
                    "give query: (one SELECT), or group_by: and measures: over " + defaultSource.get().name());
            return Optional.empty();
        }
        Optional<Named> source = defaultSource.isPresent() ? defaultSource
                : shape.required(m, "source", "materialized view").flatMap(s -> shape.named(s, "\"source\""));
        List<ViewQuery.Join> joins = new ArrayList<>();
        m.get("joins").flatMap(j -> shape.seq(j, "\"joins\"")).ifPresent(s -> s.items().forEach(
                i -> shape.map(i, "each item of \"joins\"").flatMap(this::join).ifPresent(joins::add)));
        Optional<ViewQuery.Expr> where = m.get("where").flatMap(w -> shape.scalar(w, "\"where\""))
                .map(w -> new ViewQuery.Expr(w.text(), w.pos()));
        List<ViewQuery.GroupItem> groups = new ArrayList<>();
        m.get("group_by").flatMap(g -> shape.seq(g, "\"group_by\"")).ifPresent(s -> s.items().forEach(
                i -> group(i).ifPresent(groups::add)));
        List<ViewQuery.Measure> measures = new ArrayList<>();
        Optional<YMap> measureMap = shape.required(m, "measures", "materialized view")
                .flatMap(x -> shape.map(x, "\"measures\""));
        measureMap.ifPresent(x -> {
            if (x.entries().isEmpty()) {
                shape.diags.error(x.pos(), Code.SG107, "\"measures\" must be a non-empty mapping, found an empty one");
            }
            x.entries().forEach(e -> measure(e).ifPresent(measures::add));
        });
        if (source.isEmpty() || measureMap.isEmpty()) {
            return Optional.empty();
        }
        SourcePos pos = m.entry("source").map(e -> e.value().pos()).orElse(viewPos);
        return Optional.of(new ViewQuery.Declared(source.get(), joins, where, groups, measures, pos));
    }

    private Optional<ViewQuery.Join> join(YMap m) {
        shape.keys(m, JOIN_KEYS, "join");
        Optional<Named> entity = shape.required(m, "entity", "join").flatMap(e -> shape.named(e, "\"entity\""));
        Optional<Named> on = shape.required(m, "on", "join").flatMap(e -> shape.named(e, "\"on\""));
        JoinType type = m.get("type").flatMap(t -> shape.word(t, "join type", JOIN_TYPES)).orElse(JoinType.INNER);
        Optional<String> alias = m.get("as").flatMap(a -> shape.scalar(a, "\"as\"")).map(a -> {
            Identifiers.check("alias", a.text(), a.pos(), shape.diags);
            return a.text();
        });
        if (entity.isEmpty() || on.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ViewQuery.Join(entity.get(), on.get(), type, alias, m.pos()));
    }

    private Optional<ViewQuery.GroupItem> group(YNode n) {
        if (n instanceof YMap m) {
            shape.keys(m, GROUP_KEYS, "group_by item");
            Optional<YScalar> expr = shape.required(m, "expr", "group_by item").flatMap(e -> shape.scalar(e, "\"expr\""));
            Optional<YScalar> as = shape.required(m, "as", "group_by item").flatMap(a -> shape.scalar(a, "\"as\""));
            as.ifPresent(a -> Identifiers.check("column", a.text(), a.pos(), shape.diags));
            if (expr.isEmpty() || as.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ViewQuery.GroupItem(expr.get().text(), Optional.of(as.get().text()),
                    expr.get().pos()));
        }
        return shape.scalar(n, "each item of \"group_by\"")
                .map(s -> new ViewQuery.GroupItem(s.text(), Optional.empty(), s.pos()));
    }

    /** {@code name: count}, {@code name: count(*)}, {@code name: sum(expression)}, ... */
    private Optional<ViewQuery.Measure> measure(YMap.Entry e) {
        String name = e.key().text();
        Identifiers.check("measure", name, e.key().pos(), shape.diags);
        Optional<YScalar> value = shape.scalar(e.value(), "measure \"" + name + "\"");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().text();
        Matcher mm = MEASURE.matcher(text);
        SourcePos pos = value.get().pos();
        String hint = "write count, count(column), sum(expression), avg(expression), min(expression) or"
                + " max(expression)";
        if (!mm.matches()) {
            shape.diags.error(pos, Code.SG222, "measure " + name + " \"" + text + "\" is not an aggregate call", hint);
            return Optional.empty();
        }
        String fn = mm.group(1).toLowerCase(Locale.ROOT);
        if (!AGGREGATES.containsKey(fn)) {
            shape.diags.error(pos, Code.SG109, "measure function \"" + mm.group(1) + "\" is not one of "
                    + String.join(", ", AGGREGATES.keySet()) + dev.specgen.diag.Suggest.didYouMean(fn,
                            AGGREGATES.keySet()), "other aggregates (and DISTINCT, FILTER) need query:");
            return Optional.empty();
        }
        Aggregate agg = AGGREGATES.get(fn);
        String arg = mm.group(2) == null ? "" : mm.group(2).strip();
        if (arg.toLowerCase(Locale.ROOT).matches("(distinct|all)\\b.*")) {
            shape.diags.error(pos, Code.SG222, "measure " + name + ": " + fn + "(" + arg + ") is not supported in"
                    + " measures", "write the view with query: (it is then refreshed in full)");
            return Optional.empty();
        }
        if (agg == Aggregate.COUNT && (arg.isEmpty() || arg.equals("*"))) {
            return Optional.of(new ViewQuery.Measure(name, agg, Optional.empty(), pos));
        }
        if (arg.isEmpty() || arg.equals("*")) {
            shape.diags.error(pos, Code.SG222, "measure " + name + ": " + fn + " needs an argument", hint);
            return Optional.empty();
        }
        return Optional.of(new ViewQuery.Measure(name, agg, Optional.of(arg), pos));
    }

    /** Name, refresh settings, key, indexes: shared by both forms. */
    private Optional<MaterializedView> settings(YMap m, String name, String schema, Optional<ViewQuery> query,
            Optional<String> declaredBy, Optional<YMap.Entry> topStrategy, Optional<YMap.Entry> topInterval,
            SourcePos pos) {
        Identifiers.check("materialized view", name, pos, shape.diags);
        Optional<String> description = m.get("description").flatMap(d -> shape.text(d, "\"description\""));
        Optional<YMap.Entry> strategy = oneOf(m, "refresh", "refresh_strategy");
        strategy = inner(strategy, topStrategy, "refresh_strategy");
        Optional<YMap.Entry> intervalEntry = inner(m.entry("refresh_interval"), topInterval, "refresh_interval");
        Refresh refresh = strategy.flatMap(s -> shape.word(s.value(), "refresh strategy", STRATEGIES))
                .orElse(Refresh.FULL);
        Optional<RefreshInterval> interval = intervalEntry.flatMap(i -> interval(i.value()));
        OnBusy onBusy = m.get("on_busy").flatMap(b -> shape.word(b, "on_busy", ON_BUSY)).orElse(OnBusy.WAIT);
        Optional<BigDecimal> threshold = m.get("full_refresh_threshold").flatMap(this::threshold);
        boolean withData = m.get("with_data").flatMap(w -> shape.bool(w, "\"with_data\"")).orElse(true);
        List<Named> key = m.get("key").map(k -> shape.names(k, "\"key\"")).orElse(List.of());
        List<Index> indexes = m.get("indexes").flatMap(i -> shape.seq(i, "\"indexes\""))
                .map(s -> new IndexBuilder(shape).build(s)).orElse(List.of());
        SourcePos refreshPos = strategy.map(s -> s.value().pos()).orElse(pos);
        SourcePos keyPos = m.get("key").map(YNode::pos).orElse(pos);
        return query.map(q -> new MaterializedView(name, schema, description, q, refresh, interval, onBusy, threshold,
                withData, key, indexes, declaredBy, pos, refreshPos, keyPos));
    }

    /** {@code refresh} or its synonym {@code refresh_strategy}; both is SG222 at the second. */
    private Optional<YMap.Entry> oneOf(YMap m, String a, String b) {
        Optional<YMap.Entry> first = m.entry(a);
        Optional<YMap.Entry> second = m.entry(b);
        if (first.isPresent() && second.isPresent()) {
            shape.diags.error(second.get().key().pos(), Code.SG222, "\"" + b + "\" and \"" + a + "\" are the same"
                    + " setting, given twice", "keep one of them");
        }
        return first.isPresent() ? first : second;
    }

    /** The view's own setting, or the entity-level one; both is SG222 at the view's. */
    private Optional<YMap.Entry> inner(Optional<YMap.Entry> nested, Optional<YMap.Entry> top, String key) {
        if (nested.isPresent() && top.isPresent()) {
            shape.diags.error(nested.get().key().pos(), Code.SG222, "\"" + key + "\" is given twice, here and at "
                    + top.get().key().pos(), "keep one of them");
        }
        return nested.isPresent() ? nested : top;
    }

    private Optional<RefreshInterval> interval(YNode n) {
        Optional<YScalar> s = shape.scalar(n, "\"refresh_interval\"");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String text = s.get().text().trim().replaceAll("\\s+", " ");
        Matcher m = INTERVAL.matcher(text);
        if (!m.matches() || new BigDecimal(m.group(1)).signum() <= 0) {
            shape.diags.error(s.get().pos(), Code.SG222, "refresh_interval \"" + s.get().text()
                    + "\" must be a positive number and a unit", "write for example \"1 hour\" or \"30 minutes\";"
                            + " units: " + UNIT_LIST);
            return Optional.empty();
        }
        return Optional.of(new RefreshInterval(new BigDecimal(m.group(1)),
                UNITS.get(m.group(3).toLowerCase(Locale.ROOT)), text));
    }

    private Optional<BigDecimal> threshold(YNode n) {
        if (n instanceof YScalar s && s.asDecimal().isPresent()) {
            BigDecimal v = s.asDecimal().get();
            if (v.signum() > 0 && v.compareTo(BigDecimal.ONE) <= 0) {
                return Optional.of(v.stripTrailingZeros());
            }
            shape.diags.error(n.pos(), Code.SG222, "full_refresh_threshold " + s.text() + " is not a fraction"
                    + " above 0 and at most 1", "write for example 0.1: above 10% of the source's rows pending, a"
                            + " refresh recomputes in full");
            return Optional.empty();
        }
        shape.wrong(n, "\"full_refresh_threshold\"", "a number");
        return Optional.empty();
    }
}
