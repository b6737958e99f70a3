package dev.specgen.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * specgen's pgTAP subset and TapRunner on the embedded PostgreSQL. The fixture files are the ones
 * tests/pgtap/run-pg-prove.sh runs under real pgTAP; the {@code .tap} files next to them are real pgTAP 1.2's
 * output, which the subset must reproduce line for line.
 */
class LiveTapTest {
    static Database db;
    static String scratch;
    static TapInstaller.TapSetup setup;
    private Connection c;

    @BeforeAll
    static void prepare() throws SQLException {
        db = SharedEmbedded.get();
        scratch = db.createScratchDatabase();
        try (Connection c = db.connect(scratch)) {
            assertTrue(ScriptRunner.runScript(c, Fixtures.read("schema.sql")).ok());
            setup = db.installTap(c);
        }
    }

    @AfterAll
    static void drop() {
        if (scratch != null) {
            db.dropDatabase(scratch);
        }
    }

    @BeforeEach
    void connect() {
        c = db.connect(scratch);
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void installsTheBundledSubsetWherePgtapIsMissing() {
        assertEquals(new TapInstaller.TapSetup(db.run().schema(), false, TapInstaller.BUNDLED_VERSION), setup);
        assertEquals(setup, TapInstaller.ensure(c, setup.schema(), false), "second ensure finds the installed functions");
    }

    @Test
    void passAndFailPrintExactlyWhatPgtapPrints() {
        TapResult r = run("SELECT no_plan();\nSELECT pass('p');\nSELECT is(1, 2, 'd');\n"
                + "SELECT ok(NULL);\nSELECT * FROM finish();");
        assertEquals(List.of("ok 1 - p", "not ok 2 - d", "# Failed test 2: \"d\"", "#         have: 1",
                "#         want: 2", "not ok 3", "# Failed test 3", "#     (test result was NULL)", "1..3",
                "# Looks like you failed 2 tests of 3"), r.stream());
        assertEquals(3, r.planned());
        assertEquals(1, r.passed());
        assertEquals(2, r.failed());
        assertFalse(r.ok());
    }

    @Test
    void passingFixtureMatchesRealPgtap() {
        TapResult r = run(Fixtures.read("01_fixture_test.sql"));
        assertEquals(lines(Fixtures.read("01_fixture_test.tap")), r.stream());
        assertTrue(r.ok(), r.toString());
        assertEquals(16, r.passed());
    }

    @Test
    void failingFixtureMatchesRealPgtapLineForLine() {
        TapResult r = run(Fixtures.read("failing/01_failing_test.sql"));
        assertEquals(lines(Fixtures.read("failing/01_failing_test.tap")), r.stream());
        assertEquals(12, r.planned());
        assertEquals(1, r.passed());
        assertEquals(11, r.failed());
        TapLine second = r.failures().get(0);
        assertEquals(TapLine.Kind.NOT_OK, second.kind());
        assertEquals(2, second.number());
        assertEquals("arithmetic is broken on purpose", second.description());
        assertEquals(List.of("Failed test 2: \"arithmetic is broken on purpose\"", "        have: 2",
                "        want: 3"), second.diagnostics());
        TapLine last = r.lines().get(r.lines().size() - 1);
        assertEquals(TapLine.Kind.COMMENT, last.kind());
        assertEquals("Looks like you failed 11 tests of 12", last.description());
    }

    @Test
    void performsWithinPassesOnATrivialQuery() {
        TapResult r = run("SELECT plan(2);\n"
                + "SELECT performs_within('SELECT 1', 0, 50, 10, 'trivial query');\n"
                + "SELECT performs_within('SELECT 1', 10000, 1, 'far from ten seconds');\n"
                + "SELECT * FROM finish();");
        assertEquals("ok 1 - trivial query", r.stream().get(1));
        assertEquals("not ok 2 - far from ten seconds", r.stream().get(2));
        assertTrue(r.stream().get(4).startsWith("#  average runtime: "), r.stream().toString());
        assertEquals("#  desired average: 10000 +/- 1 ms", r.stream().get(5));
    }

    @Test
    void fileErrorsStopTheRunLikeOnErrorStop() {
        TapResult r = run("SELECT plan(2);\nSELECT pass('a');\n\nSELECT no_such_function();\n"
                + "SELECT pass('b');");
        TapResult.TapError e = r.error().orElseThrow();
        assertEquals(4, e.line());
        assertEquals("42883", e.sqlState());
        assertEquals(1, r.ran());
        assertFalse(r.ok());

        TapResult noPlan = run("SELECT pass('x');");
        assertEquals("You tried to run a test without a plan! Gotta have a plan",
                noPlan.error().orElseThrow().message());
        assertTrue(run("SELECT plan(1); SELECT pass('again');").ok(), "state reset between files");
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    private TapResult run(String sql) {
        return TapRunner.run(c, sql, setup);
    }
}
