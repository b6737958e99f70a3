package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * {@code specgen verify} end to end through the CLI, against a PostgreSQL this test owns (started once), so that it
 * can look afterwards: errors only PostgreSQL can catch are reported at the spec line and leave nothing behind.
 */
class VerifyEndToEndTest {
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

    @Test
    void examplesVerifyAndReportAsJUnitXml(@TempDir Path tmp) throws Exception {
        Path xml = tmp.resolve("reports/specgen.xml");
        CliTest.Run r = CliTest.run("verify", "specs", "--db-url", url, "--report", xml.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("specgen: verified on PostgreSQL"), r.out());
        assertTrue(r.out().contains("ok   analytics.sales_transaction"), r.out());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(xml, StandardCharsets.UTF_8))));
        assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
        assertTrue(doc.getElementsByTagName("testcase").getLength() > 100);
        assertEquals(List.of(), scratchDatabases(), "scratch databases left behind");
    }

    @Test
    void tapAndJsonFormats() {
        CliTest.Run tap = CliTest.run("verify", "specs", "--db-url", url, "--format", "tap");
        assertEquals(0, tap.code(), tap.err());
        assertTrue(tap.out().startsWith("1.."), tap.out());
        assertFalse(tap.out().contains("not ok"), tap.out());
        CliTest.Run json = CliTest.run("verify", "specs", "--db-url", url, "--format", "json", "--no-tests");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().startsWith("{\n  \"passed\": true,"), json.out());
    }

    @Test
    void checkNamingAMissingColumnFailsAtTheCheckAndLeavesNothing(@TempDir Path tmp) throws Exception {
        Path spec = spec(tmp, """
                entity: Widget
                schema: planted
                fields:
                  id:
                    type: bigint
                    primary_key: true
                  qty:
                    type: integer
                    check: "quantity > 0"
                """);
        CliTest.Run r = CliTest.run("verify", spec.toString(), "--db-url", url);
        assertEquals(4, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(spec + ":9:12: error SG402: PostgreSQL rejected table planted.widget"), r.err());
        assertTrue(r.err().contains("column \"quantity\" does not exist (42703)"), r.err());
        assertEquals(List.of(), scratchDatabases(), "scratch databases left behind");
        assertFalse(schemaExists("planted"), "the user's database was touched");
    }

    @Test
    void defaultOfTheWrongTypeInPlaceRollsBack(@TempDir Path tmp) throws Exception {
        Path spec = spec(tmp, """
                entity: Gadget
                schema: planted_in_place
                fields:
                  id:
                    type: bigint
                    primary_key: true
                  made_on:
                    type: date
                    default: "'soon'"
                """);
        CliTest.Run r = CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place");
        assertEquals(4, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(spec + ":7:3: error SG402:"), r.err());
        assertTrue(r.err().contains("(22007)"), r.err());
        assertFalse(schemaExists("planted_in_place"), "a failed in-place apply left objects behind");
    }

    static final String ROLLED = """
            entity: Alpha
            schema: rolled
            fields: {id: {type: bigint, primary_key: true}}
            ---
            entity: Beta
            schema: rolled
            fields:
              id: {type: bigint, primary_key: true}
              n: {type: integer, check: "missing_column > 0"}
            ---
            entity: Zed
            schema: rolled
            fields: {id: {type: bigint, primary_key: true}}
            """;

    @Test
    void entitiesRolledBackWithTheFailedFileAreNotReportedAsApplied(@TempDir Path tmp) throws Exception {
        Path spec = spec(tmp, ROLLED);
        CliTest.Run r = CliTest.run("verify", spec.toString(), "--db-url", url);
        assertEquals(4, r.code(), r.out() + r.err());
        // one transaction per generated file (the lock slots a run needs stay those of one file): Alpha's file
        // committed, Beta's was rolled back, and Zed's never ran
        assertTrue(r.out().contains("ok   rolled.alpha  applied"), r.out());
        assertTrue(r.out().contains("FAIL rolled.beta   not applied"), r.out());
        assertTrue(r.out().contains("FAIL rolled.zed    not applied"), r.out());
    }

    @Test
    void inPlaceAFailureLeavesNothingOfAnyEntity(@TempDir Path tmp) throws Exception {
        Path spec = spec(tmp, ROLLED);
        CliTest.Run r = CliTest.run("verify", spec.toString(), "--db-url", url, "--in-place");
        assertEquals(4, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL rolled.alpha  not applied"), r.out());
        assertFalse(schemaExists("rolled"), "a failed in-place apply left objects behind");
    }

    private static Path spec(Path dir, String yaml) throws IOException {
        Path p = dir.resolve("planted.yaml");
        Files.writeString(p, yaml, StandardCharsets.UTF_8);
        return p;
    }

    static List<String> scratchDatabases() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'specgen%'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static boolean schemaExists(String name) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = '" + name + "'")) {
            return rs.next();
        }
    }
}
