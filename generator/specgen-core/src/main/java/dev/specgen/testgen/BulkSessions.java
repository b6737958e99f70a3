package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Action;
import dev.specgen.model.BulkShape;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Session checks of the generated bulk functions: {@value #SESSIONS} connections call one function at the same
 * moment, {@value #ROUNDS} rounds each, on overlapping keys in random order; then no round may have failed or
 * deadlocked and the table must hold exactly what the calls add up to.
 * <ul>
 * <li>insert: the sessions insert interleaved keys (each key by one session; two inserts of one key are a unique
 * violation by definition) into the same partitions and index pages;</li>
 * <li>upsert: every session upserts every key, with values of its own: exactly one row per key remains;</li>
 * <li>delete: each session deletes two of the {@value #SESSIONS} interleaved key classes, overlapping its neighbours:
 * the table ends empty;</li>
 * <li>replace: each session replaces half of the parents (overlapping the others) with a child set of its own:
 * every parent ends with exactly one session's set.</li>
 * </ul>
 */
final class BulkSessions {
    static final int SESSIONS = 8;
    static final int ROUNDS = 3;
    /** Keys per round (insert), keys in all (upsert, delete). */
    static final int KEYS = 400;
    static final int PARENTS = 8;
    static final int CHILDREN = 5;
    static final long REFERENCED_ROWS = 20;

    private static final String SESSION = "current_setting('specgen.session')::integer";
    private static final String ROUND = "current_setting('specgen.round')::integer";

    private final Entity e;
    private final String table;
    private final List<Gen> gens;
    private final List<TestStep> setupReferenced = new ArrayList<>();
    private final List<TestStep> cleanupReferenced = new ArrayList<>();

    private BulkSessions(Entity e, List<Gen> gens) {
        this.e = e;
        this.table = Sql.qualified(e.schema(), e.table());
        this.gens = gens;
    }

    static List<SessionCheck> of(EntityPlan ep, Function<String, Optional<EntityPlan>> entities) {
        Entity e = ep.entity();
        if (e.bulkActions().isEmpty()) {
            return List.of();
        }
        long rows = (long) KEYS * ROUNDS;
        SeedPlan.Result seed = SeedPlan.of(ep, rows, REFERENCED_ROWS, entities, Long.toString(rows));
        if (!seed.problems().isEmpty() || SeedPlan.capacity(e, rows) < rows) {
            return List.of();
        }
        BulkSessions s = new BulkSessions(e, seed.main().gens());
        s.referenced(seed);
        List<SessionCheck> out = new ArrayList<>();
        for (Action.Bulk a : e.bulkActions()) {
            out.add(s.check(a));
        }
        return out;
    }

    private void referenced(SeedPlan.Result seed) {
        List<SeedPlan.Table> others = seed.tables().subList(0, seed.tables().size() - 1);
        for (SeedPlan.Table t : others) {
            Entity te = t.plan().entity();
            String fn = "pg_temp.specgen_seed_" + te.schema() + "_" + te.table();
            setupReferenced.add(new TestStep.SeedFunction(fn, Sql.qualified(te.schema(), te.table()),
                    t.columns(), t.values("i"), t.overriding(), !te.features().triggers().isEmpty(), List.of(), te.pos()));
            setupReferenced.add(new TestStep.Statement(fn + "(" + t.rows() + ")", true, "rows that foreign keys of "
                    + e.table() + " point at", te.pos()));
        }
        for (int i = others.size() - 1; i >= 0; i--) {
            Entity te = others.get(i).plan().entity();
            cleanupReferenced.add(new TestStep.Statement("DELETE FROM " + Sql.qualified(te.schema(), te.table()),
                    false, "the referenced rows setup added", te.pos()));
        }
    }

    private SessionCheck check(Action.Bulk a) {
        BulkShape shape = BulkShape.of(e, a);
        String fn = Sql.qualified(e.schema(), a.name());
        SourcePos pos = a.pos();
        List<TestStep> setup = new ArrayList<>();
        setup.add(new TestStep.Statement("DELETE FROM " + table, false, "start from an empty table", pos));
        setup.addAll(setupReferenced);
        List<TestStep> session = new ArrayList<>();
        List<TestStep> check = new ArrayList<>();
        String what;
        switch (a.operation()) {
            case INSERT -> {
                String keys = "generate_series((" + ROUND + " - 1) * " + KEYS + " + 1, " + ROUND + " * " + KEYS
                        + ") AS s(i) WHERE i % " + SESSIONS + " = " + SESSION + " - 1";
                session.add(call(fn, shape, shape.parameters(e), keys, "i"));
                long total = (long) KEYS * ROUNDS;
                check.add(count("(SELECT count(*) FROM " + table + ")", total, "every row of every session is there"
                        + " once", pos));
                if (!shape.key().isEmpty()) {
                    check.add(count(present(shape.key(), "generate_series(1, " + total + ") AS s(i)", "i"), total,
                            "with the keys the sessions gave", pos));
                }
                what = "inserts of interleaved keys into the same partitions and index pages";
            }
            case UPSERT -> {
                String keys = "generate_series(1, " + KEYS + ") AS s(i)";
                // values of its own per session: the row (i + KEYS * session) for every column not matched on
                String other = "(i + " + KEYS + " * (" + SESSION + " - 1))";
                session.add(call(fn, shape, shape.parameters(e), keys, other));
                check.add(count("(SELECT count(*) FROM " + table + ")", KEYS, "one row per key", pos));
                check.add(count(present(shape.key(), keys, "i"), KEYS, "every key the sessions upserted", pos));
                what = "upserts of the same keys with values of their own, in random order";
            }
            case DELETE -> {
                List<Field> stored = e.fields().stream().filter(f -> f.identity() != Field.Identity.ALWAYS
                        && !f.isGenerated()).toList();
                setup.add(new TestStep.Statement(insertSeries(stored, "generate_series(1, " + KEYS + ") AS s(i)"),
                        false, KEYS + " rows to delete", pos));
                String keys = "generate_series(1, " + KEYS + ") AS s(i) WHERE i % " + SESSIONS + " IN (" + SESSION
                        + " - 1, " + SESSION + " % " + SESSIONS + ")";
                session.add(call(fn, shape, shape.parameters(e), keys, "i"));
                check.add(count("(SELECT count(*) FROM " + table + ")", 0, "every row is deleted", pos));
                what = "deletes of overlapping key sets in random order";
            }
            case REPLACE -> {
                replace(fn, shape, session, check, pos);
                what = "replaces of overlapping parents, each session with a child set of its own";
            }
            default -> throw new IllegalStateException(a.operation().toString());
        }
        List<TestStep> cleanup = new ArrayList<>();
        cleanup.add(new TestStep.Statement("DELETE FROM " + table, false, "what the sessions wrote", pos));
        cleanup.addAll(cleanupReferenced);
        return new SessionCheck(a.name() + "_concurrently", SESSIONS + " sessions call " + a.name() + ": "
                + what + "; no errors, no deadlocks, the exact final state", SESSIONS, ROUNDS, setup, session,
                check, cleanup, pos);
    }

    private void replace(String fn, BulkShape shape, List<TestStep> session, List<TestStep> check, SourcePos pos) {
        // parent p (row p's parent key) x child j of the session's block: (session - 1) * CHILDREN + 1 ..
        String parents = "generate_series(1, " + PARENTS + ") AS p(p) CROSS JOIN generate_series((" + SESSION
                + " - 1) * " + CHILDREN + " + 1, " + SESSION + " * " + CHILDREN + ") AS s(i) WHERE (p + " + SESSION
                + " + " + ROUND + ") % 2 = 0";
        List<Field> params = shape.parameters(e);
        String args = params.stream().map(f -> Sql.ident("p_" + f.name()) + " => array_agg("
                + value(f, shape.parentKey().contains(f) ? "p" : "i") + " ORDER BY x.r)")
                .collect(Collectors.joining(", "));
        session.add(new TestStep.Statement("SELECT " + fn + "(" + args + ") FROM (SELECT p, i, random() AS r FROM "
                + parents + ") AS x", false, "half of the parents, each child from the session's own block, in"
                        + " random order", pos));
        List<String> ofParent = new ArrayList<>();
        for (Field f : shape.parentKey()) {
            ofParent.add("t." + Sql.ident(f.name()) + " = " + typed(f, "p.p"));
        }
        List<String> child = new ArrayList<>(ofParent);
        for (Field f : shape.key()) {
            child.add("t." + Sql.ident(f.name()) + " = " + typed(f, "j.i"));
        }
        String exact = "(SELECT count(*) FROM generate_series(1, " + PARENTS + ") AS p(p) WHERE (SELECT count(*) FROM "
                + table + " AS t WHERE " + String.join(" AND ", ofParent) + ") = " + CHILDREN + " AND EXISTS (SELECT 1"
                + " FROM generate_series(1, " + SESSIONS + ") AS b(b) WHERE (SELECT count(*) FROM generate_series((b.b"
                + " - 1) * " + CHILDREN + " + 1, b.b * " + CHILDREN + ") AS j(i) WHERE EXISTS (SELECT 1 FROM " + table
                + " AS t WHERE " + String.join(" AND ", child) + ")) = " + CHILDREN + "))";
        check.add(count(exact, PARENTS, "every parent has exactly the children of one session's call", pos));
    }

    /** {@code SELECT fn(p_a => array_agg(<a of row> ORDER BY x.r), ...) FROM (SELECT i, random() AS r FROM ...)}. */
    private TestStep call(String fn, BulkShape shape, List<Field> params, String series, String otherRow) {
        String args = params.stream().map(f -> Sql.ident("p_" + f.name()) + " => array_agg(" + value(f,
                shape.key().contains(f) || shape.parentKey().contains(f) ? "i" : otherRow) + " ORDER BY x.r)")
                .collect(Collectors.joining(", "));
        return new TestStep.Statement("SELECT " + fn + "(" + args + ") FROM (SELECT i, random() AS r FROM " + series
                + ") AS x", false, "this session's rows, in random order", e.pos());
    }

    private String insertSeries(List<Field> cols, String series) {
        return "INSERT INTO " + table + " (" + cols.stream().map(f -> Sql.ident(f.name()))
                .collect(Collectors.joining(", ")) + ") SELECT " + cols.stream().map(f -> typed(f, "i"))
                .collect(Collectors.joining(", ")) + " FROM " + series;
    }

    /** How many of the rows {@code series} names have a row with their key values. */
    private String present(List<Field> key, String series, String row) {
        return "(SELECT count(*) FROM " + series + " WHERE EXISTS (SELECT 1 FROM " + table + " AS t WHERE "
                + key.stream().map(f -> "t." + Sql.ident(f.name()) + " = " + typed(f, row))
                .collect(Collectors.joining(" AND ")) + "))";
    }

    /** Column {@code f}'s value for the row expression {@code row}, in the form its parameter takes. */
    private String value(Field f, String row) {
        String v = typed(f, row);
        return dev.specgen.model.BulkShape.asText(f.type()) ? v + "::text" : v;
    }

    /** Column {@code f}'s value for the row expression {@code row}, of the column's type. */
    private String typed(Field f, String row) {
        return "(" + gens.get(e.fields().indexOf(f)).sql(row) + ")::" + f.type().sql();
    }

    private static BulkAssertion.Returns count(String query, long expected, String description, SourcePos pos) {
        return new BulkAssertion.Returns(query, expected + "::bigint", description, pos);
    }
}
