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
 * A database where the generated partition maintenance ran: re-applying (verify --in-place) is not an error, and the
 * catalog round trip reports the partitions maintenance created or detached as its own (SG425), not as drift; the
 * same partitions without the log that explains them are drift (SG404). The index is in the rollout form
 * ({@code concurrently: true}): a detached partition keeps its index under the planned name, so its
 * {@code ALTER INDEX ... ATTACH PARTITION} runs only while the table is a partition. The generated tests (structure
 * and health) expect the partitions as the log says maintenance changed them.
 */
class MaintenanceLiveTest {
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

    static final String SPEC = """
            entity: Event
            schema: kept
            fields:
              id: {type: bigint, nullable: false}
              at: {type: timestamptz, nullable: false}
              kind: {type: text}
            primary_key: [id, at]
            indexes:
              - {columns: [kind], concurrently: true}
            partitioning:
              strategy: range
              column: at
              interval: monthly
              from: 2024-01-01
              to: 2024-03-01
              premake: 1
              retention: 2
              retention_mode: detach
            replica_identity: full
            performance_hints: [{seed_rows: 500}]
            """;

    @Test
    void verifyToleratesWhatMaintenanceMade(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, SPEC, StandardCharsets.UTF_8);
        CliTest.Run first = CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place");
        assertEquals(0, first.code(), first.out() + first.err());

        exec("INSERT INTO kept.event SELECT g, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 day', 'k'"
                + " FROM generate_series(0, 150) AS g");
        assertEquals("6", query("SELECT kept.maintain_event('2024-05-10 00:00:00+00')"));
        assertEquals("event_default event_p2024_03 event_p2024_04 event_p2024_05 event_p2024_06", query(
                "SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c"
                        + " ON c.oid = i.inhrelid WHERE i.inhparent = 'kept.event'::regclass"));
        assertEquals("0 151", query("SELECT (SELECT count(*) FROM ONLY kept.event_default) || ' ' || ((SELECT"
                + " count(*) FROM kept.event) + (SELECT count(*) FROM kept.event_p2024_01) + (SELECT count(*) FROM"
                + " kept.event_p2024_02))"));
        assertEquals("0", query("SELECT kept.maintain_event('2024-05-10 00:00:00+00')"));
        // the partitions maintenance created have the DDL's replica identity (CREATE TABLE ... LIKE lacks it)
        assertEquals("event_default f\nevent_p2024_03 f\nevent_p2024_04 f\nevent_p2024_05 f\nevent_p2024_06 f",
                query("SELECT c.relname || ' ' || c.relreplident::text FROM pg_inherits i JOIN pg_class c ON c.oid ="
                        + " i.inhrelid WHERE i.inhparent = 'kept.event'::regclass ORDER BY c.relname"));

        CliTest.Run again = CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place");
        assertEquals(0, again.code(), again.out() + again.err());
        String all = again.out() + again.err();
        assertTrue(all.contains("warning SG425: partition kept.event_p2024_03 was created by kept.maintain_event"),
                all);
        assertTrue(all.contains("warning SG425: partition kept.event_p2024_01 was detached by kept.maintain_event"),
                all);
        assertFalse(all.contains("SG404"), all);
        assertTrue(all.contains(" 0 failed"), all);

        // without the log that explains them, the same partitions are drift
        exec("TRUNCATE kept.specgen_partition_log");
        CliTest.Run unexplained = CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place",
                "--no-tests");
        assertEquals(4, unexplained.code(), unexplained.out() + unexplained.err());
        String u = unexplained.out() + unexplained.err();
        assertTrue(u.contains("error SG404: partition kept.event_p2024_03"), u);
        assertTrue(u.contains("error SG404: bound of partition event_p2024_01 differs"), u);
    }

    /**
     * Retention drops old partitions also of a table another table's foreign key references: PostgreSQL refuses
     * DROP TABLE of such a partition (2BP01, "other objects depend on it"), so maintenance detaches it first.
     */
    @Test
    void retentionDropsPartitionsOfAReferencedTable(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, """
                entity: Visit
                schema: gone
                fields:
                  id: {type: bigint, nullable: false}
                  at: {type: timestamptz, nullable: false}
                primary_key: [id, at]
                partitioning:
                  strategy: range
                  column: at
                  interval: monthly
                  from: 2024-01-01
                  to: 2024-03-01
                  premake: 1
                  retention: 1
                performance_hints: [{seed_rows: 200}]
                ---
                entity: Note
                schema: gone
                fields:
                  id: {type: bigint, primary_key: true}
                  visit_id: bigint
                  visit_at: timestamptz
                foreign_keys:
                  - columns: [visit_id, visit_at]
                    references: {entity: Visit}
                performance_hints: [{seed_rows: 200}]
                """, StandardCharsets.UTF_8);
        CliTest.Run first = CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place", "--no-tests");
        assertEquals(0, first.code(), first.out() + first.err());
        assertEquals("4", query("SELECT gone.maintain_visit('2024-05-10 00:00:00+00')"));
        assertEquals("visit_default visit_p2024_05 visit_p2024_06", query(
                "SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c"
                        + " ON c.oid = i.inhrelid WHERE i.inhparent = 'gone.visit'::regclass"));
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
