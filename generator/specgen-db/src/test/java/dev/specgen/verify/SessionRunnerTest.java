package dev.specgen.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.db.Database;
import dev.specgen.db.SharedEmbedded;
import dev.specgen.db.TapInstaller;
import dev.specgen.db.TapLine;
import dev.specgen.db.TapResult;
import dev.specgen.diag.SourcePos;
import dev.specgen.render.RenderedSessionCheck;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The session runner on the embedded PostgreSQL: real concurrency, and each way a check can fail. */
class SessionRunnerTest {
    static Database db;
    static String scratch;
    static TapInstaller.TapSetup tap;

    @BeforeAll
    static void prepare() throws Exception {
        db = SharedEmbedded.get();
        scratch = db.createScratchDatabase();
        try (Connection c = db.connect(scratch)) {
            tap = db.installTap(c);
        }
    }

    @AfterAll
    static void drop() {
        if (scratch != null) {
            db.dropDatabase(scratch);
        }
    }

    static RenderedSessionCheck check(String name, int sessions, int rounds, String setup, String session,
            String check, int checkTests, String cleanup) {
        return new RenderedSessionCheck("Counter", "app/tests/01_counter_sessions.sql", name, "a test check",
                sessions, rounds, setup, session, check, checkTests, cleanup, new SourcePos("specs/a.yaml", 1, 1));
    }

    static TapResult run(RenderedSessionCheck c, Duration timeout) {
        return new SessionRunner(db, scratch, tap.searchPath(), timeout).run(c);
    }

    static final String SETUP = "CREATE TABLE public.counter (id integer PRIMARY KEY, n integer NOT NULL);\n"
            + "INSERT INTO public.counter SELECT g, 0 FROM generate_series(1, 4) g;";
    static final String CLEANUP = "DROP TABLE public.counter;";

    @Test
    void concurrentIncrementsAreAllCountedAndTheCheckSeesThem() {
        TapResult r = run(check("increments", 4, 25, SETUP,
                "UPDATE public.counter SET n = n + 1 WHERE id = current_setting('specgen.round')::int % 4 + 1;",
                "SELECT \"is\"((SELECT sum(n) FROM public.counter)::int, 100, 'every increment counted');", 1,
                CLEANUP), Duration.ofSeconds(60));
        assertTrue(r.ok(), () -> String.join("\n", r.stream()));
        assertEquals(3, r.planned());
        assertEquals(List.of("4 sessions x 25 rounds of increments: every round ran without error",
                "4 sessions x 25 rounds of increments: no deadlock", "every increment counted"),
                r.tests().stream().map(TapLine::description).toList());
        assertTrue(tableGone(), "cleanup ran");
    }

    @Test
    void theSessionsReallyRunAtTheSameTime() {
        // each session waits until all of them are inside: only possible when they run concurrently
        TapResult r = run(check("rendezvous", 3, 1, "CREATE TABLE public.arrived (s integer);", """
                INSERT INTO public.arrived VALUES (current_setting('specgen.session')::int);
                DO $$BEGIN
                  FOR k IN 1..200 LOOP
                    EXIT WHEN (SELECT count(*) FROM public.arrived) = 3;
                    PERFORM pg_sleep(0.05);
                  END LOOP;
                  IF (SELECT count(*) FROM public.arrived) <> 3 THEN RAISE EXCEPTION 'alone'; END IF;
                END$$;""", "", 0, "DROP TABLE public.arrived;"), Duration.ofSeconds(60));
        assertTrue(r.ok(), () -> String.join("\n", r.stream()));
    }

    @Test
    void aDeadlockFailsTheCheckAndIsNamed() {
        String session = """
                BEGIN;
                UPDATE public.counter SET n = n + 1 WHERE id = current_setting('specgen.session')::int;
                SELECT pg_sleep(0.5);
                UPDATE public.counter SET n = n + 1 WHERE id = 3 - current_setting('specgen.session')::int;
                COMMIT;""";
        TapResult r = run(check("crossed", 2, 1, SETUP, session, "", 0, CLEANUP), Duration.ofSeconds(60));
        assertFalse(r.ok());
        TapLine deadlock = r.tests().get(1);
        assertEquals(TapLine.Kind.NOT_OK, deadlock.kind());
        assertTrue(String.join("\n", r.stream()).contains("deadlock detected (40P01)"),
                () -> String.join("\n", r.stream()));
        // the round's error is a diagnostic of the failed test, so that a report of the failure shows it
        assertTrue(r.tests().get(0).diagnostics().stream().anyMatch(d -> d.matches(
                "session [12], round 1: deadlock detected \\(40P01\\)")), () -> r.tests().get(0).toString());
        assertEquals(List.of("1 rounds ended in a deadlock (40P01)"), deadlock.diagnostics().stream()
                .filter(d -> d.contains("rounds ended")).toList());
        assertTrue(tableGone(), "cleanup ran after a failure");
    }

    @Test
    void aFailingAssertionOfTheCheckFailsIt() {
        TapResult r = run(check("wrong", 2, 2, SETUP,
                "UPDATE public.counter SET n = n + 1 WHERE id = 1;",
                "SELECT \"is\"((SELECT n FROM public.counter WHERE id = 1), 5, 'n is 5');", 1, CLEANUP),
                Duration.ofSeconds(60));
        assertFalse(r.ok());
        assertEquals(1, r.failed());
        assertEquals("n is 5", r.failures().get(0).description());
    }

    @Test
    void aSessionThatRunsTooLongFailsTheCheck() {
        TapResult r = run(check("slow", 2, 1, SETUP, "SELECT pg_sleep(30);", "", 0, CLEANUP), Duration.ofSeconds(1));
        assertFalse(r.ok());
        assertEquals(TapLine.Kind.NOT_OK, r.tests().get(0).kind());
        assertTrue(String.join("\n", r.stream()).contains("(57014)"), () -> String.join("\n", r.stream()));
    }

    @Test
    void aFailingSetupFailsTheCheckWithoutRunningSessions() {
        TapResult r = run(check("nosetup", 2, 1, "SELECT no_such_function();", "SELECT 1;", "", 0, ""),
                Duration.ofSeconds(10));
        assertFalse(r.ok());
        assertTrue(String.join("\n", r.stream()).contains("SETUP: function no_such_function() does not exist"),
                () -> String.join("\n", r.stream()));
    }

    private static boolean tableGone() {
        try (Connection c = db.connect(scratch); var st = c.createStatement();
                var rs = st.executeQuery("SELECT to_regclass('public.counter') IS NULL")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
