package dev.specgen.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.SourcePos;
import dev.specgen.sql.SqlSplitter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ScriptRunner and CatalogSnapshot against the ONE embedded PostgreSQL of the test run ({@link SharedEmbedded});
 * each test gets a fresh scratch database instead of a server restart. TAP: {@link LiveTapTest}; open modes:
 * {@link LiveDatabaseModesTest}.
 */
class LiveDatabaseTest {
    static Database db;
    private String scratch;
    private Connection c;

    @BeforeAll
    static void start() {
        db = SharedEmbedded.get();
    }

    @BeforeEach
    void freshDatabase() {
        scratch = db.createScratchDatabase();
        c = db.connect(scratch);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        c.close();
        db.dropDatabase(scratch);
    }

    @Test
    void describesItself() {
        assertTrue(db.description().matches("embedded PostgreSQL 17\\.\\d+"), db.description());
        assertTrue(db.serverVersionNum() >= 170000 && db.serverVersionNum() < 180000);
        assertEquals(Database.Isolation.SCRATCH_DATABASE, db.isolation());
        assertTrue(db.jdbcUrl().contains("/" + db.databaseName()), db.jdbcUrl());
    }

    @Test
    void appliesAllStatementsInOneTransaction() throws SQLException {
        ApplyResult r = ScriptRunner.apply(c, List.of(new Stmt("CREATE SCHEMA s", "p1"),
                new Stmt("CREATE TABLE s.a (id int PRIMARY KEY)", "p2")));
        assertTrue(r.ok(), r.toString());
        assertEquals(2, r.committed());
        assertTrue(exists("s.a"));
        assertTrue(c.getAutoCommit(), "auto-commit restored");
    }

    @Test
    void failureRollsBackEverythingAndNamesTheOrigin() throws SQLException {
        ApplyResult r = ScriptRunner.apply(c, List.of(new Stmt("CREATE SCHEMA s", "p1"),
                new Stmt("CREATE TABLE s.a (id int)", "p2"),
                new Stmt("CREATE TABLE s.b (\n    id int,\n    x  nosuchtype\n)", "plan#3"),
                new Stmt("CREATE TABLE s.c (id int)", "p4")));
        StmtFailure f = r.failure().orElseThrow();
        assertEquals("plan#3", f.origin());
        assertEquals(2, f.index());
        assertEquals("42704", f.sqlState());
        assertEquals("type \"nosuchtype\" does not exist", f.message());
        assertEquals(3, f.lineInStatement());
        assertEquals(8, f.columnInStatement());
        assertEquals(2, r.executed());
        assertEquals(0, r.committed());
        assertEquals("specs/x.yaml:3:1: error SG402: type \"nosuchtype\" does not exist (42704)",
                f.toDiagnostic(new SourcePos("specs/x.yaml", 3, 1)).format());
        assertFalse(exists("s.a"), "rolled back");
        assertEquals(List.of(), CatalogSnapshot.read(c, List.of("s")).lines(), "no objects left behind");
    }

    @Test
    void reportsDetailAndHint() {
        ApplyResult r = ScriptRunner.apply(c, List.of(new Stmt("CREATE TABLE t (id int PRIMARY KEY)", "t"),
                new Stmt("INSERT INTO t VALUES (1), (1)", "rows")));
        StmtFailure f = r.failure().orElseThrow();
        assertEquals("23505", f.sqlState());
        assertEquals("Key (id)=(1) already exists.", f.detail().orElseThrow());
        assertEquals("specgen: error SG402: duplicate key value violates unique constraint \"t_pkey\" (23505)\n"
                + "  hint: Key (id)=(1) already exists.", f.toDiagnostic(SourcePos.NONE).format());
    }

    @Test
    void nonTransactionalStatementsAreRefusedOrRolledOut() throws SQLException {
        List<Stmt> stmts = List.of(new Stmt("CREATE TABLE t (a int)", "table"),
                new Stmt("CREATE INDEX CONCURRENTLY t_a ON t (a)", "index"));
        assertTrue(stmts.get(1).nonTransactional());
        StmtFailure f = ScriptRunner.apply(c, stmts).failure().orElseThrow();
        assertEquals("index", f.origin());
        assertEquals("25001", f.sqlState());
        assertEquals("CREATE INDEX CONCURRENTLY t_a ON t (a) cannot run inside a transaction block", f.message());
        assertFalse(exists("t"), "nothing ran");

        ApplyResult r = ScriptRunner.apply(c, stmts, ScriptRunner.Mode.ROLLOUT);
        assertTrue(r.ok(), r.toString());
        assertEquals(2, r.committed());
        assertTrue(exists("t_a"));
    }

    @Test
    void runScriptReportsTheScriptLine() throws SQLException {
        String script = "BEGIN;\nCREATE SCHEMA s;\n\nCREATE TABLE s.t (\n  id int,\n  x nosuchtype\n);\nCOMMIT;\n";
        StmtFailure f = ScriptRunner.runScript(c, script).failure().orElseThrow();
        SqlSplitter.Piece p = (SqlSplitter.Piece) f.origin();
        assertEquals(4, p.line());
        assertEquals(6, p.scriptLine(f.position()));
        assertFalse(exists("s.t"));
    }

    @Test
    void dryRunLeavesNothing() {
        ApplyResult r = ScriptRunner.runScript(c, Fixtures.read("schema.sql"), ScriptRunner.Mode.DRY_RUN);
        assertTrue(r.ok(), r.toString());
        assertEquals(7, r.executed());
        assertEquals(0, r.committed());
        assertEquals(List.of("comment on schema public: standard public schema", "schema public"),
                CatalogSnapshot.read(c).lines(), "only what every database has");
    }

    @Test
    void snapshotIsUnchangedByReapplyingAnIdempotentScript() {
        String schema = Fixtures.read("schema.sql");
        assertTrue(ScriptRunner.runScript(c, schema).ok());
        CatalogSnapshot first = CatalogSnapshot.read(c, List.of("analytics"));
        ApplyResult again = ScriptRunner.runScript(c, schema);
        assertTrue(again.ok(), again.toString());
        assertTrue(again.notices().contains("relation \"events\" already exists, skipping"),
                again.notices().toString());
        CatalogSnapshot second = CatalogSnapshot.read(c, List.of("analytics"));
        assertEquals(List.of(), first.diff(second));
        assertEquals(first, second);
        assertTrue(first.lines().contains("table analytics.events partitioned table permanent partition by RANGE "
                + "(created_at)"), first.text());
    }

    @Test
    void snapshotDiffShowsADroppedIndex() throws SQLException {
        assertTrue(ScriptRunner.runScript(c, Fixtures.read("schema.sql")).ok());
        CatalogSnapshot before = CatalogSnapshot.read(c, List.of("analytics"));
        exec("DROP INDEX analytics.events_kind_idx");
        List<String> diff = before.diff(CatalogSnapshot.read(c, List.of("analytics")));
        assertEquals(3, diff.size(), diff.toString()); // the partitioned index and its two partition indexes
        assertTrue(diff.stream().allMatch(l -> l.startsWith("- index analytics.")), diff.toString());
        assertTrue(diff.contains("- index analytics.events_kind_idx on analytics.events using btree partitioned: "
                + "CREATE INDEX events_kind_idx ON ONLY analytics.events USING btree (kind, created_at)"),
                diff.toString());
    }

    @Test
    void snapshotOffersStructuredFacts() throws SQLException {
        assertTrue(ScriptRunner.runScript(c, Fixtures.read("schema.sql")).ok());
        exec("ALTER TABLE analytics.events_2024_01 SET (fillfactor = 70)");
        exec("CREATE INDEX ev_partial ON analytics.events_2024_01 (kind DESC) INCLUDE (payload) "
                + "WITH (fillfactor = 80) WHERE kind <> 'x'");
        exec("CREATE TYPE analytics.mood AS ENUM ('sad', 'ok')");
        CatalogSnapshot s = CatalogSnapshot.read(c, List.of("analytics"));

        CatalogObjects.TableInfo events = s.table("analytics", "events").orElseThrow();
        assertEquals("range", events.partitionStrategy().orElseThrow());
        assertEquals("RANGE (created_at)", events.partitionKey().orElseThrow());
        assertEquals(List.of("FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-02-01 00:00:00+00')",
                "FOR VALUES FROM ('2024-02-01 00:00:00+00') TO ('2024-03-01 00:00:00+00')"),
                s.partitionsOf("analytics", "events").stream().map(t -> t.partitionBound().orElseThrow()).toList());
        assertEquals("70", s.reloptions().get("analytics.events_2024_01").get("fillfactor"));

        CatalogObjects.IndexInfo kind = s.index("analytics", "events_kind_idx").orElseThrow();
        assertEquals(List.of("kind", "created_at"), kind.keys());
        assertEquals("btree", kind.method());
        assertTrue(kind.partitioned());
        assertEquals("gin", s.index("analytics", "events_payload_gin").orElseThrow().method());
        assertEquals("analytics.events_kind_idx",
                s.index("analytics", "events_2024_01_kind_created_at_idx").orElseThrow().parentIndex().orElseThrow());

        CatalogObjects.IndexInfo partial = s.index("analytics", "ev_partial").orElseThrow();
        assertEquals(List.of("kind"), partial.keys());
        assertEquals("kind DESC", partial.keyDef());
        assertEquals(List.of("payload"), partial.include());
        assertEquals("kind <> 'x'::text", partial.predicate().orElseThrow());
        assertEquals("80", partial.reloptions().get("fillfactor"));

        assertEquals(List.of("sad", "ok"), s.enums().get(0).labels());
        assertEquals(List.of(new CatalogObjects.CommentInfo("table", "analytics.events",
                "pgTAP fixture: one row per tracked event")), s.comments());
        CatalogObjects.ColumnInfo id = s.columnsOf("analytics", "events").get(0);
        assertEquals("always", id.identity().orElseThrow());
        assertEquals("bigint", id.type());
    }

    /** Row security (enabled, forced), policies and replica identity are facts too: a real schema's catalog diff needs them. */
    @Test
    void snapshotHasPoliciesForcedRowSecurityAndReplicaIdentity() throws SQLException {
        assertTrue(ScriptRunner.runScript(c, Fixtures.read("schema.sql")).ok());
        exec("ALTER TABLE analytics.events ENABLE ROW LEVEL SECURITY");
        exec("ALTER TABLE analytics.events FORCE ROW LEVEL SECURITY");
        exec("CREATE POLICY kinds ON analytics.events AS RESTRICTIVE FOR UPDATE TO PUBLIC USING (kind <> 'x') "
                + "WITH CHECK (kind <> 'y')");
        exec("ALTER TABLE analytics.events_2024_01 REPLICA IDENTITY FULL");
        List<String> lines = CatalogSnapshot.read(c, List.of("analytics")).lines();
        assertTrue(lines.contains("table analytics.events partitioned table permanent row-security partition by "
                + "RANGE (created_at)"), String.join("\n", lines));
        assertTrue(lines.contains("row-security analytics.events forced"), String.join("\n", lines));
        assertTrue(lines.contains("policy analytics.events.kinds restrictive for update to public using "
                + "((kind <> 'x'::text)) with check ((kind <> 'y'::text))"), String.join("\n", lines));
        assertTrue(lines.contains("replica identity analytics.events_2024_01 full"), String.join("\n", lines));
        assertEquals(List.of(), lines.stream().filter(l -> l.startsWith("replica identity analytics.events_2024_02"))
                .toList(), "the default is no fact");
    }

    private boolean exists(String relation) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT to_regclass('" + relation + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
