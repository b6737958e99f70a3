package dev.specgen.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Specgen;
import dev.specgen.db.Database;
import dev.specgen.db.SharedEmbedded;
import dev.specgen.db.TapInstaller;
import dev.specgen.render.Rendered;
import dev.specgen.render.RenderedStatement;
import dev.specgen.sql.SqlSplitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 (verify at scale): one entity's generated test file must do the same catalog work however many entities
 * the database holds, or verify grows with the square of the schema. It did not: the index-use helper looked its
 * indexes up with an OR over a scan of pg_class, and the health test read {@code specgen_health()} of the whole
 * schema (at 100 entities those five statements took 5.5 s of a file's 6.2 s, and 500 entities would have taken
 * hours). Counted, not timed: the catalog rows the file reads (pg_stat_xact_sys_tables, in the file's own
 * transaction, before its ROLLBACK), beside 3 entities and beside 30.
 */
class TestsAtScaleLiveTest {
    /** A partitioned entity with an index, a primary key and seeded performance tests; few rows, to stay cheap. */
    static final String ENTITY = """
            entity: Item%1$02d
            schema: scale
            fields:
              id: {type: bigint, nullable: false}
              owner: {type: bigint}
              at: {type: timestamp, nullable: false}
            primary_key: [id, at]
            indexes:
              - {name: item%1$02d_owner, columns: [owner]}
            partitioning: {strategy: range, column: at, interval: monthly, from: 2024-01-01, to: 2024-04-01}
            performance_hints:
              - seed_rows: 300
            """;

    /** The catalogs a test file reads; the counts are of rows fetched by sequential and by index scans. */
    static final String READS = "SELECT sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)) FROM "
            + "pg_catalog.pg_stat_xact_sys_tables WHERE relname IN ('pg_class', 'pg_index', 'pg_inherits', "
            + "'pg_attribute', 'pg_namespace')";

    @Test
    void oneEntitysTestFileReadsNoMoreOfTheCatalogBesideMoreEntities(@TempDir Path dir) throws Exception {
        long few = catalogReads(dir.resolve("few"), 3);
        long many = catalogReads(dir.resolve("many"), 30);
        // the same file (cold caches both times, a new session each); ten times the entities may not show
        assertTrue(many <= few + few / 4, "catalog rows read by the test file of scale.item01: " + few
                + " beside 3 entities, " + many + " beside 30");
    }

    /** Applies {@code n} entities to a database of their own and runs item01's test file, counting catalog reads. */
    private static long catalogReads(Path dir, int n) throws Exception {
        Files.createDirectories(dir.resolve("specs"));
        for (int i = 1; i <= n; i++) {
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "specs/item%02d.yaml", i)),
                    String.format(Locale.ROOT, ENTITY, i), StandardCharsets.UTF_8);
        }
        Rendered r = Specgen.render(Options.of(dir, Path.of("specs"), Path.of("out"))).rendered().orElseThrow();
        String file = r.files().keySet().stream().filter(f -> f.endsWith("item01_test.sql")).findFirst().orElseThrow();
        Database db = SharedEmbedded.get();
        String scratch = db.createScratchDatabase();
        try {
            String path;
            try (Connection c = db.connect(scratch); Statement st = c.createStatement()) {
                for (RenderedStatement s : r.statements()) {
                    st.execute(s.sql());
                }
                path = db.installTap(c).searchPath();
            }
            try (Connection c = db.connect(scratch); Statement st = c.createStatement()) {
                st.execute("SET search_path = " + path);
                List<SqlSplitter.Piece> pieces = SqlSplitter.split(r.files().get(file));
                assertEquals("ROLLBACK", pieces.get(pieces.size() - 1).sql().strip());
                for (SqlSplitter.Piece p : pieces.subList(0, pieces.size() - 1)) {
                    st.execute(p.sql());
                }
                long reads;
                try (ResultSet rs = st.executeQuery(READS)) {
                    rs.next();
                    reads = rs.getLong(1);
                }
                try (ResultSet rs = st.executeQuery("SELECT num_failed()")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), file + " beside " + n + " entities");
                }
                st.execute("ROLLBACK");
                return reads;
            }
        } finally {
            db.dropDatabase(scratch);
        }
    }
}
