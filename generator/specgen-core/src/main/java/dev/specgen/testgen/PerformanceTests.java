package dev.specgen.testgen;

import java.util.stream.Collectors;

import java.util.LinkedHashSet;

import java.util.Set;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Hint;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.Named;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.EntityPlan.NamedIndex;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The performance section, on seeded data: seed functions and the seeding test, ANALYZE, the partition pruning test
 * ({@link PruningTests}), then with sequential scans disabled one index-use test and one time budget per lookup
 * (primary key, and every btree, hash and BRIN index that starts with a plain column).
 */
final class PerformanceTests {
    static final String DEFAULT_LOOKUP_BUDGET_MS = "50";
    static final String DEFAULT_RANGE_BUDGET_MS = "200";
    static final int ITERATIONS = 10;

    static final String WHY_STATISTICS = "ANALYZE samples 300 x this many rows: up to 30000 rows it reads them all,"
            + " so statistics and plans are the same on every run";
    static final String WHY_SEQSCAN = "index-use tests ask whether each index serves a lookup on its own key. The"
            + " planner rightly seq-scans empty or tiny partitions (DEFAULT); with seq scans disabled it only uses one"
            + " where no index applies, so a missing index shows up as a Seq Scan, and an index the planner passes"
            + " over for its own key (a redundant one) as another index's scan";

    private final EntityPlan ep;
    private final Entity e;
    private final String table;
    private final SeedPlan.Result seed;
    private final List<TestStep> out = new ArrayList<>();

    private PerformanceTests(EntityPlan ep, SeedPlan.Result seed) {
        this.ep = ep;
        this.e = ep.entity();
        this.table = Sql.qualified(e.schema(), e.table());
        this.seed = seed;
    }

    static List<TestStep> of(EntityPlan ep, long rows, long referencedRows,
            Function<String, Optional<EntityPlan>> entities) {
        SeedPlan.Result seed = SeedPlan.of(ep, rows, referencedRows, entities);
        PerformanceTests p = new PerformanceTests(ep, seed);
        p.out.add(new TestStep.Section("performance, on seeded data", ep.entity().pos()));
        if (!seed.problems().isEmpty()) {
            p.out.add(new PerformanceAssertion.Skip("performance tests: cannot seed " + ep.entity().table() + ": "
                    + String.join("; ", seed.problems()), ep.entity().pos()));
            return List.copyOf(p.out);
        }
        p.seeding();
        if (ep.entity().isPartitioned()) {
            p.out.addAll(PruningTests.of(ep, seed.main(), p.budget(Hint.Name.RANGE_BUDGET_MS, DEFAULT_RANGE_BUDGET_MS)));
        }
        p.lookups();
        // the gate goes before the seeding test; it reports as many skips as there are seeded tests
        int gated = (int) p.out.stream().filter(PerformanceAssertion.class::isInstance).count();
        // the first seeded test's place, found by its class (what indexOf of it gave, without the generated record
        // equals, which spins method handle classes on its first call in a fresh JVM)
        int at = IntStream.range(0, p.out.size())
                .filter(i -> p.out.get(i) instanceof PerformanceAssertion.Seeded).findFirst().orElseThrow();
        p.out.add(at, new TestStep.SeedGate(seed.tables().stream()
                .map(t -> Sql.qualified(t.plan().entity().schema(), t.plan().entity().table())).toList(), gated,
                ep.entity().pos()));
        return List.copyOf(p.out);
    }

    private void seeding() {
        out.add(new TestStep.Helpers(e.pos()));
        Map<String, Integer> tableNames = new HashMap<>();
        seed.tables().forEach(t -> tableNames.merge(t.plan().entity().table(), 1, Integer::sum));
        List<String> calls = new ArrayList<>();
        for (SeedPlan.Table t : seed.tables()) {
            Entity te = t.plan().entity();
            String fn = "pg_temp.specgen_seed_" + (tableNames.get(te.table()) > 1 ? te.schema() + "_" : "")
                    + te.table();
            boolean main = t == seed.main();
            out.add(new TestStep.SeedFunction(fn, Sql.qualified(te.schema(), te.table()),
                    t.columns(), t.values("i"), t.overriding(), !te.features().triggers().isEmpty(), main ? calls : List.of(),
                    te.pos()));
            if (main) {
                List<String> referenced = seed.tables().subList(0, seed.tables().size() - 1).stream()
                        .map(x -> x.plan().entity().table()).toList();
                String others = referenced.isEmpty() ? "" : " (after " + seed.tables().get(0).rows() + " rows"
                        + (referenced.size() > 1 ? " each" : "") + " into " + String.join(", ", referenced) + ")";
                out.add(new PerformanceAssertion.Seeded("SELECT " + fn + "(" + t.rows() + ")", "seeds " + t.rows()
                        + " rows into " + te.table() + others, hintPos(Hint.Name.SEED_ROWS)));
            } else {
                calls.add(fn + "(" + t.rows() + ")");
            }
        }
        out.add(new TestStep.SetLocal("default_statistics_target", "100", WHY_STATISTICS, e.pos()));
        out.add(new TestStep.Analyze(e.schema(), e.table(), e.pos()));
    }

    private void lookups() {
        out.add(new TestStep.Section("index use and lookup time budgets", e.pos()));
        out.add(new TestStep.SetLocal("enable_seqscan", "off", WHY_SEQSCAN, e.pos()));
        Budget budget = budget(Hint.Name.LOOKUP_BUDGET_MS, DEFAULT_LOOKUP_BUDGET_MS);
        if (!e.primaryKey().isEmpty()) {
            List<String> conds = new ArrayList<>();
            for (Named n : e.primaryKey()) {
                e.field(n.name()).ifPresent(f -> conds.add(equality(f)));
            }
            List<Field> pkFields = e.primaryKey().stream().map(n -> e.field(n.name())).flatMap(Optional::stream)
                    .toList();
            lookup("primary key: a lookup by " + names(e.primaryKey()), String.join(" AND ", conds),
                    ep.primaryKeyIndex().map(k -> e.schema() + "." + k.name()), pkFields,
                    e.primaryKey().get(0).pos(), budget);
        }
        for (NamedIndex ni : ep.indexes()) {
            Index ix = ni.index();
            IndexColumn first = ix.columns().get(0);
            Optional<Field> f = first.column().flatMap(e::field);
            if (f.isEmpty()) {
                out.add(new TestStep.Note("no lookup test for " + ni.name() + ": its first key is an expression",
                        ix.pos()));
                continue;
            }
            String where = switch (ix.method()) {
                case BTREE, HASH -> keyEquality(ix);
                case BRIN -> range(f.get());
                default -> null;
            };
            if (where == null) {
                out.add(new TestStep.Note("no lookup test for " + ni.name() + ": " + ix.method().sql() + " indexes"
                        + " serve operators such as @>, && or <->, not a plain lookup", ix.pos()));
                continue;
            }
            List<Field> looked = ix.method() == Index.Method.BRIN ? List.of(f.get()) : keyFields(ix);
            String what = (ix.method() == Index.Method.BRIN ? "a range on " : "a lookup by ")
                    + String.join(", ", looked.stream().map(Field::name).toList());
            lookup(ni.name() + ": " + what, where + ix.where().map(w -> " AND (" + w + ")").orElse(""),
                    Optional.of(e.schema() + "." + ni.name()), looked, ix.pos(), budget);
        }
    }

    /**
     * Equality on every plain key column of the index, up to the first expression: a lookup this index serves
     * best, so the test fails when another index is preferred for it (a sign the index is redundant).
     */
    private String keyEquality(Index ix) {
        return String.join(" AND ", keyFields(ix).stream().map(this::equality).toList());
    }

    private List<Field> keyFields(Index ix) {
        List<Field> out = new ArrayList<>();
        for (IndexColumn c : ix.columns()) {
            Optional<Field> f = c.column().flatMap(e::field);
            if (f.isEmpty()) {
                break;
            }
            out.add(f.get());
        }
        return out;
    }

    /**
     * The indexes that may serve a lookup on {@code looked}: the one under test first, then every other index of
     * the table led by one of those columns (the primary key's and unique constraints' indexes included). With
     * synthetic data where every key is distinct, all of them serve it equally well and which one the planner
     * takes is a tie-break; what matters is that the lookup is served by an index. So a missing index fails its
     * test exactly when nothing else serves its lookup.
     */
    private List<String> servers(Optional<String> own, List<Field> looked) {
        Set<String> cols = looked.stream().map(Field::name).collect(Collectors.toSet());
        LinkedHashSet<String> out = new LinkedHashSet<>();
        own.ifPresent(out::add);
        for (NamedIndex other : ep.indexes()) {
            Optional<String> lead = other.index().columns().get(0).column();
            if (lead.isPresent() && cols.contains(lead.get())) {
                out.add(e.schema() + "." + other.name());
            }
        }
        for (EntityPlan.KeyIndex k : ep.keyIndexes()) {
            if (cols.contains(k.columns().get(0))) {
                out.add(e.schema() + "." + k.name());
            }
        }
        return List.copyOf(out);
    }

    private void lookup(String what, String where, Optional<String> index, List<Field> looked, SourcePos pos,
            Budget budget) {
        String query = "SELECT * FROM " + table + " WHERE " + where;
        List<String> servers = servers(index, looked);
        List<String> plain = servers.stream().map(q -> q.substring(q.indexOf('.') + 1)).toList();
        String uses = plain.isEmpty() ? " uses an index" : plain.size() == 1 ? " uses " + plain.get(0)
                : " uses " + plain.get(0) + " (or " + String.join(", ", plain.subList(1, plain.size()))
                        + (plain.size() == 2 ? ", which also serves it)" : ", which also serve it)");
        out.add(new PerformanceAssertion.IndexUse(query, servers, what + uses, pos));
        out.add(new PerformanceAssertion.TimeBudget(query, budget.half(), ITERATIONS, what + " averages under "
                + budget.ms() + " ms", budget.pos().orElse(pos)));
    }

    private String equality(Field f) {
        String v = gen(f).literal(1);
        return Sql.ident(f.name()) + (v.equals("NULL") ? " IS NULL" : " = " + v);
    }

    private String range(Field f) {
        Gen g = gen(f);
        String col = Sql.ident(f.name());
        return g.window().map(w -> col + " >= " + w.get(0) + " AND " + col + " < " + w.get(1))
                .orElseGet(() -> col + " BETWEEN " + g.literal(1) + " AND " + g.literal(100));
    }

    private Gen gen(Field f) {
        return seed.main().gens().get(e.fields().indexOf(f));
    }

    /** A time budget in ms (a performance hint, else the default) and half of it for performs_within. */
    record Budget(String ms, String half, Optional<SourcePos> pos) {
    }

    private Budget budget(Hint.Name hint, String dflt) {
        Optional<Hint> h = e.hint(hint);
        BigDecimal ms = e.performanceHints().amount(hint).orElseGet(() -> new BigDecimal(dflt)).stripTrailingZeros();
        return new Budget(ms.toPlainString(), ms.divide(BigDecimal.valueOf(2)).stripTrailingZeros().toPlainString(),
                h.map(Hint::pos));
    }

    private SourcePos hintPos(Hint.Name hint) {
        return e.hint(hint).map(Hint::pos).orElse(e.pos());
    }

    private static String names(List<Named> named) {
        return String.join(", ", named.stream().map(Named::name).toList());
    }
}
