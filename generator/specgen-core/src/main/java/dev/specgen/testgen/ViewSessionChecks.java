package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.MaterializedView.Refresh;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.plan.ViewPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Session checks of the views kept incrementally or immediately over an entity's table (what one session cannot
 * show): writers keep writing while refreshes run, and afterwards the view holds exactly what its query returns
 * (no change lost between capture and merge, none applied twice); for an immediate view, a writer of one group does
 * not wait for a writer of another that holds its transaction open (the view is never locked as a whole).
 *
 * <p>Every row a check writes is numbered like the generated tests' rows ({@code i}): setup rows 1..{@value #ROWS},
 * session s in round r rows from s * 100000 + r * 1000, so sessions never write the same row, and cleanup deletes
 * exactly those rows (by key), never anything else of the table's.
 */
final class ViewSessionChecks {
    static final int ROWS = 1000;
    static final int SESSIONS = 4;
    static final int ROUNDS = 20;
    /** Rows a writer inserts per round; it moves 2 of them and deletes 1. Small: the last refresh stays incremental. */
    static final int PER_ROUND = 5;

    private ViewSessionChecks() {
    }

    static List<SessionCheck> of(EntityPlan ep, SchemaPlan plan) {
        List<SessionCheck> out = new ArrayList<>();
        for (ViewPlan vp : plan.views()) {
            if (!vp.view().tableBacked() || vp.view().aggregate().map(s -> !s.fact().entity().name()
                    .equals(ep.entity().name())).orElse(true)) {
                continue;
            }
            Optional<ViewTests.Seeding> seeding = ViewTests.seeding(vp, plan, ROWS);
            Entity fact = ep.entity();
            if (seeding.isEmpty() || fact.primaryKey().isEmpty()) {
                continue;
            }
            out.add(writersDuringRefresh(vp, seeding.get(), fact));
            if (vp.view().strategy() == Refresh.IMMEDIATE) {
                out.add(otherGroupsDoNotWait(vp, seeding.get(), fact));
            }
        }
        return out;
    }

    private static String q(ViewPlan vp, String name) {
        return Sql.qualified(vp.schema(), name);
    }

    /** {@code INSERT ... SELECT} of the rows {@code from .. to} (SQL expressions) of one table. */
    private static String insert(ViewStep.RowsFunction t, String from, String to, long n) {
        return "INSERT INTO " + t.table() + " (" + String.join(", ", t.columns()) + ")"
                + (t.overriding() ? " OVERRIDING SYSTEM VALUE" : "") + "\nSELECT " + String.join(",\n       ",
                        t.selectList()) + "\n  FROM (SELECT " + n + " AS n) AS specgen_span,"
                + " generate_series(" + from + ", " + to + ") AS s(i)";
    }

    /** The value of the fact's first key column in row i (the expression its rows function uses). */
    private static Optional<String> keyOf(ViewStep.RowsFunction t, Entity fact) {
        String first = Sql.ident(fact.primaryKey().get(0).name());
        int k = t.columns().indexOf(first);
        return k < 0 ? Optional.empty() : Optional.of(t.values().get(k));
    }

    private static final String SESSION = "current_setting('specgen.session')::int";
    private static final String ROUND = "current_setting('specgen.round')::int";

    private static SessionCheck writersDuringRefresh(ViewPlan vp, ViewTests.Seeding seeding, Entity fact) {
        SourcePos pos = vp.view().view().pos();
        boolean deferred = vp.view().strategy() == Refresh.INCREMENTAL;
        ViewStep.RowsFunction factRows = seeding.tables().get(seeding.tables().size() - 1);
        String key = keyOf(factRows, fact).orElseThrow();
        String base = "(" + SESSION + " * 100000 + " + ROUND + " * 1000)";
        String refresh = q(vp, vp.refresh()) + "()";

        List<TestStep> setup = new ArrayList<>();
        for (ViewStep.RowsFunction t : seeding.tables()) {
            long rows = seeding.rows().get(t.table());
            setup.add(new ViewStep.Run(insert(t, "1", Long.toString(rows), rows), "the starting rows of "
                    + t.table(), pos));
        }
        setup.add(new ViewStep.Run("SELECT " + refresh, "the view holds them", pos));

        List<TestStep> session = new ArrayList<>();
        String writer = SESSION + " > 1";
        session.add(new ViewStep.Run(insert(factRows, base, base + " + " + (PER_ROUND - 1), ROWS) + "\n WHERE "
                + writer, "writers (sessions 2..): rows of their own", pos));
        Optional<Field> moved = fact.fields().stream().filter(f -> !f.primaryKey() && !f.unique()
                && !fact.inPrimaryKey(f) && !fact.referencing(f)
                && f.identity() == Field.Identity.NONE && groupColumn(vp, f)).findFirst();
        String own = Sql.ident(fact.primaryKey().get(0).name()) + " IN (SELECT " + key + " FROM generate_series("
                + base + ", " + base + " + 1) AS s(i))";
        moved.ifPresent(f -> session.add(new ViewStep.Run("UPDATE " + factRows.table() + " SET " + Sql.ident(f.name())
                + " = (SELECT x." + Sql.ident(f.name()) + " FROM " + factRows.table() + " AS x ORDER BY random() LIMIT"
                + " 1)\n WHERE " + own + " AND " + writer, "... move some of them to another group", pos)));
        String gone = Sql.ident(fact.primaryKey().get(0).name()) + " IN (SELECT " + key + " FROM generate_series("
                + base + " + 2, " + base + " + 2) AS s(i))";
        session.add(new ViewStep.Run("DELETE FROM " + factRows.table() + " WHERE " + gone + " AND " + writer,
                "... and delete some", pos));
        if (deferred) {
            // in every other round of the first half a full recompute: it must consume exactly the changes its
            // snapshot saw. Only incremental ones in the second half: a later full one would repair a lost change
            session.add(new ViewStep.Run(vp.markFullSql("'session check: a full recompute while writers write'")
                    .orElseThrow() + "\n WHERE " + SESSION + " = 1 AND " + ROUND + " % 2 = 0 AND " + ROUND + " <= "
                    + ROUNDS / 2, "session 1 marks a full recompute due in every other round of the first half, as a"
                            + " TRUNCATE would", pos));
            session.add(new ViewStep.Run("SELECT " + refresh + " WHERE " + SESSION + " = 1", "session 1 refreshes"
                    + " while they write (incrementally, or in full)", pos));
        }

        List<TestStep> check = new ArrayList<>();
        check.add(new ViewStep.DiffHelper(pos));
        if (deferred) {
            // the pending changes are applied one by one however many the writers left: a full recompute would
            // repair a lost change and hide it (the refreshes during the rounds may be full: a change one of them
            // lost, nothing after it repairs)
            String log = q(vp, vp.log());
            String view = Sql.literal(vp.relation());
            check.add(new ViewStep.Run("SELECT set_config('specgen.refresh_strategy', 'incremental', false),"
                    + " set_config('specgen.log_before', (SELECT coalesce(max(l.id), 0) FROM " + log + " AS l WHERE"
                    + " l.view_name = " + view + ")::text, false)", "the last refresh applies what is pending one by"
                            + " one (specgen.refresh_strategy = incremental)", pos));
            check.add(new ViewAssertion.LivesOk("SELECT " + refresh, "a last refresh after the writers finished",
                    pos));
            check.add(new ViewStep.Run("SELECT set_config('specgen.refresh_strategy', '', false)", "", pos));
            check.add(new ViewAssertion.Holds("SELECT NOT EXISTS (SELECT 1 FROM " + log + " AS l WHERE l.view_name = "
                    + view + " AND l.id > current_setting('specgen.log_before')::bigint AND l.strategy <> 'incremental')",
                    "... and it did not recompute in full (which would hide a lost change)", pos));
        }
        check.add(new ViewAssertion.SameRows(q(vp, vp.relation()), vp.view().selectSql(), vp.relation() + " holds"
                + " exactly what its query returns: no write was lost or applied twice", pos));
        vp.pendingCountSql().ifPresent(sql -> check.add(new ViewAssertion.Returns(sql, "0::bigint",
                "nothing is left pending in " + vp.delta().orElseThrow(), pos)));

        List<TestStep> cleanup = new ArrayList<>();
        String sessionKeys = "SELECT " + key + " FROM generate_series(1, " + SESSIONS + ") AS ss(s),"
                + " generate_series(1, " + ROUNDS + ") AS rr(r), generate_series(ss.s * 100000 + rr.r * 1000,"
                + " ss.s * 100000 + rr.r * 1000 + " + (PER_ROUND - 1) + ") AS s(i)";
        cleanup.add(new ViewStep.Run("DELETE FROM " + factRows.table() + " WHERE " + Sql.ident(fact.primaryKey().get(0)
                .name()) + " IN (SELECT " + key + " FROM generate_series(1, " + ROWS + ") AS s(i) UNION ALL "
                + sessionKeys + ")", "exactly the rows the check wrote", pos));
        for (int k = seeding.tables().size() - 2; k >= 0; k--) {
            ViewStep.RowsFunction t = seeding.tables().get(k);
            Optional<String[]> tkey = firstKey(t, seeding, plan(vp, t));
            long rows = seeding.rows().get(t.table());
            tkey.ifPresent(tk -> cleanup.add(new ViewStep.Run("DELETE FROM " + t.table() + " WHERE " + tk[0]
                    + " IN (SELECT " + tk[1] + " FROM generate_series(1, " + rows + ") AS s(i))", "and of "
                            + t.table(), pos)));
        }
        cleanup.add(new ViewStep.Run("SELECT " + refresh, "the view forgets them", pos));
        return new SessionCheck(vp.relation() + "_writers_during_refresh", (deferred ? "writers keep writing"
                + " while refresh_" : "writers keep writing to ") + vp.relation() + (deferred ? "() runs" : "'s tables")
                + "; afterwards the view equals its query", SESSIONS, ROUNDS, setup, session, check, cleanup, pos);
    }

    /** Placeholder: entities other than the fact are cleaned by their first key column when they have one. */
    private static Optional<String[]> firstKey(ViewStep.RowsFunction t, ViewTests.Seeding seeding,
            Optional<Entity> e) {
        if (e.isEmpty() || e.get().primaryKey().isEmpty()) {
            return Optional.empty();
        }
        String col = Sql.ident(e.get().primaryKey().get(0).name());
        int k = t.columns().indexOf(col);
        return k < 0 ? Optional.empty() : Optional.of(new String[] {col, t.values().get(k)});
    }

    private static Optional<Entity> plan(ViewPlan vp, ViewStep.RowsFunction t) {
        return vp.view().aggregate().flatMap(s -> s.sources().stream().filter(e -> Sql.qualified(e.schema(),
                e.table()).equals(t.table())).findFirst());
    }

    private static boolean groupColumn(ViewPlan vp, Field f) {
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("(?<![A-Za-z0-9_$])"
                + java.util.regex.Pattern.quote(f.name()) + "(?![A-Za-z0-9_$])");
        return vp.view().aggregate().map(s -> s.groups().stream().anyMatch(g -> word.matcher(g.sql()).find()))
                .orElse(false);
    }

    /**
     * Immediate: session 1 writes a row of one group and keeps its transaction open; session 2 meanwhile writes a
     * row of another group. Session 2 must not wait for session 1 (an exclusive lock on the view, as pg_ivm takes,
     * would make it wait the whole sleep).
     */
    private static SessionCheck otherGroupsDoNotWait(ViewPlan vp, ViewTests.Seeding seeding, Entity fact) {
        SourcePos pos = vp.view().view().pos();
        ViewStep.RowsFunction factRows = seeding.tables().get(seeding.tables().size() - 1);
        String times = q(vp, "specgen_session_waits");
        List<TestStep> setup = new ArrayList<>();
        for (ViewStep.RowsFunction t : seeding.tables().subList(0, seeding.tables().size() - 1)) {
            long rows = seeding.rows().get(t.table());
            setup.add(new ViewStep.Run(insert(t, "1", Long.toString(rows), rows), "the rows the fact rows reference",
                    pos));
        }
        setup.add(new ViewStep.Run("CREATE TABLE " + times + " (session int, waited interval)", "how long each"
                + " writer's statement took", pos));
        // rows 1 and 2 fall into different groups (every group column cycles with the row number)
        String row = "(900000 + " + SESSION + ")";
        List<TestStep> session = new ArrayList<>();
        session.add(new ViewStep.Run("BEGIN", "one transaction per session", pos));
        session.add(new ViewStep.Run("SELECT pg_sleep(CASE WHEN " + SESSION + " = 2 THEN 0.3 ELSE 0 END)",
                "session 2 starts once session 1 holds its group's row", pos));
        session.add(new ViewStep.Run("SELECT set_config('specgen.t0', clock_timestamp()::text, true)", "", pos));
        session.add(new ViewStep.Run(insert(factRows, row, row, ROWS), "one row, of a group of its own", pos));
        session.add(new ViewStep.Run("INSERT INTO " + times + " VALUES (" + SESSION + ", clock_timestamp() -"
                + " current_setting('specgen.t0')::timestamptz)", "", pos));
        session.add(new ViewStep.Run("SELECT pg_sleep(CASE WHEN " + SESSION + " = 1 THEN 1.5 ELSE 0 END)",
                "session 1 keeps its transaction open", pos));
        session.add(new ViewStep.Run("COMMIT", "", pos));
        List<TestStep> check = new ArrayList<>();
        check.add(new ViewAssertion.Holds("SELECT max(waited) < interval '0.75 seconds' FROM " + times
                + " WHERE session = 2", "a writer of another group did not wait for the open transaction", pos));
        List<TestStep> cleanup = new ArrayList<>();
        String firstKey = Sql.ident(fact.primaryKey().get(0).name());
        String key = keyOf(factRows, fact).orElseThrow();
        cleanup.add(new ViewStep.Run("DELETE FROM " + factRows.table() + " WHERE " + firstKey + " IN (SELECT " + key
                + " FROM generate_series(900001, 900002) AS s(i))", "exactly the rows the check wrote", pos));
        for (int k = seeding.tables().size() - 2; k >= 0; k--) {
            ViewStep.RowsFunction t = seeding.tables().get(k);
            long rows = seeding.rows().get(t.table());
            firstKey(t, seeding, plan(vp, t)).ifPresent(tk -> cleanup.add(new ViewStep.Run("DELETE FROM "
                    + t.table() + " WHERE " + tk[0] + " IN (SELECT " + tk[1] + " FROM generate_series(1, " + rows
                    + ") AS s(i))", "and of " + t.table(), pos)));
        }
        cleanup.add(new ViewStep.Run("DROP TABLE IF EXISTS " + times, "", pos));
        return new SessionCheck(vp.relation() + "_other_groups_do_not_wait", "a writer of one group of "
                + vp.relation() + " does not wait for an open transaction that wrote another group", 2, 1, setup,
                session, check, cleanup, pos);
    }
}
