package dev.specgen.plan;

import dev.specgen.Sha256;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Index;
import dev.specgen.model.MaterializedView;
import dev.specgen.model.MaterializedView.Refresh;
import dev.specgen.model.Named;
import dev.specgen.model.RefreshInterval;
import dev.specgen.model.Sql;
import dev.specgen.plan.SqlObject.CommentOn;
import dev.specgen.plan.SqlObject.CreateIndex;
import dev.specgen.plan.ViewObject.Branch;
import dev.specgen.plan.ViewObject.CaptureFunction;
import dev.specgen.plan.ViewObject.CaptureSource;
import dev.specgen.plan.ViewObject.CreateMaterializedView;
import dev.specgen.plan.ViewObject.ColumnStorage;
import dev.specgen.plan.ViewObject.CreateTableAs;
import dev.specgen.plan.ViewObject.CreateTrigger;
import dev.specgen.plan.ViewObject.CreateUniqueKey;
import dev.specgen.plan.ViewObject.CreateView;
import dev.specgen.plan.ViewObject.DropStaleView;
import dev.specgen.plan.ViewObject.Embedded;
import dev.specgen.plan.ViewObject.PopulateView;
import dev.specgen.plan.ViewObject.RefreshIfStale;
import dev.specgen.plan.ViewObject.RefreshKeptView;
import dev.specgen.plan.ViewObject.RefreshMaterializedView;
import dev.specgen.plan.ViewObject.ScheduleRefresh;
import dev.specgen.view.AggregateShape;
import dev.specgen.view.AggregateShape.DimJoin;
import dev.specgen.view.AnalyzedView;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The objects of one view's file. A view refreshed in full or concurrently is a PostgreSQL materialized view with its
 * key (a unique index) and indexes; one kept incrementally or immediately lives in a table of specgen's, behind a
 * plain view that shows exactly the view's columns, with statement-level capture triggers on its tables. Either way:
 * a check that drops it (and the views on it) when its definition changed, a comment carrying the definition's hash,
 * {@code refresh_<view>()}, and with {@code refresh_interval} {@code refresh_<view>_if_stale()} and a pg_cron
 * schedule that only runs where pg_cron is installed.
 */
final class ViewPlanner {
    /** The first key of the two-key advisory lock of every refresh ('SGMV'); the second is the view's. */
    static final int LOCK_CLASS = 0x53474D56;
    /** Full recompute above this fraction of the source's rows pending, unless the spec says otherwise. */
    static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("0.1");
    /**
     * Functions of kept views run with these, so results never depend on the calling session; and without JIT: a
     * merge or capture statement over thousands of rows passes jit_above_cost and would spend more compiling than
     * running (a 10,000-row hash-join update of the view's table took about 500 ms more with JIT on, PostgreSQL 15).
     */
    static final List<String> PINNED = List.of("search_path = pg_catalog, pg_temp", "TimeZone = 'UTC'", "jit = off");
    static final List<String> SEARCH_PATH = List.of("search_path = pg_catalog, pg_temp");
    static final String STORE_STORAGE = "fillfactor = 50";

    private final AnalyzedView av;
    private final MaterializedView v;
    private final List<AnalyzedView> all;
    private final NameAllocator relations;
    private final NameAllocator functions;
    private final Function<String, Optional<EntityPlan>> entityPlans;
    private final String log;
    private final String state;
    private final String refreshAll;
    private final String schema;
    private final SourcePos pos;
    private final String relation;

    ViewPlanner(AnalyzedView av, List<AnalyzedView> all, NameAllocator relations, NameAllocator functions,
            Function<String, Optional<EntityPlan>> entityPlans, String log, String state, String refreshAll) {
        this.av = av;
        this.v = av.view();
        this.all = all;
        this.relations = relations;
        this.functions = functions;
        this.entityPlans = entityPlans;
        this.log = log;
        this.state = state;
        this.refreshAll = refreshAll;
        this.schema = v.schema();
        this.pos = v.pos();
        this.relation = v.name();
    }

    /** Names the spec fixes (the view and its explicit index names) are taken before any is generated. */
    static void reserveNames(MaterializedView v, NameAllocator names) {
        names.reserve(v.name());
        for (Index i : v.indexes()) {
            i.name().ifPresent(names::reserve);
        }
    }

    private String qn(String name) {
        return Sql.qualified(schema, name);
    }

    /** The objects, and the plan record for the stages after. */
    record Planned(List<SqlObject> objects, ViewPlan plan) {
    }

    Planned plan(String file, String specFile) {
        return av.tableBacked() ? kept(file, specFile) : materialized(file, specFile);
    }

    // ---- a PostgreSQL materialized view ---------------------------------------------------------------------------

    private Planned materialized(String file, String specFile) {
        String view = qn(relation);
        String hash = hash("materialized view", av.selectSql(), String.join(",", av.key()));
        List<SqlObject> out = new ArrayList<>();
        List<String> drops = dependentDrops();
        drops.add("DROP MATERIALIZED VIEW IF EXISTS " + view);
        out.add(stale(drops, hash));
        out.add(new CreateMaterializedView(view, av.selectSql(), v.withData(), v.query().pos()));
        Optional<String> key = Optional.empty();
        if (!av.key().isEmpty()) {
            key = Optional.of(relations.allocate(relation + "_key"));
            out.add(new CreateUniqueKey(Sql.ident(key.get()), view, av.key().stream().map(Sql::ident).toList(), false,
                    v.keyPos()));
        }
        List<EntityPlan.NamedIndex> named = indexes(view, out);
        out.add(new CommentOn("MATERIALIZED VIEW", view, comment(hash), pos));
        String refresh = functions.allocate("refresh_" + relation);
        out.add(new RefreshMaterializedView(qn(refresh), view, Sql.literal(relation),
                av.strategy() == Refresh.CONCURRENT, v.onBusy() == MaterializedView.OnBusy.SKIP, lockKey(),
                qn(log), qn(state), Sql.literal(strategyReason()), SEARCH_PATH, v.refreshPos()));
        Optional<String> ifStale = schedule(refresh, out);
        return new Planned(out, new ViewPlan(av, file, specFile, relation, Optional.empty(), Optional.empty(), key,
                named, refresh, ifStale, List.of(), List.of(), log, state, refreshAll, hash));
    }

    /** Why the view is refreshed the way it is, for the log. */
    private String strategyReason() {
        String how = av.strategy() == Refresh.CONCURRENT ? "concurrent: readers are not blocked while it runs"
                : "full";
        return how + av.notMaintainable().map(r -> "; not incrementally maintainable: " + r).orElse("");
    }

    // ---- kept in a table, incrementally (deferred) or immediately -------------------------------------------------

    private Planned kept(String file, String specFile) {
        AggregateShape shape = av.aggregate().orElseThrow();
        boolean immediate = av.strategy() == Refresh.IMMEDIATE;
        String storeName = relations.allocate(relation + "_data");
        String deltaName = immediate ? "" : relations.allocate(relation + "_delta");
        String store = qn(storeName);
        String delta = immediate ? "" : qn(deltaName);
        MaintenanceSql sql = new MaintenanceSql(shape, store, delta);
        // the tables' storage too: CREATE TABLE IF NOT EXISTS would keep an old table as it was
        String hash = hash(av.strategy().word(), STORE_STORAGE + " " + sql.storeQuery(), immediate ? ""
                : "unlogged " + sql.deltaQuery(), String.join(",", sql.viewItems()));
        String view = qn(relation);
        String refresh = functions.allocate("refresh_" + relation);
        List<Entity> sources = distinctSources(shape);
        Map<Entity, String> capture = new LinkedHashMap<>();
        for (Entity e : sources) {
            capture.put(e, functions.allocate(relation + "_capture_" + e.table()));
        }

        List<SqlObject> out = new ArrayList<>();
        List<String> drops = dependentDrops();
        drops.add("DROP VIEW IF EXISTS " + view);
        for (String fn : capture.values()) {
            // CASCADE takes the capture triggers with the function: nothing else can depend on a trigger function
            drops.add("DROP FUNCTION IF EXISTS " + qn(fn) + "() CASCADE");
        }
        drops.add("DROP TABLE IF EXISTS " + store);
        if (!immediate) {
            drops.add("DROP TABLE IF EXISTS " + delta);
        }
        drops.add("DELETE FROM " + qn(state) + " WHERE view_name = " + Sql.literal(relation));
        out.add(stale(drops, hash));
        // half-empty pages: a refresh may update every group once, and with room on its page each update stays there
        // (a HOT update: no new index entries, less WAL); the old versions are pruned when the page is next read
        out.add(new CreateTableAs(store, false, List.of(STORE_STORAGE), sql.storeQuery(), "the rows of "
                + relation + ", per group", v.query().pos()));
        String keyName = relations.allocate(relation + "_key");
        out.add(new CreateUniqueKey(Sql.ident(keyName), store, sql.groupNames(), shape.anyNullableGroup(),
                v.keyPos()));
        List<EntityPlan.NamedIndex> named = indexes(store, out);
        if (!immediate) {
            // the refresh empties it every time: vacuum it after a fixed number of dead rows, not a fraction.
            // Unlogged: its writes cost no WAL; a crash empties it, which the refresh notices (see SENTINEL)
            out.add(new CreateTableAs(delta, true, List.of("autovacuum_vacuum_scale_factor = 0",
                    "autovacuum_vacuum_threshold = 1000"), sql.deltaQuery(), "changes of " + relation
                            + " not yet applied, pre-aggregated per group and statement", v.refreshPos()));
            out.add(new CreateIndex(Sql.ident(relations.allocate(deltaName + "_full")), delta, false, false, false,
                    "btree", List.of(MaintenanceSql.FULL), List.of(), MaintenanceSql.FULL + " IS NOT NULL", List.of(),
                    v.refreshPos()));
            if (sql.packs()) {
                out.add(new ColumnStorage(delta, Sql.literal(delta), sql.packedColumns(), sql.packedColumns().stream()
                        .map(Sql::literal).toList(), "the arrays of the change rows a statement packs into one delta"
                                + " row", v.refreshPos()));
            }
        }
        out.add(new CreateView(view, sql.viewItems(), store, pos));
        out.add(new CommentOn("VIEW", view, comment(hash), pos));
        List<ViewPlan.Trigger> triggers = new ArrayList<>();
        List<CaptureSource> captureSources = new ArrayList<>();
        for (Entity e : sources) {
            String fn = qn(capture.get(e));
            out.add(captureFunction(e, fn, shape, sql, immediate, store, delta, refresh));
            String ins = NameAllocator.fit("specgen_" + relation + "_ins", 0);
            String upd = NameAllocator.fit("specgen_" + relation + "_upd", 0);
            String del = NameAllocator.fit("specgen_" + relation + "_del", 0);
            String trunc = NameAllocator.fit("specgen_" + relation + "_trunc", 0);
            captureSources.add(new CaptureSource(Sql.literal(Sql.qualified(e.schema(), e.table())), fn,
                    Sql.literal(ins), Sql.literal(upd), Sql.literal(del), Sql.literal(trunc)));
            List<String> tables = new ArrayList<>(List.of(e.table()));
            entityPlans.apply(e.name()).ifPresent(ep -> ep.leaves().forEach(l -> tables.add(l.name())));
            for (String t : tables) {
                String table = Sql.qualified(e.schema(), t);
                out.add(new CreateTrigger(Sql.ident(ins), table, "INSERT", "REFERENCING NEW TABLE AS "
                        + MaintenanceSql.NEW, fn, pos));
                out.add(new CreateTrigger(Sql.ident(upd), table, "UPDATE", "REFERENCING OLD TABLE AS "
                        + MaintenanceSql.OLD + " NEW TABLE AS " + MaintenanceSql.NEW, fn, pos));
                out.add(new CreateTrigger(Sql.ident(del), table, "DELETE", "REFERENCING OLD TABLE AS "
                        + MaintenanceSql.OLD, fn, pos));
                out.add(new CreateTrigger(Sql.ident(trunc), table, "TRUNCATE", "", fn, pos));
                for (String[] tr : List.of(new String[] {ins, "INSERT"}, new String[] {upd, "UPDATE"},
                        new String[] {del, "DELETE"}, new String[] {trunc, "TRUNCATE"})) {
                    triggers.add(new ViewPlan.Trigger(e.schema(), t, tr[0], tr[1], capture.get(e)));
                }
            }
        }
        Entity fact = shape.fact().entity();
        out.add(new RefreshKeptView(qn(refresh), Sql.literal(relation), immediate,
                v.onBusy() == MaterializedView.OnBusy.SKIP, lockKey(), qn(log), qn(state), delta, store,
                v.fullRefreshThreshold().orElse(DEFAULT_THRESHOLD).toPlainString(), partitionsSql(sources),
                sourceRowsSql(fact),
                sql.recomputeFilter("p"), sql.removesFilter(), (int) shape.measures().stream().filter(m -> m.function()
                        == dev.specgen.model.ViewQuery.Aggregate.MIN || m.function()
                        == dev.specgen.model.ViewQuery.Aggregate.MAX).count(), extremesIndexed(shape), captureSources,
                immediate ? Optional.empty() : Optional.of(sql.merge(v.refreshPos())),
                immediate ? Optional.empty() : Optional.of(sql.fullAggregate(v.refreshPos())), sql.full(!immediate,
                        v.refreshPos()), PINNED, v.refreshPos()));
        Optional<String> ifStale = immediate ? Optional.empty() : schedule(refresh, out);
        if (v.withData()) {
            out.add(new PopulateView(qn(refresh), pos));
        }
        return new Planned(out, new ViewPlan(av, file, specFile, relation, Optional.of(storeName),
                immediate ? Optional.empty() : Optional.of(deltaName), Optional.of(keyName), named, refresh, ifStale,
                List.copyOf(capture.values()), triggers, log, state, refreshAll, hash));
    }

    private static List<Entity> distinctSources(AggregateShape shape) {
        List<Entity> out = new ArrayList<>();
        for (Entity e : shape.sources()) {
            if (out.stream().noneMatch(x -> x.name().equals(e.name()))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The relations of a source's partition tree (the table itself, every partition at every level), read from
     * pg_inherits: unlike pg_partition_tree this takes no lock on each partition, so it stays cheap on every refresh.
     */
    private static String tree(Entity e) {
        return "WITH RECURSIVE tree(relid) AS (SELECT " + Sql.literal(Sql.qualified(e.schema(), e.table()))
                + "::regclass::oid UNION ALL SELECT i.inhrelid FROM pg_inherits AS i JOIN tree AS t ON i.inhparent"
                + " = t.relid) ";
    }

    /** Every source's partition tree, hashed in one order: a change means partitions were attached or detached. */
    private static String partitionsSql(List<Entity> sources) {
        List<String> parts = new ArrayList<>();
        for (Entity e : sources) {
            parts.add("(" + tree(e) + "SELECT relid FROM tree)");
        }
        return "SELECT md5(string_agg(p.relid::regclass::text, ',' ORDER BY p.relid::regclass::text COLLATE \"C\"))"
                + " FROM (" + String.join(" UNION ALL ", parts) + ") AS p";
    }

    /** pg_class.reltuples of the fact table's leaves (the table itself when not partitioned; 0 when never analysed). */
    private static String sourceRowsSql(Entity fact) {
        return tree(fact) + "SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint FROM tree AS t"
                + " JOIN pg_class AS c ON c.oid = t.relid WHERE c.relkind = 'r'";
    }

    /**
     * Whether a MIN/MAX recompute of one group can read just that group: some btree index of the fact table leads
     * with exactly its group keys that are plain columns (see the SG249 warning otherwise). The refresh's cost model
     * then counts a group's rows per recompute, else the whole table.
     */
    private static boolean extremesIndexed(AggregateShape shape) {
        Entity fact = shape.fact().entity();
        java.util.Set<String> plain = new java.util.HashSet<>();
        for (AggregateShape.GroupKey g : shape.groups()) {
            String bare = g.sql().startsWith(shape.fact().alias() + ".")
                    ? g.sql().substring(shape.fact().alias().length() + 1) : g.sql();
            if (fact.field(bare).isPresent()) {
                plain.add(bare);
            }
        }
        return dev.specgen.view.ViewAnalyzer.leadsWith(fact, plain);
    }

    private CaptureFunction captureFunction(Entity source, String fn, AggregateShape shape, MaintenanceSql sql,
            boolean immediate, String store, String delta, String refresh) {
        boolean isFact = source.name().equals(shape.fact().entity().name());
        Optional<DimJoin> dim = isFact ? Optional.empty() : shape.joins().stream()
                .filter(j -> j.entity().name().equals(source.name())).findFirst();
        Entity fact = shape.fact().entity();
        List<String> lock = dim.isEmpty() ? List.of() : List.of("LOCK TABLE "
                + Sql.qualified(fact.schema(), fact.table()) + " IN SHARE ROW EXCLUSIVE MODE");
        String guard = "";
        if (!shape.joins().isEmpty()) {
            String what = "a write to " + source.schema() + "." + source.table() + " under ";
            guard = immediate
                    ? "RAISE EXCEPTION '" + what.replace("'", "''") + "% isolation: view " + schema + "." + relation
                            .replace("'", "''") + " joins tables and is kept exactly under read committed only',"
                            + " current_setting('transaction_isolation') USING ERRCODE = 'feature_not_supported'"
                    : sql.fullMarker(Sql.literal(what) + " || current_setting('transaction_isolation') || "
                            + Sql.literal(" isolation: a view that joins tables is kept exactly under read"
                                    + " committed only"));
        }
        Function<Boolean[], List<String>> changes = io -> dim.isPresent()
                ? sql.dimChanges(dim.get(), io[0], io[1]) : sql.factChanges(io[0], io[1]);
        Branch insert;
        Branch update;
        Branch delete;
        String truncate;
        if (immediate) {
            insert = new Branch(immediateBranch(sql, changes.apply(new Boolean[] {true, false}),
                    outgoing(sql, dim, true, false), dim.isEmpty(), dim.isEmpty() ? 1 : MaintenanceSql.MIXED));
            update = new Branch(immediateBranch(sql, changes.apply(new Boolean[] {true, true}),
                    outgoing(sql, dim, true, true), false, MaintenanceSql.MIXED));
            delete = new Branch(immediateBranch(sql, changes.apply(new Boolean[] {false, true}),
                    outgoing(sql, dim, false, true), false, dim.isEmpty() ? -1 : MaintenanceSql.MIXED));
            truncate = "";
        } else {
            List<String> ins = changes.apply(new Boolean[] {true, false});
            List<String> del = changes.apply(new Boolean[] {false, true});
            // inserts and deletes on the fact table: one delta row per row where the rows would not share groups
            // the fact table's inserts are all +1 and its deletes all -1; a dimension's writes mix both
            int in = dim.isEmpty() ? 1 : MaintenanceSql.MIXED;
            int out = dim.isEmpty() ? -1 : MaintenanceSql.MIXED;
            String st = qn(state);
            String view = Sql.literal(relation);
            insert = new Branch(List.of(sql.captureDelta(ins, dim.isEmpty(), in, pos)), dim.isEmpty()
                    ? Optional.of(perRow(sql, ins, in, pos)) : Optional.empty(), dim.isEmpty()
                            ? sql.probe(st, view, MaintenanceSql.NEW, ins.get(0)) : "");
            update = new Branch(List.of(sql.captureDelta(changes.apply(new Boolean[] {true, true}), false,
                    MaintenanceSql.MIXED, pos)));
            delete = new Branch(List.of(sql.captureDelta(del, false, out, pos)), dim.isEmpty()
                    ? Optional.of(perRow(sql, del, out, pos)) : Optional.empty(), dim.isEmpty()
                            ? sql.probe(st, view, MaintenanceSql.OLD, del.get(0)) : "");
            truncate = sql.fullMarker("TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME || ' was truncated'");
        }
        String readState = immediate ? "" : MaintenanceSql.readState(qn(state), Sql.literal(relation));
        String overflowTest = immediate ? "" : sql.overflowTest();
        String overflow = immediate ? "" : sql.fullMarker("format('more than %s change rows were pending when a write"
                + " to %s was captured: the next refresh recomputes in full', " + MaintenanceSql.LIMIT
                + ", TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME)");
        return new CaptureFunction(fn, source.schema() + "." + source.table(), immediate, lock, guard, readState,
                overflowTest, overflow, insert, update, delete, truncate, PINNED, pos, immediate
                        ? Optional.of(sql.full(false, pos)) : Optional.empty());
    }

    /** A statement's change rows as they come: packed into one delta row, or (nothing to pack) one row each. */
    private static ViewObject.CaptureDelta perRow(MaintenanceSql sql, List<String> changes, int sign, SourcePos pos) {
        return sql.packs() ? sql.capturePacked(changes, sign, pos) : sql.captureRows(changes, sign, pos);
    }

    /** The change rows leaving groups (sign -1) of an event, for an immediate view's recompute and cleanup. */
    private static List<String> outgoing(MaintenanceSql sql, Optional<DimJoin> dim, boolean news, boolean olds) {
        List<String> all = dim.isPresent() ? sql.dimChanges(dim.get(), news, olds) : sql.factChanges(false, olds);
        return all.stream().filter(c -> c.contains("-1 AS " + MaintenanceSql.SIGN)).toList();
    }

    private List<Embedded> immediateBranch(MaintenanceSql sql, List<String> changes, List<String> outgoing,
            boolean onlyInserts, int sign) {
        List<Embedded> out = new ArrayList<>();
        out.add(sql.upsert(changes, onlyInserts, sign, pos));
        if (!outgoing.isEmpty()) {
            sql.recomputeExtremes(outgoing, pos).ifPresent(out::add);
            out.add(sql.deleteEmpty(outgoing, pos));
        }
        return out;
    }

    // ---- shared --------------------------------------------------------------------------------------------------

    /** The spec's indexes on {@code table} (the materialized view or the store). */
    private List<EntityPlan.NamedIndex> indexes(String table, List<SqlObject> out) {
        List<EntityPlan.NamedIndex> named = new ArrayList<>();
        for (Index i : v.indexes()) {
            String name = i.name().orElseGet(() -> relations.allocate(relation + "_" + String.join("_",
                    i.columns().stream().map(c -> c.column().orElse("expr")).toList()) + "_idx"));
            named.add(new EntityPlan.NamedIndex(i, name));
            out.add(new CreateIndex(Sql.ident(name), table, i.unique(), i.concurrently(), false, i.method().sql(),
                    i.columns().stream().map(IndexPlanner::key).toList(),
                    i.include().stream().map(Named::name).map(Sql::ident).toList(), i.where().orElse(""),
                    EntityPlanner.params(i.with()), i.pos()));
            i.comment().ifPresent(c -> out.add(new CommentOn("INDEX", qn(name), Sql.literal(c), i.pos())));
        }
        return named;
    }

    private DropStaleView stale(List<String> drops, String hash) {
        return new DropStaleView(qn(relation), Sql.literal(qn(relation)), Sql.literal("%" + marker(hash)), drops,
                pos);
    }

    /**
     * The views that read this one, nearest last, so dropping them in this order works without CASCADE (which could
     * take objects of the user's with it; a dependent of theirs makes the drop fail loudly instead).
     */
    private List<String> dependentDrops() {
        List<AnalyzedView> dependents = new ArrayList<>();
        collectDependents(av, dependents);
        List<String> out = new ArrayList<>();
        for (int i = dependents.size() - 1; i >= 0; i--) {
            AnalyzedView d = dependents.get(i);
            String name = Sql.qualified(d.view().schema(), d.view().name());
            out.add(d.tableBacked() ? "DROP VIEW IF EXISTS " + name : "DROP MATERIALIZED VIEW IF EXISTS " + name);
        }
        return out;
    }

    private void collectDependents(AnalyzedView of, List<AnalyzedView> out) {
        for (AnalyzedView x : all) {
            boolean reads = x.sources().stream().anyMatch(r -> r.isView() && r.schema().equals(of.view().schema())
                    && r.name().equals(of.view().name()));
            if (reads && !out.contains(x)) {
                out.add(x);
                collectDependents(x, out);
            }
        }
    }

    static String marker(String hash) {
        return "[specgen definition " + hash + "]";
    }

    private String comment(String hash) {
        return Sql.literal(v.description().map(d -> d + " ").orElse("") + marker(hash));
    }

    /** First 16 hex digits of SHA-256 over what decides a view's data (not its refresh functions or indexes). */
    static String hash(String... parts) {
        MessageDigest md = Sha256.digest();
        for (String p : parts) {
            md.update(p.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return Sha256.hex(md).substring(0, 16);
    }

    private String lockKey() {
        return LOCK_CLASS + ", " + (schema + "." + relation).hashCode();
    }

    /** {@code refresh_<view>_if_stale()} and the pg_cron schedule, when the spec gives refresh_interval. */
    private Optional<String> schedule(String refresh, List<SqlObject> out) {
        if (v.interval().isEmpty()) {
            return Optional.empty();
        }
        RefreshInterval every = v.interval().get();
        String ifStale = functions.allocate(refresh + "_if_stale");
        out.add(new RefreshIfStale(qn(ifStale), qn(refresh), Sql.literal(relation), qn(state),
                Sql.literal(every.text()), pos));
        long seconds = every.seconds();
        // pg_cron: every N seconds below a minute, else every minute; the function decides whether it is time
        String cron = seconds < 60 ? seconds + " seconds" : "* * * * *";
        out.add(new ScheduleRefresh(Sql.literal("specgen:" + schema + "." + relation), Sql.literal(cron),
                Sql.literal("SELECT " + qn(ifStale) + "()"), pos));
        return Optional.of(ifStale);
    }
}
