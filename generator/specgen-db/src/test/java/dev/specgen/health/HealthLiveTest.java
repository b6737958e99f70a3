package dev.specgen.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Specgen;
import dev.specgen.db.Database;
import dev.specgen.db.SharedEmbedded;
import dev.specgen.render.RenderedStatement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: the generated health function and {@code specgen health} on a live database: a table whose partitions
 * ended has a critical runway, rows in DEFAULT are critical, a planted unused index is a warning; with partitions
 * ahead and nothing planted, nothing is critical.
 */
class HealthLiveTest {
    static final String SPEC = """
            entity: Reading
            schema: health_t
            fields:
              id: {type: bigint, identity: always}
              taken_at: {type: timestamptz, nullable: false}
              sensor: {type: integer, nullable: false}
            primary_key: [id, taken_at]
            partitioning:
              strategy: range
              column: taken_at
              interval: monthly
              from: %s
              to: %s
              premake: 2
            """;

    @Test
    void plantedProblemsAreFoundAndAHealthyTableIsNotCritical(@TempDir Path dir) throws Exception {
        Database db = SharedEmbedded.get();
        String scratch = db.createScratchDatabase();
        try (Connection c = db.connect(scratch); Statement st = c.createStatement()) {
            install(dir, c, "2025-01-01", "2025-04-01");
            st.execute("INSERT INTO health_t.reading (taken_at, sensor) SELECT '2026-06-01 00:00+00', g"
                    + " FROM generate_series(1, 7) g");
            st.execute("CREATE INDEX planted_unused ON health_t.reading_p2025_01 (sensor)");
            st.execute("SELECT count(*) FROM health_t.reading_p2025_01");
            // statistics reach the shared counters at the end of a transaction, at most once a second unless forced
            st.execute("SELECT pg_stat_force_next_flush()");
            st.execute("SELECT 1");
            Health.Report r = Health.check(c);
            assertEquals(List.of("health_t"), r.schemas());
            List<String> lines = r.findings().stream().map(f -> f.severity().word() + " " + f.relation() + ": "
                    + f.message()).toList();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("critical health_t.reading: runway -")
                    && l.contains("the last range partition has ended")), lines.toString());
            assertTrue(lines.contains("critical health_t.reading_default: 7 rows in the DEFAULT partition: no partition"
                    + " covers them, so pruning cannot skip them and creating that partition fails until they move"
                    + " (maintain_<table>() moves them)"), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("warning health_t.reading_p2025_01: never used")
                    && l.contains("planted_unused")), lines.toString());
            assertTrue(r.critical());
            assertTrue(Health.json(r).startsWith("{\"schemas\": [\"health_t\"], \"critical\": true, \"findings\": ["),
                    Health.json(r));

            // maintenance makes the runway again and empties DEFAULT: nothing critical is left
            st.execute("SELECT health_t.maintain_reading()");
            Health.Report after = Health.check(c);
            assertTrue(!after.critical(), Health.text(after));
            assertTrue(after.findings().stream().anyMatch(f -> f.severity() == Health.Severity.INFO
                    && f.relation().equals("health_t.reading") && f.message().startsWith("runway ")),
                    Health.text(after));
        } finally {
            db.dropDatabase(scratch);
        }
    }

    private static void install(Path dir, Connection c, String from, String to) throws Exception {
        Files.createDirectories(dir.resolve("specs"));
        Files.writeString(dir.resolve("specs/r.yaml"), String.format(SPEC, from, to), StandardCharsets.UTF_8);
        List<RenderedStatement> ddl = Specgen.render(Options.of(dir, Path.of("specs"), Path.of("out"))).rendered()
                .orElseThrow().statements();
        try (Statement st = c.createStatement()) {
            for (RenderedStatement s : ddl) {
                st.execute(s.sql());
            }
        }
    }
}
