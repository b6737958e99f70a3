package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.db.ApplyResult;
import dev.specgen.db.ScriptRunner;
import dev.specgen.db.Stmt;
import dev.specgen.db.StmtFailure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs whose one-transaction apply needs more lock slots than a server has (every table, partition and index a
 * transaction touches holds one until it ends): verify applies one transaction per generated file, and a file
 * whose locks do not fit statement by statement, as {@code psql -f install.sql} does; a server out of slots is
 * reported as such (SG410), never blamed on a spec line. The server here has the smallest lock table PostgreSQL
 * allows (max_locks_per_transaction = 10), so a few entities show what a default server (64) shows with 100 copies
 * of the example sales entity (docs/benchmarks.md has those figures).
 */
class LockSlotsTest {
    static EmbeddedPostgres pg;
    static String url;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("jit", "off")
                .setServerConfig("max_locks_per_transaction", "10").setServerConfig("max_connections", "20").start();
        url = pg.getJdbcUrl("postgres", "postgres");
    }

    @AfterAll
    static void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    /** {@code n} copies of specs/analytics/sales_transaction.yaml (without its actions, which name other entities). */
    static Path salesCopies(Path dir, int n) throws IOException {
        Path specs = dir.resolve("specs");
        Files.createDirectories(specs);
        String sales = Files.readString(Path.of("specs/analytics/sales_transaction.yaml"), StandardCharsets.UTF_8);
        sales = sales.substring(0, sales.indexOf("\nactions:") + 1);
        for (int i = 0; i < n; i++) {
            String k = String.format("%03d", i);
            Files.writeString(specs.resolve("sales_" + k + ".yaml"), sales
                    .replace("entity: SalesTransaction", "entity: SalesTransaction" + k)
                    .replaceAll("name: idx_(\\w+)", "name: idx_$1_" + k), StandardCharsets.UTF_8);
        }
        return specs;
    }

    @Test
    void salesEntitiesTooManyForOneTransactionApplyFileByFile(@TempDir Path tmp) throws Exception {
        Path specs = salesCopies(tmp, 10);
        // (the generated tests run one transaction per file, like the apply: --no-tests keeps this test short)
        CliTest.Run r = CliTest.run("verify", specs.toString(), "--db-url", url, "--no-tests");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("specgen: verified on PostgreSQL"), r.out());

        // --in-place keeps one transaction (a failure must leave nothing), so the server's limit is the answer
        CliTest.Run inPlace = CliTest.run("verify", specs.toString(), "--db-url", url, "--in-place", "--no-tests");
        assertEquals(4, inPlace.code(), inPlace.err());
        assertTrue(inPlace.err().contains("specgen: error SG410: the database server ran out of a resource while "
                + "applying "), inPlace.err());
        assertTrue(inPlace.err().contains("out of shared memory (53200)\n  hint: PostgreSQL says: You might need to "
                + "increase \"max_locks_per_transaction\"; a transaction holds one lock per table"), inPlace.err());
        assertTrue(inPlace.err().contains("(nothing was applied)"), inPlace.err());
        assertTrue(!inPlace.err().contains("SG402"), "blamed on a spec line: " + inPlace.err());
        assertEquals("0", query("SELECT count(*) FROM pg_namespace WHERE nspname = 'analytics'"));
    }

    @Test
    void aFileTooBigForOneTransactionAppliesStatementByStatement(@TempDir Path tmp) throws Exception {
        Path specs = tmp.resolve("specs");
        Files.createDirectories(specs);
        Files.writeString(specs.resolve("daily.yaml"), """
                entity: Reading
                schema: daily
                fields:
                  sensor: {type: integer, nullable: false}
                  at: {type: timestamp, nullable: false}
                  value: numeric
                  note: text
                primary_key: [sensor, at]
                indexes:
                  - {name: reading_at, columns: [at]}
                  - {name: reading_value, columns: [value]}
                  - {name: reading_note, columns: [note]}
                partitioning: {strategy: range, column: at, interval: daily, from: 2024-01-01, to: 2024-07-19}
                performance_hints: [{seed_rows: 2000}]
                """, StandardCharsets.UTF_8);
        // the premise: in one transaction, the file needs more lock slots than this server has
        Result rendered = Specgen.render(Options.of(tmp, Path.of("specs"), Path.of("out")));
        List<Stmt> stmts = rendered.rendered().orElseThrow().statements().stream()
                .map(s -> new Stmt(s.sql(), s.object())).toList();
        exec("CREATE DATABASE one_transaction");
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "one_transaction"))) {
            ApplyResult one = ScriptRunner.apply(c, stmts, ScriptRunner.Mode.TRANSACTIONAL);
            assertEquals("53200", one.failure().map(StmtFailure::sqlState).orElse("applied"));
        }
        exec("DROP DATABASE one_transaction");
        CliTest.Run r = CliTest.run("verify", specs.toString(), "--db-url", url, "--no-tests");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ok   daily.reading  applied"), r.out());
    }

    static void exec(String sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static String query(String sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
