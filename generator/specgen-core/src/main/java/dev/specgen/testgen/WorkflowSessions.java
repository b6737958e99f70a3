package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.workflow.CompiledWorkflow;
import dev.specgen.workflow.CompiledWorkflow.CompiledStep;
import dev.specgen.workflow.CompiledWorkflow.KeyMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session check of a compiled workflow: {@value #SESSIONS} connections insert into the source at the same
 * moment, {@value #ROUNDS} rounds of {@value #ROWS} rows each, every statement over the same few target keys in
 * random order; async, each session also runs {@code process_<action>()} after every insert, so several
 * processors drain the queue at once. Then no statement may have failed or deadlocked, the queue is drained and
 * every target row of the check's keys equals its definition recomputed from the source.
 */
final class WorkflowSessions {
    static final int SESSIONS = 6;
    static final int ROUNDS = 4;
    static final int ROWS = 60;
    /** Rows one processor call claims: small, so the sessions' processors compete for the queue. */
    static final int BATCH = 25;

    private static final String SESSION = "current_setting('specgen.session')::integer";
    private static final String ROUND = "current_setting('specgen.round')::integer";

    private WorkflowSessions() {
    }

    static List<SessionCheck> of(EntityPlan ep, SchemaPlan plan) {
        List<SessionCheck> out = new ArrayList<>();
        for (SchemaPlan.WorkflowPlan wp : plan.workflows()) {
            if (wp.workflow().source().name().equals(ep.entity().name())) {
                check(ep, wp, plan).ifPresent(out::add);
            }
        }
        return out;
    }

    private static java.util.Optional<SessionCheck> check(EntityPlan ep, SchemaPlan.WorkflowPlan wp,
            SchemaPlan plan) {
        CompiledWorkflow w = wp.workflow();
        Entity src = w.source();
        long rows = (long) SESSIONS * ROUNDS * ROWS;
        SeedPlan.Result seed = SeedPlan.of(ep, rows, 1, plan::entity, Long.toString(rows));
        Map<String, Integer> pools = WorkflowTests.pools(w);
        // tables it references would need rows of their own: the generated test file covers such a source alone
        if (!seed.problems().isEmpty() || seed.tables().size() != 1 || pools.isEmpty()
                || SeedPlan.capacity(src, rows) < rows) {
            return java.util.Optional.empty();
        }
        SeedPlan.Table t = seed.main();
        Map<String, String> poolSql = new LinkedHashMap<>();
        List<String> values = new ArrayList<>();
        for (int k = 0; k < src.fields().size(); k++) {
            Field f = src.fields().get(k);
            if (f.isGenerated()) {
                continue;
            }
            Gen g = t.gens().get(k);
            Integer pool = pools.get(f.name());
            if (pool != null) {
                values.add(g.sql("(" + WorkflowTests.POOL_BASE + " + i % " + pool + ")"));
                poolSql.put(f.name(), "SELECT " + g.sql("(" + WorkflowTests.POOL_BASE + " + p)")
                        + " FROM generate_series(0, " + (pool - 1) + ") AS p");
            } else {
                values.add(g.sql("i"));
            }
        }
        SourcePos pos = w.pos();
        String table = WorkflowTests.table(src);
        String block = "((" + ROUND + " - 1) * " + SESSIONS + " + " + SESSION + " - 1) * " + ROWS;
        String insert = "INSERT INTO " + table + " (" + String.join(", ", t.columns()) + ")"
                + (t.overriding() ? " OVERRIDING SYSTEM VALUE" : "") + "\nSELECT " + String.join(",\n       ", values)
                + "\n  FROM generate_series(" + block + " + 1, " + block + " + " + ROWS + ") AS s(i)\n ORDER BY random()";
        String queue = w.async() ? Sql.qualified(src.schema(), wp.names().queue()) : "";
        String process = w.async() ? Sql.qualified(src.schema(), wp.names().process()) : "";
        List<TestStep> setup = new ArrayList<>();
        List<TestStep> cleanup = new ArrayList<>();
        setup.add(new TestStep.Statement("DELETE FROM " + table, false, "start from an empty source", pos));
        cleanup.add(new TestStep.Statement("DELETE FROM " + table, false, "what the sessions inserted", pos));
        if (w.async()) {
            setup.add(new TestStep.Statement("DELETE FROM " + queue, false, "and an empty queue", pos));
            cleanup.add(new TestStep.Statement("DELETE FROM " + queue, false, "the queue", pos));
        }
        for (CompiledStep s : w.steps()) {
            String target = WorkflowTests.table(s.target());
            List<String> where = new ArrayList<>();
            for (KeyMatch k : s.key()) {
                String p = poolSql.get(k.source().name());
                if (p != null) {
                    where.add(Sql.ident(k.target().name()) + " IN (" + p + ")");
                }
            }
            String delete = "DELETE FROM " + target + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
            setup.add(new TestStep.Statement(delete, false, "no " + s.target().table() + " rows of the check's keys",
                    pos));
            cleanup.add(new TestStep.Statement(delete, false, "the " + s.target().table() + " rows the check made",
                    pos));
        }
        List<TestStep> session = new ArrayList<>();
        session.add(new TestStep.Statement(insert, false, ROWS + " rows over the same few keys of every target, in"
                + " random order", pos));
        if (w.async()) {
            session.add(new TestStep.Statement(process + "(" + BATCH + ")", true, "a processor claims a batch while"
                    + " the others insert and process", pos));
            session.add(new TestStep.Statement(process + "(" + BATCH + ")", true, "and another", pos));
        }
        List<TestStep> check = new ArrayList<>();
        check.add(new ViewStep.DiffHelper(pos));
        if (w.async()) {
            check.add(new ViewAssertion.LivesOk("DO $d$ BEGIN WHILE " + process + "(" + BATCH + ") > 0 LOOP END"
                    + " LOOP; END $d$", "drains what the sessions' processors left", pos));
            check.add(new ViewAssertion.Holds("NOT EXISTS (SELECT 1 FROM " + queue + ")", "the queue is empty",
                    pos));
        }
        check.add(new ViewAssertion.Returns("SELECT count(*) FROM " + table, rows + "::bigint", "every row of every"
                + " session is in " + src.table(), pos));
        for (CompiledStep s : w.steps()) {
            check.add(new ViewAssertion.SameRows(WorkflowTests.targetQuery(s, poolSql), WorkflowTests.definition(w, s,
                    poolSql), WorkflowTests.table(s.target()) + " equals its definition from " + src.table()
                            + " (step " + s.name() + ")", pos));
        }
        String what = w.async() ? "insert and run " + wp.names().process() + "(" + BATCH + ") at once"
                : "insert at once, each statement applying every step";
        return java.util.Optional.of(new SessionCheck(w.action() + "_concurrently", SESSIONS + " sessions " + what
                + ", over the same keys in random order; no errors, no deadlocks, targets exact", SESSIONS, ROUNDS,
                setup, session, check, cleanup, pos));
    }
}
