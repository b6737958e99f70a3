package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.plan.WorkflowPlanner;
import dev.specgen.workflow.CompiledWorkflow;
import dev.specgen.workflow.CompiledWorkflow.Accumulate;
import dev.specgen.workflow.CompiledWorkflow.CompiledStep;
import dev.specgen.workflow.CompiledWorkflow.Derived;
import dev.specgen.workflow.CompiledWorkflow.FieldUpdate;
import dev.specgen.workflow.CompiledWorkflow.KeyMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tests of a compiled workflow, in a file of their own next to its source's tests: rounds of inserts into the
 * source (one multi-row statement whose keys have no target row yet, several statements, one large batch as COPY
 * or {@code specgen load} writes it), after each (async: after draining the queue with {@code process_<action>()}
 * in small batches) every target row of the test's keys equals its definition recomputed from the source: sums,
 * counts, greatest and least values, derived fields, one row per key. The test's keys come from pools of their own
 * ({@value #POOL_BASE} and up), so rows a database already holds are not compared.
 */
final class WorkflowTests {

    static final long POOL_BASE = 900_000_000L;
    static final int[] POOLS = {7, 5, 3, 11};
    /** The batch the drain uses: small, so a round takes several batches. */
    static final int DRAIN_BATCH = 16;

    private final SchemaPlan.WorkflowPlan wp;
    private final CompiledWorkflow w;
    private final SchemaPlan plan;
    private final SourcePos pos;
    private final List<TestStep> body = new ArrayList<>();

    private WorkflowTests(SchemaPlan.WorkflowPlan wp, SchemaPlan plan) {
        this.wp = wp;
        this.w = wp.workflow();
        this.plan = plan;
        this.pos = w.pos();
    }

    static TestFile file(SchemaPlan.WorkflowPlan wp, SchemaPlan plan, int index) {
        return new WorkflowTests(wp, plan).build(index);
    }

    private TestFile build(int index) {
        Entity src = w.source();
        String schema = src.schema();
        body.add(new TestStep.Section("workflow " + w.action(), pos));
        body.add(new ViewAssertion.Holds("EXISTS (SELECT 1 FROM pg_catalog.pg_trigger AS g WHERE g.tgrelid = "
                + Sql.literal(table(src)) + "::regclass AND g.tgname = " + Sql.literal(wp.names().trigger()) + ")",
                "statement-level trigger " + wp.names().trigger() + " on " + src.table() + " exists", pos));
        if (w.async()) {
            body.add(new ViewAssertion.FunctionExists(Sql.qualified(schema, wp.names().process()) + "(integer)",
                    "function " + wp.names().process() + "(integer) exists", pos));
        }
        Optional<String> problem = data();
        if (problem.isPresent()) {
            body.add(new TestStep.Note("no data tests: " + problem.get(), pos));
        }
        List<TestStep> steps = new ArrayList<>();
        steps.add(new TestStep.Begin(pos));
        steps.add(new TestStep.SearchPath(schema, Optional.empty(), pos));
        steps.add(new TestStep.SetLocal("jit", "off", TestPlanner.WHY_JIT, pos));
        steps.add(new TestStep.Plan(body.stream().mapToInt(TestStep::tests).sum(), pos));
        steps.addAll(body);
        steps.add(new TestStep.Finish(pos));
        steps.add(new TestStep.Rollback(pos));
        return new TestFile(TestPlanner.workflowTestPath(wp.file(), index), wp.specFile(), table(src),
                "workflow " + w.action() + (w.async() ? " (queued, applied by " + wp.names().process() + ")" : "")
                        + ": targets equal their definition after rounds of inserts", steps);
    }

    static String table(Entity e) {
        return Sql.qualified(e.schema(), e.table());
    }

    /** The source's key columns cycle through small pools; a column unique in the source keeps one value per row. */
    static Map<String, Integer> pools(CompiledWorkflow w) {
        Map<String, Integer> pools = new LinkedHashMap<>();
        for (CompiledStep s : w.steps()) {
            for (KeyMatch k : s.key()) {
                Field f = k.source();
                if (!unique(w.source(), f) && !pools.containsKey(f.name())) {
                    pools.put(f.name(), POOLS[pools.size() % POOLS.length]);
                }
            }
        }
        return pools;
    }

    private static boolean unique(Entity e, Field f) {
        return f.primaryKey() || f.unique() || f.identity() != Field.Identity.NONE
                || e.primaryKey().size() == 1 && e.primaryKey().get(0).name().equals(f.name());
    }

    private Optional<String> data() {
        Entity src = w.source();
        Optional<EntityPlan> ep = plan.entity(src.name());
        if (ep.isEmpty()) {
            return Optional.of(src.name() + " has no plan");
        }
        SeedPlan.Result seed = SeedPlan.of(ep.get(), 1000, TestPlanner.REFERENCED_ROWS, plan::entity);
        if (!seed.problems().isEmpty()) {
            return Optional.of("cannot seed " + src.table() + ": " + String.join("; ", seed.problems()));
        }
        body.add(new ViewStep.DiffHelper(pos));
        Map<String, Integer> pools = pools(w);
        Map<String, String> poolSql = new LinkedHashMap<>();
        String function = "";
        for (SeedPlan.Table t : seed.tables()) {
            Entity te = t.plan().entity();
            boolean main = t == seed.main();
            String fn = "pg_temp.specgen_wf_rows_" + te.table();
            List<String> values = new ArrayList<>();
            for (int k = 0; k < te.fields().size(); k++) {
                Field f = te.fields().get(k);
                if (f.isGenerated()) {
                    continue;
                }
                Gen g = t.gens().get(k);
                Integer pool = main ? pools.get(f.name()) : null;
                if (pool != null) {
                    values.add(g.sql("(" + POOL_BASE + " + i % " + pool + ")"));
                    poolSql.put(f.name(), "SELECT " + g.sql("(" + POOL_BASE + " + p)") + " FROM generate_series(0, "
                            + (pool - 1) + ") AS p");
                } else {
                    values.add(g.sql("i"));
                }
            }
            body.add(new ViewStep.RowsFunction(fn, table(te), t.columns(), values, t.overriding(), te.pos()));
            if (main) {
                function = fn;
            } else {
                body.add(new ViewAssertion.LivesOk("SELECT " + fn + "(1, " + t.rows() + ", " + t.rows() + ")",
                        "seeds " + t.rows() + " rows into " + table(te) + ", which " + src.table() + " references",
                        pos));
            }
        }
        if (poolSql.isEmpty()) {
            return Optional.of("every step's key is unique in " + src.table() + ": each inserted row has a key of its"
                    + " own, which the test cannot tell from rows the database already holds");
        }
        round(1, function, List.of(new long[] {1, 40}), "one statement inserts 40 rows over a few keys that have no"
                + " target row yet (each first sale creates the row)", poolSql);
        round(2, function, List.of(new long[] {41, 10}, new long[] {51, 1}, new long[] {52, 25}),
                "three statements insert 10, 1 and 25 rows into keys that have rows", poolSql);
        round(3, function, List.of(new long[] {77, 500}), "one statement inserts 500 rows, a batch as COPY or"
                + " specgen load writes it", poolSql);
        return Optional.empty();
    }

    private void round(int n, String function, List<long[]> statements, String what, Map<String, String> pools) {
        String src = w.source().table();
        body.add(new TestStep.Section("round " + n + ": " + what, pos));
        long rows = 0;
        for (long[] s : statements) {
            rows += s[1];
            body.add(new ViewAssertion.LivesOk("SELECT " + function + "(" + s[0] + ", " + ROWS_N + ", " + s[1] + ")",
                    "round " + n + ": inserts " + s[1] + " rows into " + src, pos));
        }
        if (w.async()) {
            String queue = Sql.qualified(w.source().schema(), wp.names().queue());
            String process = Sql.qualified(w.source().schema(), wp.names().process());
            body.add(new ViewAssertion.Holds("(SELECT count(*) FROM " + queue + ") >= " + rows, "round " + n
                    + ": the trigger queued the " + rows + " rows instead of applying them", pos));
            body.add(new ViewAssertion.LivesOk("DO $d$ BEGIN WHILE " + process + "(" + DRAIN_BATCH + ") > 0 LOOP"
                    + " END LOOP; END $d$", "round " + n + ": " + wp.names().process() + "(" + DRAIN_BATCH + ")"
                            + " until the queue is empty", pos));
            body.add(new ViewAssertion.Holds("NOT EXISTS (SELECT 1 FROM " + queue + ")", "round " + n
                    + ": the queue is empty", pos));
        }
        for (CompiledStep s : w.steps()) {
            body.add(new ViewAssertion.SameRows(targetQuery(s, pools), definition(w, s, pools), "round " + n + ": "
                    + table(s.target()) + " equals its definition from " + src + " (step " + s.name() + ")", pos));
        }
    }

    static final String ROWS_N = "1000";

    /** The target rows of the test's keys, as a relation. */
    static String targetQuery(CompiledStep s, Map<String, String> pools) {
        List<String> cols = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (KeyMatch k : s.key()) {
            String c = "t." + Sql.ident(k.target().name());
            cols.add(c);
            Optional.ofNullable(pools.get(k.source().name())).ifPresent(p -> where.add(c + " IN (" + p + ")"));
        }
        for (FieldUpdate u : s.updates()) {
            cols.add("t." + Sql.ident(u.target().name()));
        }
        // SameRows reads it as a relation: a subquery with an alias
        return "(SELECT " + String.join(", ", cols) + " FROM " + table(s.target()) + " AS t"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + ") AS specgen_target";
    }

    /** What the target rows of the test's keys must hold: the step's folds recomputed from every source row. */
    static String definition(CompiledWorkflow w, CompiledStep s, Map<String, String> pools) {
        List<String> cols = new ArrayList<>();
        List<String> where = new ArrayList<>();
        List<String> group = new ArrayList<>();
        for (KeyMatch k : s.key()) {
            String c = "r." + Sql.ident(k.source().name());
            cols.add(c);
            group.add(c);
            where.add(c + " IS NOT NULL");
            Optional.ofNullable(pools.get(k.source().name())).ifPresent(p -> where.add(c + " IN (" + p + ")"));
        }
        for (FieldUpdate u : s.updates()) {
            String value = u instanceof Accumulate a ? WorkflowPlanner.aggregate(a, "r")
                    : WorkflowPlanner.render(((Derived) u).value(), a -> "(" + WorkflowPlanner.aggregate(a, "r") + ")",
                            WorkflowPlanner::defaultOf);
            cols.add("CAST(" + value + " AS " + u.target().type().sql() + ")");
        }
        return "SELECT " + String.join(", ", cols) + " FROM " + table(w.source()) + " AS r WHERE "
                + String.join(" AND ", where) + " GROUP BY " + String.join(", ", group);
    }
}
