package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --db-url ... --in-place} on a database that already has things in it: it must leave the user's
 * objects, rows and statistics as they were (no tap schema of specgen's, no seeded rows, no ANALYZE), report the
 * drift it finds in the objects it owns, give up on a lock after --lock-timeout, and leave nothing behind when it
 * fails, CREATE INDEX CONCURRENTLY or not.
 */
class InPlaceTest {
    static EmbeddedPostgres pg;
    static String url;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("jit", "off").start();
        url = pg.getJdbcUrl("postgres", "postgres");
    }

    @AfterAll
    static void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    static final String EVENTS = """
            entity: Event
            schema: %s
            fields:
              id: {type: bigint, nullable: false}
              at: {type: timestamp, nullable: false}
              kind: {type: text}
            primary_key: [id, at]
            indexes:
              - {name: %s_kind, columns: [kind]}
            partitioning: {strategy: range, column: at, interval: monthly, from: 2024-01-01, to: 2024-03-01}
            performance_hints: [{seed_rows: 500}]
            """;

    @Test
    void leavesTheUsersTapSchemaRowsAndStatisticsAsTheyWere(@TempDir Path tmp) throws Exception {
        exec("CREATE SCHEMA tap",
                "CREATE FUNCTION tap.plan(integer) RETURNS text LANGUAGE sql AS $$ SELECT 'the user''s plan' $$",
                "CREATE FUNCTION tap.ok(boolean, text) RETURNS text LANGUAGE sql AS $$ SELECT 'the user''s ok' $$",
                "CREATE FUNCTION tap.diag(text) RETURNS text LANGUAGE sql AS $$ SELECT 'the user''s diag' $$");
        String tapBefore = query("SELECT string_agg(md5(pg_get_functiondef(p.oid)), ',' ORDER BY p.proname) "
                + "FROM pg_proc p WHERE p.pronamespace = 'tap'::regnamespace");
        Path spec = spec(tmp, EVENTS.formatted("inplace9", "inplace9"));
        CliTest.Run first = CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place");
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("ok   inplace9.event  applied, 22/22 tests passed"), first.out());
        assertEquals(tapBefore, query("SELECT string_agg(md5(pg_get_functiondef(p.oid)), ',' ORDER BY p.proname) "
                + "FROM pg_proc p WHERE p.pronamespace = 'tap'::regnamespace"), "the user's tap functions changed");
        assertEquals("0", query("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'specgen%'"), "left a schema");
        // no seeded rows, no ANALYZE: nothing in the statistics says a test ran on the user's table
        assertEquals("-1 0 0 0", stats("inplace9.event_p2024_01"));

        exec("INSERT INTO inplace9.event VALUES (1, '2024-01-05', 'mine'), (2, '2024-02-05', 'mine')",
                "ANALYZE inplace9.event");
        String before = stats("inplace9.event_p2024_01");
        CliTest.Run again = CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place", "--format", "tap");
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("ok 17 - inplace9.event: # SKIP seeded tests turned off (specgen.seeded_tests"
                + " = off)\n"), again.out());
        assertEquals(before, stats("inplace9.event_p2024_01"), "statistics changed");
        assertEquals("2", query("SELECT count(*) FROM inplace9.event"));
        exec("DROP SCHEMA inplace9 CASCADE", "DROP SCHEMA tap CASCADE");
    }

    @Test
    void driftInTheUsersDatabaseIsReportedAsSuch(@TempDir Path tmp) throws Exception {
        exec("CREATE SCHEMA inplace10",
                "CREATE TABLE inplace10.event (id bigint NOT NULL, at timestamp NOT NULL, kind text, extra integer, "
                        + "CONSTRAINT event_pkey PRIMARY KEY (id, at)) PARTITION BY RANGE (at)");
        Path spec = spec(tmp, EVENTS.formatted("inplace10", "inplace10"));
        CliTest.Run r = CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place");
        assertEquals(4, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(spec + ":1:9: error SG404: column event.extra (integer) is in the database but "
                + "not in the spec\n  hint: the database had this before the apply, and CREATE ... IF NOT EXISTS "
                + "leaves existing objects as they are"), r.err());
        exec("DROP SCHEMA inplace10 CASCADE");
    }

    /**
     * A table-level foreign key is compared by its whole definition: a key that exists without the spec's action,
     * DEFERRABLE or NOT VALID is drift, reported at the key's item in foreign_keys:.
     */
    @Test
    void aCompositeForeignKeyDifferingInActionDeferrabilityOrValidityIsDrift(@TempDir Path tmp) throws Exception {
        exec("CREATE SCHEMA inplace20",
                "CREATE TABLE inplace20.parent (id bigint NOT NULL, k integer NOT NULL,"
                        + " CONSTRAINT parent_pkey PRIMARY KEY (id, k))",
                "CREATE TABLE inplace20.child (id bigint NOT NULL, pid bigint, pk integer,"
                        + " CONSTRAINT child_pkey PRIMARY KEY (id),"
                        + " CONSTRAINT child_parent_fk FOREIGN KEY (pid, pk) REFERENCES inplace20.parent (id, k),"
                        + " CONSTRAINT child_pk_pid_fkey FOREIGN KEY (pk, pid) REFERENCES inplace20.parent (k, id))");
        Path spec = spec(tmp, """
                entity: Parent
                schema: inplace20
                fields:
                  id: {type: bigint, nullable: false}
                  k: {type: integer, nullable: false}
                primary_key: [id, k]
                ---
                entity: Child
                schema: inplace20
                fields:
                  id: {type: bigint, primary_key: true}
                  pid: bigint
                  pk: integer
                foreign_keys:
                  - name: child_parent_fk
                    columns: [pid, pk]
                    references: {entity: Parent}
                    on_delete: cascade
                    deferrable: initially_deferred
                  - columns: [pk, pid]
                    references: {entity: Parent, columns: [k, id]}
                    not_valid: true
                """);
        CliTest.Run r = CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place", "--no-tests");
        assertEquals(4, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(spec + ":15:5: error SG404: constraint child_parent_fk on child differs: the spec"
                + " makes \"FOREIGN KEY (pid, pk) REFERENCES inplace20.parent(id, k) ON DELETE CASCADE DEFERRABLE"
                + " INITIALLY DEFERRED\", the database has \"FOREIGN KEY (pid, pk) REFERENCES inplace20.parent(id, k)"
                + "\""), r.err());
        assertTrue(r.err().contains(spec + ":20:5: error SG404: constraint child_pk_pid_fkey on child differs: the"
                + " spec makes \"FOREIGN KEY (pk, pid) REFERENCES inplace20.parent(k, id) NOT VALID\", the database"
                + " has \"FOREIGN KEY (pk, pid) REFERENCES inplace20.parent(k, id)\""), r.err());
        exec("DROP SCHEMA inplace20 CASCADE");
    }

    @Test
    void aLockHeldByAnotherSessionEndsTheRunAfterTheLockTimeout(@TempDir Path tmp) throws Exception {
        Path spec = spec(tmp, EVENTS.formatted("inplace12", "inplace12"));
        assertEquals(0, CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place", "--no-tests").code());
        try (Connection holder = pg.getPostgresDatabase().getConnection(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE inplace12.event IN ACCESS EXCLUSIVE MODE");
            long t0 = System.nanoTime();
            CliTest.Run r = CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place", "--lock-timeout",
                    "500ms", "--no-tests");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            holder.rollback();
            assertEquals(4, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("error SG408: gave up waiting for a lock (--lock-timeout 500ms) while "
                    + "applying "), r.err());
            assertTrue(r.err().contains("canceling statement due to lock timeout (55P03)"), r.err());
            assertTrue(ms < 20_000, ms + " ms");
        }
        exec("DROP SCHEMA inplace12 CASCADE");
    }

    @Test
    void aSlowSeedEndsAtTheStatementTimeout(@TempDir Path tmp) throws Exception {
        Path spec = spec(tmp, """
                entity: Slow
                schema: inplace12s
                fields:
                  id: {type: bigint, primary_key: true}
                  v: {type: integer, seed: "(SELECT i FROM pg_sleep(0.01 * sign(i)))"}
                """);
        CliTest.Run r = CliTest.run("verify", spec.toString(), "--db-url", url, "--statement-timeout", "1s");
        assertEquals(4, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(spec + ":1:9: error SG408: a statement ran too long (--statement-timeout 1s) "
                + "while running test file inplace12s/tests/01_slow_test.sql (line "), r.err());
        assertTrue(r.err().contains("canceling statement due to statement timeout (57014)"), r.err());
    }

    @Test
    void aConcurrentIndexIsWarnedAboutAndAFailureLeavesNothing(@TempDir Path tmp) throws Exception {
        Path spec = spec(tmp, """
                entity: Account
                schema: inplace13
                fields:
                  id: {type: bigint, primary_key: true}
                  email: text
                indexes:
                  - {name: account_email, columns: [email], concurrently: true}
                ---
                entity: Broken
                schema: inplace13
                fields:
                  id: {type: bigint, primary_key: true}
                  n: {type: integer, check: "no_such_column > 0"}
                """);
        CliTest.Run r = CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place");
        assertEquals(4, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(spec + ":7:5: warning SG409: --in-place: this index is built with CREATE INDEX "
                + "CONCURRENTLY, which PostgreSQL cannot run inside a transaction"), r.err());
        assertTrue(r.err().contains("error SG402: PostgreSQL rejected table inplace13.broken"), r.err());
        // everything transactional ran first, in one transaction: the failure took all of it back
        assertEquals("0", query("SELECT count(*) FROM pg_namespace WHERE nspname = 'inplace13'"));
    }

    private static Path spec(Path dir, String yaml) throws IOException {
        Path p = dir.resolve("spec.yaml");
        Files.writeString(p, yaml, StandardCharsets.UTF_8);
        return p;
    }

    /** reltuples, rows inserted, dead rows and analyses of a table, as the statistics system has them. */
    private static String stats(String table) throws SQLException {
        exec("SELECT pg_stat_clear_snapshot()");
        return query("SELECT c.reltuples::bigint || ' ' || s.n_tup_ins || ' ' || s.n_dead_tup || ' ' || "
                + "(s.analyze_count + s.autoanalyze_count) FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = "
                + "c.oid WHERE c.oid = '" + table + "'::regclass");
    }

    static void exec(String... sqls) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            for (String sql : sqls) {
                st.execute(sql);
            }
        }
    }

    static String query(String sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return String.join("\n", out);
        }
    }
}
