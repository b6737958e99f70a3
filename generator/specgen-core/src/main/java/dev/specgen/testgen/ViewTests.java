package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.MaterializedView.Refresh;
import dev.specgen.model.Named;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.plan.ViewPlan;
import dev.specgen.view.AggregateShape;
import dev.specgen.view.Relation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The test file of one view: its objects exist; on seeded data, after refresh, it holds exactly what its query
 * returns. An incrementally (or immediately) kept view then goes through rounds of random writes (deterministic:
 * {@code setseed}): inserts, updates that move rows to other groups and partitions, updates of measured values,
 * deletes, writes to joined tables, a TRUNCATE; after each round it must equal a full recompute of its query, row for
 * row. A refresh with nothing pending must write nothing and log nothing; the log must record the runs and why.
 */
final class ViewTests {
    /** Rows of the fact table the scenario starts from, at most. */
    static final long FACT_ROWS = 1000;
    /** Distinct values the group columns take, one modulus per column (coprime: their combinations vary too). */
    static final int[] GROUPS = {7, 5, 3, 11, 13, 17};
    static final String WHY_SEED = "the same random writes on every run";

    private final ViewPlan vp;
    private final SchemaPlan plan;
    private final long referencedRows;
    private final SourcePos pos;
    private final String view;
    private final String log;
    private final List<TestStep> body = new ArrayList<>();
    /** Rows functions by table, in seeding order; the fact's is last. */
    private final Map<String, String> rowsFunctions = new LinkedHashMap<>();
    private final Map<String, Long> seeded = new LinkedHashMap<>();
    private final Map<String, Integer> moduli = new LinkedHashMap<>();

    private ViewTests(ViewPlan vp, SchemaPlan plan, long referencedRows) {
        this.vp = vp;
        this.plan = plan;
        this.referencedRows = referencedRows;
        this.pos = vp.view().view().pos();
        this.view = Sql.qualified(vp.schema(), vp.relation());
        this.log = Sql.qualified(vp.schema(), vp.log());
    }

    static TestFile file(ViewPlan vp, SchemaPlan plan, long maxRows) {
        ViewTests t = new ViewTests(vp, plan, Math.min(maxRows, TestPlanner.REFERENCED_ROWS));
        return t.build(Math.min(maxRows, FACT_ROWS));
    }

    private String fn(String name) {
        return Sql.qualified(vp.schema(), name);
    }

    private TestFile build(long factRows) {
        structure();
        List<TestStep> steps = new ArrayList<>();
        steps.add(new TestStep.Begin(pos));
        steps.add(new TestStep.SearchPath(vp.schema(), pos));
        steps.add(new TestStep.SetLocal("TimeZone", "'UTC'", "the view's functions run in UTC; its query is"
                + " compared in UTC too", pos));
        steps.add(new TestStep.SetLocal("jit", "off", TestPlanner.WHY_JIT, pos));
        Optional<String> problem = data(factRows);
        if (problem.isPresent()) {
            body.add(new TestStep.Note("no data tests: " + problem.get(), pos));
        }
        steps.add(new TestStep.Plan(body.stream().mapToInt(TestStep::tests).sum(), pos));
        steps.addAll(body);
        steps.add(new TestStep.Finish(pos));
        steps.add(new TestStep.Rollback(pos));
        String kind = vp.view().tableBacked() ? "structure, data after refresh, rounds of random writes"
                : "structure, data after refresh";
        return new TestFile(TestPlanner.testPath(vp.file()), vp.specFile(), view, kind, steps);
    }

    private void structure() {
        body.add(new TestStep.Section("structure", pos));
        if (vp.view().tableBacked()) {
            body.add(new ViewAssertion.RelationKind(view, "v", "view " + view + " exists", pos));
            body.add(new ViewAssertion.RelationKind(fn(vp.store().orElseThrow()), "r", "its rows live in table "
                    + vp.store().get(), pos));
            vp.delta().ifPresent(d -> {
                body.add(new ViewAssertion.RelationKind(fn(d), "r", "its pending changes live in table " + d, pos));
                body.add(new ViewAssertion.Returns("SELECT c.relpersistence::text FROM pg_class AS c WHERE c.oid = "
                        + Sql.literal(fn(d)) + "::regclass", "'u'", "... an unlogged one (its writes cost no WAL)",
                        pos));
            });
        } else {
            body.add(new ViewAssertion.RelationKind(view, "m", "materialized view " + view + " exists", pos));
        }
        vp.keyIndex().ifPresent(k -> {
            body.add(new Assertion.HasIndex(vp.schema(), vp.dataRelation(), k, vp.view().key(), "key index " + k
                    + " on " + vp.dataRelation() + " (" + String.join(", ", vp.view().key()) + ")",
                    vp.view().view().keyPos()));
            body.add(new Assertion.IndexFlag(fn(k), "indisunique", "key index " + k + " is unique",
                    vp.view().view().keyPos()));
        });
        for (EntityPlan.NamedIndex ni : vp.indexes()) {
            body.add(new Assertion.HasIndex(vp.schema(), vp.dataRelation(), ni.name(), List.of(), "index "
                    + ni.name() + " on " + vp.dataRelation(), ni.index().pos()));
        }
        body.add(new ViewAssertion.FunctionExists(fn(vp.refresh()) + "()", "function " + vp.refresh() + "()"
                + " exists", pos));
        vp.refreshIfStale().ifPresent(f -> body.add(new ViewAssertion.FunctionExists(fn(f) + "()", "function "
                + f + "() exists", pos)));
        for (String f : vp.captureFunctions()) {
            long count = vp.triggers().stream().filter(t -> t.function().equals(f)).count();
            body.add(new ViewAssertion.TriggerCount(fn(f), (int) count, "capture function " + f + " has its " + count
                    + " statement-level triggers", pos));
        }
    }

    /**
     * How a kept view's tables are filled, for the session checks: the rows functions in seeding order (the fact
     * table's last) and the rows each gets; or why they cannot be.
     */
    record Seeding(List<ViewStep.RowsFunction> tables, Map<String, Long> rows, Entity fact, long factRows) {
    }

    static java.util.Optional<Seeding> seeding(ViewPlan vp, SchemaPlan plan, long factRows) {
        ViewTests t = new ViewTests(vp, plan, TestPlanner.REFERENCED_ROWS);
        List<Entity> bases = t.baseEntities();
        Optional<AggregateShape> shape = vp.view().aggregate();
        if (bases.isEmpty() || shape.isEmpty() || t.prepare(bases, shape, factRows).isPresent()) {
            return Optional.empty();
        }
        List<ViewStep.RowsFunction> fns = t.body.stream().filter(ViewStep.RowsFunction.class::isInstance)
                .map(ViewStep.RowsFunction.class::cast).toList();
        return Optional.of(new Seeding(fns, t.seeded, shape.get().fact().entity(), factRows));
    }

    /** Rows functions for every base table; a reason when one cannot be seeded. */
    private Optional<String> prepare(List<Entity> bases, Optional<AggregateShape> shape, long factRows) {
        Entity fact = shape.map(s -> s.fact().entity()).orElse(bases.get(bases.size() - 1));
        for (Entity e : bases) {
            Optional<String> p = rowsFunctions(e, fact, shape, e.name().equals(fact.name()) ? factRows
                    : referencedRows);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** The data section; a reason when the sources cannot be seeded. */
    private Optional<String> data(long factRows) {
        List<Entity> bases = baseEntities();
        if (bases.isEmpty()) {
            return Optional.of("the view reads no table of the specs");
        }
        body.add(new TestStep.Section("data, after refresh", pos));
        body.add(new ViewStep.DiffHelper(pos));
        body.add(new ViewStep.Run("SELECT setseed(0.25)", WHY_SEED, pos));
        Optional<AggregateShape> shape = vp.view().aggregate();
        Entity fact = shape.map(s -> s.fact().entity()).orElse(bases.get(bases.size() - 1));
        Optional<String> problem = prepare(bases, shape, factRows);
        if (problem.isPresent()) {
            return problem;
        }
        for (Map.Entry<String, String> f : rowsFunctions.entrySet()) {
            long rows = seeded.get(f.getKey());
            body.add(new ViewAssertion.LivesOk("SELECT " + f.getValue() + "(1, " + rows + ", " + rows + ")", "seeds "
                    + rows + " rows into " + f.getKey(), pos));
        }
        bases.forEach(e -> body.add(new ViewStep.Run("ANALYZE " + Sql.qualified(e.schema(), e.table()),
                "statistics for the refresh's cost model", pos)));
        refresh("refreshes after seeding");
        same("after seeding");
        if (!vp.view().tableBacked()) {
            body.add(new ViewAssertion.Holds("SELECT EXISTS (SELECT 1 FROM " + log + " AS l WHERE l.view_name = "
                    + Sql.literal(vp.relation()) + " AND l.strategy IN ('full', 'concurrent') AND l.reason <> '')",
                    "the refresh log records the refresh, its strategy and why", pos));
            vp.refreshIfStale().ifPresent(f -> body.add(new ViewAssertion.Returns("SELECT " + fn(f) + "()",
                    "NULL::bigint", f + "() does nothing right after a refresh", v().refreshPos())));
            return Optional.empty();
        }
        rounds(shape.orElseThrow(), fact, factRows);
        return Optional.empty();
    }

    private dev.specgen.model.MaterializedView v() {
        return vp.view().view();
    }

    /** Every table of the specs under the view, transitively through the views it reads. */
    private List<Entity> baseEntities() {
        Set<String> seen = new LinkedHashSet<>();
        List<Entity> out = new ArrayList<>();
        collect(vp, seen, out);
        return out;
    }

    private void collect(ViewPlan p, Set<String> seen, List<Entity> out) {
        List<Relation> sources = new ArrayList<>(p.view().sources());
        // dimensions first: the fact may reference them
        p.view().aggregate().ifPresent(s -> {
            sources.clear();
            s.joins().forEach(j -> sources.add(Relation.of(j.entity())));
            sources.add(Relation.of(s.fact().entity()));
        });
        for (Relation r : sources) {
            if (r.entity().isPresent()) {
                if (seen.add(r.entity().get().name())) {
                    out.add(r.entity().get());
                }
            } else {
                plan.views().stream().filter(x -> x.schema().equals(r.schema()) && x.relation().equals(r.name()))
                        .findFirst().ifPresent(x -> collect(x, seen, out));
            }
        }
    }

    /**
     * A rows function for {@code e} and, first, every table it references. Group columns of the fact cycle through
     * a few values, a partition key spreads over its partitions, keys count rows; a join column without a
     * foreign key also points at two dimension rows that do not exist yet (a later round inserts them).
     */
    private Optional<String> rowsFunctions(Entity e, Entity fact, Optional<AggregateShape> shape, long rows) {
        Optional<EntityPlan> ep = plan.entity(e.name());
        if (ep.isEmpty()) {
            return Optional.of(e.name() + " has no plan");
        }
        SeedPlan.Result seed = SeedPlan.of(ep.get(), rows, referencedRows, plan::entity);
        if (!seed.problems().isEmpty()) {
            return Optional.of("cannot seed " + e.table() + ": " + String.join("; ", seed.problems()));
        }
        boolean isFact = e.name().equals(fact.name());
        for (SeedPlan.Table t : seed.tables()) {
            Entity te = t.plan().entity();
            String name = Sql.qualified(te.schema(), te.table());
            if (rowsFunctions.containsKey(name)) {
                continue;
            }
            String function = "pg_temp.specgen_rows_" + (te.schema().equals(vp.schema()) ? "" : te.schema() + "_")
                    + te.table();
            List<String> values = new ArrayList<>();
            for (int k = 0; k < te.fields().size(); k++) {
                Field f = te.fields().get(k);
                Gen g = t.gens().get(k);
                if (f.isGenerated()) {
                    continue;
                }
                boolean main = te.name().equals(fact.name()) && isFact;
                values.add(main ? factValue(te, f, g, shape) : g.sql("i"));
            }
            rowsFunctions.put(name, function);
            seeded.put(name, t == seed.main() ? rows : t.rows());
            body.add(new ViewStep.RowsFunction(function, name, t.columns(), values, t.overriding(), te.pos()));
        }
        return Optional.empty();
    }

    /** The value of column {@code f} of the fact table in row {@code i}. */
    private String factValue(Entity fact, Field f, Gen g, Optional<AggregateShape> shape) {
        boolean key = isKey(fact, f);
        boolean partition = SeedPlan.level(fact, f).isPresent();
        if (partition) {
            boolean onlyKey = fact.primaryKey().size() == 1 && fact.primaryKey().get(0).name().equals(f.name());
            if (onlyKey) {
                return g.sql("i");
            }
            // a grouped partition key takes a few values spread over the partitions, else one per row
            return inGroupKeys(f) ? g.sql("(1 + ((i - 1) % " + modulus(f) + ") * (n / " + modulus(f) + "))")
                    : g.sql("(1 + (i - 1) % n)");
        }
        if (shape.isPresent()) {
            for (AggregateShape.DimJoin j : shape.get().joins()) {
                if (j.column().equals(f.name()) && !fact.referencing(f)) {
                    Optional<Field> dimKey = j.entity().field(j.key());
                    Optional<EntityPlan> dim = plan.entity(j.entity().name());
                    if (dimKey.isPresent() && dim.isPresent()) {
                        Gen keyGen = SeedPlan.forType(dimKey.get().type(), true);
                        long span = referencedRows + 2;
                        return new Gen.Ref(keyGen, span, Long.toString(span)).sql("i");
                    }
                }
            }
        }
        if (!key && !fact.referencing(f) && inGroupKeys(f)) {
            return g.sql("(i % " + modulus(f) + ")");
        }
        if (shape.isPresent() && measured(shape.get(), f) && f.check().isEmpty() && f.seed().isEmpty()
                && !fact.referencing(f) && !(f.type() instanceof dev.specgen.model.FieldType.Enum)) {
            // measured values distinct per row: removing a group's min or max then changes it
            return SeedPlan.forType(f.type(), true).sql("i");
        }
        return g.sql("i");
    }

    private int modulus(Field f) {
        return moduli.computeIfAbsent(f.name(), n -> GROUPS[moduli.size() % GROUPS.length]);
    }

    private boolean inGroupKeys(Field f) {
        Pattern word = Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(f.name()) + "(?![A-Za-z0-9_$])");
        Optional<AggregateShape> s = vp.view().aggregate();
        if (s.isPresent()) {
            return s.get().groups().stream().anyMatch(g -> word.matcher(g.sql()).find());
        }
        return word.matcher(vp.view().selectSql()).find() && vp.view().selectSql().toUpperCase(java.util.Locale.ROOT)
                .contains("GROUP BY");
    }

    private static boolean isKey(Entity e, Field f) {
        return f.primaryKey() || f.unique() || f.identity() != Field.Identity.NONE
                || e.primaryKey().stream().map(Named::name).anyMatch(f.name()::equals);
    }

    private void refresh(String what) {
        List<String> calls = new ArrayList<>();
        for (ViewPlan source : sourceViews(vp)) {
            calls.add("SELECT " + fn(source.refresh()) + "()");
        }
        calls.add("SELECT " + fn(vp.refresh()) + "()");
        for (String c : calls) {
            body.add(new ViewAssertion.LivesOk(c, what + ": " + c.substring("SELECT ".length()), v().refreshPos()));
        }
    }

    /** The views {@code p} reads, transitively, in refresh order. */
    private List<ViewPlan> sourceViews(ViewPlan p) {
        List<ViewPlan> out = new ArrayList<>();
        for (Relation r : p.view().sources()) {
            if (r.isView()) {
                plan.views().stream().filter(x -> x.schema().equals(r.schema()) && x.relation().equals(r.name()))
                        .findFirst().ifPresent(x -> {
                            sourceViews(x).stream().filter(y -> !out.contains(y)).forEach(out::add);
                            if (!out.contains(x)) {
                                out.add(x);
                            }
                        });
            }
        }
        return out;
    }

    private void same(String when) {
        body.add(new ViewAssertion.SameRows(view, vp.view().selectSql(), view + " holds exactly what its query"
                + " returns " + when, pos));
    }

    // ---- rounds of writes (incremental and immediate views) -------------------------------------------------------

    private void rounds(AggregateShape s, Entity fact, long factRows) {
        boolean deferred = vp.view().strategy() == Refresh.INCREMENTAL;
        String factTable = Sql.qualified(fact.schema(), fact.table());
        String factRowsFn = rowsFunctions.get(factTable);
        long next = factRows + 1;
        boolean referenced = plan.entities().stream().anyMatch(ep -> ep.entity().fields().stream()
                .anyMatch(f -> f.references().map(r -> r.entity().equals(fact.name())).orElse(false))
                || ep.entity().foreignKeys().stream().anyMatch(k -> k.entity().name().equals(fact.name())));

        body.add(new TestStep.Section("round 1: inserts", pos));
        long cnt = Math.max(1, factRows / 50);
        body.add(new ViewAssertion.LivesOk("SELECT " + factRowsFn + "(" + next + ", " + factRows + ", " + cnt + ")",
                "round 1: inserts " + cnt + " rows into " + fact.table(), pos));
        next += cnt;
        if (deferred) {
            refresh("round 1");
        }
        same("after round 1");

        next = mixed(2, "0.003", s, fact, factTable, factRowsFn, factRows, next, referenced, deferred);
        next = mixed(3, "0.05", s, fact, factTable, factRowsFn, factRows, next, referenced, deferred);
        if (deferred) {
            budgetRule(s);
        }

        body.add(new TestStep.Section("round 4: TRUNCATE", pos));
        if (!referenced) {
            Optional<EntityPlan> ep = plan.entity(fact.name());
            List<EntityPlan.Partition> leaves = ep.map(EntityPlan::leaves).orElse(List.of());
            String target = leaves.isEmpty() ? factTable : Sql.qualified(fact.schema(), leaves.get(0).name());
            body.add(new ViewAssertion.LivesOk("TRUNCATE " + target, "round 4: truncates " + target, pos));
            if (deferred) {
                refresh("round 4");
            }
            same("after TRUNCATE " + target);
            if (deferred) {
                body.add(new ViewAssertion.Holds("SELECT EXISTS (SELECT 1 FROM " + log + " AS l WHERE l.view_name = "
                        + Sql.literal(vp.relation()) + " AND l.strategy = 'full' AND l.reason LIKE '%truncated')",
                        "after a TRUNCATE the refresh recomputes in full and logs why", pos));
            }
        } else {
            body.add(new TestStep.Note(fact.table() + " is referenced by foreign keys: no TRUNCATE round", pos));
        }

        if (deferred) {
            body.add(new TestStep.Section("round 5: the delta table emptied, as crash recovery empties an unlogged"
                    + " table", pos));
            long crash = Math.max(1, factRows / 100);
            body.add(new ViewAssertion.LivesOk("SELECT " + factRowsFn + "(" + next + ", " + factRows + ", " + crash
                    + ")", "round 5: inserts " + crash + " rows into " + fact.table(), pos));
            next += crash;
            String delta = fn(vp.delta().orElseThrow());
            body.add(new ViewAssertion.LivesOk("TRUNCATE " + delta, "round 5: their captured changes are lost with "
                    + vp.delta().get(), pos));
            refresh("round 5");
            same("after its pending changes were lost");
            body.add(new ViewAssertion.Holds("SELECT EXISTS (SELECT 1 FROM " + log + " AS l WHERE l.view_name = "
                    + Sql.literal(vp.relation()) + " AND l.strategy = 'full' AND l.reason LIKE '%crash%')",
                    "a refresh after the loss recomputes in full and logs why", pos));
        }

        body.add(new TestStep.Section("a refresh with nothing pending", pos));
        String store = fn(vp.store().orElseThrow());
        String writesSql = "SELECT pg_stat_get_xact_tuples_inserted(" + Sql.literal(store) + "::regclass)"
                + " + pg_stat_get_xact_tuples_updated(" + Sql.literal(store) + "::regclass)"
                + " + pg_stat_get_xact_tuples_deleted(" + Sql.literal(store) + "::regclass)";
        String logRows = "SELECT count(*) FROM " + log + " AS l WHERE l.view_name = " + Sql.literal(vp.relation());
        body.add(new ViewStep.Run("SELECT set_config('specgen.writes', (" + writesSql + ")::text, true),"
                + " set_config('specgen.log_rows', (" + logRows + ")::text, true)", "what was written and logged so"
                        + " far", pos));
        body.add(new ViewAssertion.Returns("SELECT " + fn(vp.refresh()) + "()", "0::bigint", vp.refresh()
                + "() with nothing pending returns 0", v().refreshPos()));
        body.add(new ViewAssertion.Returns(writesSql, "current_setting('specgen.writes')::bigint", "... and writes no"
                + " row of " + vp.store().get(), v().refreshPos()));
        body.add(new ViewAssertion.Returns(logRows, "current_setting('specgen.log_rows')::bigint", "... and logs"
                + " nothing", v().refreshPos()));
        if (deferred) {
            body.add(new ViewAssertion.Holds("SELECT EXISTS (SELECT 1 FROM " + log + " AS l WHERE l.view_name = "
                    + Sql.literal(vp.relation()) + " AND l.strategy = 'incremental' AND l.reason LIKE"
                    + " '%pending change rows%' AND l.pending > 0)", "the refresh log records incremental runs,"
                            + " what they applied and why", pos));
        }
    }

    /**
     * Round 3 changes 5% of the rows several ways: a full recompute is due exactly when its change rows, as captured
     * (pre-aggregated per group and statement), are more than the refresh's budget, the threshold times the source
     * rows the refresh counted (at least 1,000, in its log). A small source or few groups stay within it, and then
     * the refresh must apply them (with min/max measures it may still recompute when values left a min/max).
     */
    private void budgetRule(AggregateShape s) {
        String threshold = vp.fullRefreshThreshold().toPlainString();
        String otherwise = s.hasMinMax() ? "l.strategy = 'incremental' OR l.reason LIKE '%cost more than%'"
                : "l.strategy = 'incremental'";
        body.add(new ViewAssertion.Holds("SELECT CASE WHEN current_setting('specgen.pending')::bigint > ceil(substring("
                + "l.reason FROM 'of the ([0-9]+) source rows')::bigint * " + threshold + ")"
                + " THEN l.strategy = 'full' AND l.reason LIKE '%cost more than%' ELSE " + otherwise + " END FROM "
                + log + " AS l WHERE l.view_name = " + Sql.literal(vp.relation()) + " ORDER BY l.id DESC LIMIT 1",
                "round 3: the refresh recomputed in full exactly when its pending change rows cost more than "
                        + vp.fullRefreshThreshold().movePointRight(2).stripTrailingZeros().toPlainString()
                        + "% of the source rows, and logged why", pos));
    }

    /**
     * A round of mixed writes, each touching {@code fraction} of the rows: updates that move rows to other groups
     * and partitions, updates of measured values, deletes, inserts, and writes to the joined tables. Round 2 is small
     * (applied incrementally), round 3 large (a full recompute is cheaper). Returns the next free row number.
     */
    private long mixed(int round, String fraction, AggregateShape s, Entity fact, String factTable, String factRowsFn,
            long factRows, long next, boolean referenced, boolean deferred) {
        String pct = new java.math.BigDecimal(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        body.add(new TestStep.Section("round " + round + ": updates that move rows, deletes, inserts (" + pct
                + " each)", pos));
        List<String[]> writes = new ArrayList<>();
        for (Field f : fact.fields()) {
            boolean partition = SeedPlan.level(fact, f).isPresent();
            boolean key = isKey(fact, f);
            if (partition && !(fact.primaryKey().size() == 1 && fact.primaryKey().get(0).name().equals(f.name()))) {
                writes.add(new String[] {moveTo(factTable, f, fraction), "moves " + pct + " of the rows to another"
                        + " partition (" + f.name() + ")"});
            } else if (!key && !fact.referencing(f) && inGroupKeys(f)) {
                writes.add(new String[] {moveTo(factTable, f, fraction), "moves " + pct + " of the rows to another"
                        + " group (" + f.name() + ")"});
            } else if (!key && !partition && measured(s, f)) {
                writes.add(new String[] {moveTo(factTable, f, fraction), "changes " + f.name() + " in " + pct
                        + " of the rows"});
            }
        }
        if (!referenced) {
            writes.add(new String[] {"DELETE FROM " + factTable + " WHERE random() < " + fraction, "deletes " + pct
                    + " of the rows"});
        }
        if (round == 2) {
            for (AggregateShape.Measure m : s.measures()) {
                Optional<Field> col = m.argument().flatMap(a -> fact.field(a.strip()));
                boolean extreme = m.function() == dev.specgen.model.ViewQuery.Aggregate.MIN
                        || m.function() == dev.specgen.model.ViewQuery.Aggregate.MAX;
                if (extreme && col.isPresent() && !isKey(fact, col.get())) {
                    String c = Sql.ident(col.get().name());
                    String lo = "(SELECT min(" + c + ") FROM " + factTable + ")";
                    String hi = "(SELECT max(" + c + ") FROM " + factTable + ")";
                    if (!referenced) {
                        writes.add(new String[] {"DELETE FROM " + factTable + " WHERE " + c + " = " + lo, "deletes the"
                                + " rows holding the smallest " + col.get().name() + " (their groups' " + m.function()
                                        .sql() + " must be recomputed)"});
                    }
                    writes.add(new String[] {"UPDATE " + factTable + " SET " + c + " = " + lo + " WHERE " + c + " = "
                            + hi, "moves the largest " + col.get().name() + " to the smallest value"});
                }
            }
        }
        long cnt = Math.max(1, new java.math.BigDecimal(fraction).multiply(java.math.BigDecimal.valueOf(factRows))
                .longValue());
        writes.add(new String[] {"SELECT " + factRowsFn + "(" + next + ", " + factRows + ", " + cnt + ")", "inserts "
                + cnt + " rows"});
        long after = next + cnt;
        for (AggregateShape.DimJoin j : s.joins()) {
            Entity dim = j.entity();
            String dimTable = Sql.qualified(dim.schema(), dim.table());
            for (Field f : dim.fields()) {
                if (!isKey(dim, f) && !dim.referencing(f) && groupUses(s, j.alias(), f.name())) {
                    writes.add(new String[] {moveTo(dimTable, f, "0.1"), "changes " + j.alias() + "." + f.name()
                            + " in 10% of the " + dim.table() + " rows (their facts move group)"});
                }
            }
            Optional<Field> fk = fact.field(j.column());
            if (round == 2 && fk.isPresent() && !fact.referencing(fk.get())) {
                String dimFn = rowsFunctions.get(dimTable);
                long dimRows = seeded.getOrDefault(dimTable, referencedRows);
                writes.add(new String[] {"SELECT " + dimFn + "(" + (dimRows + 1) + ", " + dimRows + ", 2)", "inserts"
                        + " the two " + dim.table() + " rows some facts already point at"});
                writes.add(new String[] {"DELETE FROM " + dimTable + " WHERE " + Sql.ident(j.key()) + " IN (SELECT "
                        + Sql.ident(j.key()) + " FROM " + dimTable + " ORDER BY random() LIMIT 3)", "deletes 3 "
                                + dim.table() + " rows (their facts leave or lose their group)"});
            }
        }
        for (String[] w : writes) {
            body.add(new ViewAssertion.LivesOk(w[0], "round " + round + ": " + w[1], pos));
        }
        if (deferred && round == 3) {
            body.add(new ViewStep.Run("SELECT set_config('specgen.pending', (" + vp.pendingCountSql().orElseThrow()
                    + ")::text, true)", "the change rows round 3 left pending", pos));
        }
        if (deferred) {
            refresh("round " + round);
        }
        same("after round " + round);
        return after;
    }

    /** {@code UPDATE table SET column = another row's value WHERE random() < fraction}: values the table accepts. */
    private static String moveTo(String table, Field f, String fraction) {
        String col = Sql.ident(f.name());
        return "UPDATE " + table + " SET " + col + " = (SELECT " + col + " FROM " + table + " ORDER BY random()"
                + " LIMIT 1) WHERE random() < " + fraction;
    }

    private static boolean measured(AggregateShape s, Field f) {
        Pattern word = Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(f.name()) + "(?![A-Za-z0-9_$])");
        return s.measures().stream().anyMatch(m -> m.argument().map(a -> word.matcher(a).find()).orElse(false));
    }

    /** A dimension column in a group key: qualified by the join's alias, or bare when the fact has no such column. */
    private static boolean groupUses(AggregateShape s, String alias, String column) {
        Pattern qualified = Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(alias) + "\\." + Pattern.quote(column)
                + "(?![A-Za-z0-9_$])");
        Pattern bare = Pattern.compile("(?<![A-Za-z0-9_$.])" + Pattern.quote(column) + "(?![A-Za-z0-9_$])");
        boolean factHasIt = s.fact().entity().field(column).isPresent();
        return s.groups().stream().anyMatch(g -> qualified.matcher(g.sql()).find()
                || !factHasIt && bare.matcher(g.sql()).find());
    }
}
