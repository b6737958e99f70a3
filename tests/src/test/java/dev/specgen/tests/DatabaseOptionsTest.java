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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code verify} meets the database options and the servers it is pointed at: no password is ever printed, each failure gets the hint for its
 * cause, option mistakes are usage errors (exit 2), and a report is written even when the database cannot be
 * reached.
 */
class DatabaseOptionsTest {
    static final String SECRET = "hunter2-secret";
    static EmbeddedPostgres pg;
    static String url;
    static String base;

    @BeforeAll
    static void start() throws IOException, SQLException {
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("jit", "off").start();
        url = pg.getJdbcUrl("postgres", "postgres");
        base = url.substring(0, url.indexOf("/postgres"));
        // a role that must give a password (the rest of the server trusts local connections), and a read-only one
        exec("CREATE ROLE pw_user LOGIN PASSWORD 'right' CREATEDB", "CREATE ROLE ro_user LOGIN CREATEDB",
                "ALTER ROLE ro_user SET default_transaction_read_only = on");
        String hba = query("SELECT setting FROM pg_settings WHERE name = 'hba_file'");
        String rules = "host all pw_user 127.0.0.1/32 scram-sha-256\nhost all pw_user ::1/128 scram-sha-256\n"
                + new String(Files.readAllBytes(Path.of(hba)), StandardCharsets.UTF_8);
        Files.writeString(Path.of(hba), rules, StandardCharsets.UTF_8);
        exec("SELECT pg_reload_conf()");
    }

    @AfterAll
    static void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aPasswordInTheUrlIsNeverPrinted(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        Path xml = tmp.resolve("r.xml");
        CliTest.Run unreachable = CliTest.run("verify", "specs", "--db-url", "jdbc:postgresql://127.0.0.1:1/x?user=u"
                + "&password=" + SECRET, "--report", json.toString());
        CliTest.Run unreachableXml = CliTest.run("verify", "specs", "--db-url", "jdbc:postgresql://127.0.0.1:1/x?"
                + "password=" + SECRET + "&sslmode=disable", "--report", xml.toString(), "--format", "json");
        CliTest.Run wrong = CliTest.run("verify", "specs", "--db-url", base + "/postgres?password=" + SECRET
                + "&user=pw_user", "--no-tests");
        CliTest.Run kept = CliTest.run("verify", "specs/dms", "--db-url", url + "&password=" + SECRET, "--keep",
                "--no-tests");
        for (CliTest.Run r : new CliTest.Run[] {unreachable, unreachableXml, wrong, kept}) {
            assertFalse((r.out() + r.err()).contains(SECRET), r.out() + r.err());
        }
        assertFalse(Files.readString(json).contains(SECRET), Files.readString(json));
        assertFalse(Files.readString(xml).contains(SECRET), Files.readString(xml));
        assertEquals(4, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("password authentication failed for user \"pw_user\""), wrong.err());
        assertEquals(0, kept.code(), kept.err());
        assertTrue(kept.out().contains("specgen: database kept running at jdbc:postgresql://localhost:"), kept.out());
        String keptDb = kept.out().replaceAll("(?s).*kept running at jdbc:postgresql://[^/]+/(\\w+).*", "$1");
        exec("DROP DATABASE " + keptDb);
    }

    @Test
    void eachConnectionFailureGetsTheHintForItsCause(@TempDir Path tmp) {
        CliTest.Run noPassword = CliTest.run("verify", "specs/dms", "--db-url", base + "/postgres", "--db-user",
                "pw_user");
        assertEquals(4, noPassword.code(), noPassword.err());
        assertTrue(noPassword.err().contains("hint: the server asks for a password: pass --db-password, or set "
                + "SPECGEN_DB_PASSWORD or PGPASSWORD"), noPassword.err());
        assertFalse(noPassword.err().contains("is the server running"), noPassword.err());

        CliTest.Run readOnly = CliTest.run("verify", "specs/dms", "--db-url", base + "/postgres", "--db-user",
                "ro_user");
        assertEquals(4, readOnly.code(), readOnly.err());
        assertTrue(readOnly.err().contains("runs this session read-only: cannot execute CREATE DATABASE in a "
                + "read-only transaction (25006)\n  hint: default_transaction_read_only is on for this user or "
                + "database"), readOnly.err());
        assertFalse(readOnly.err().contains("CREATEDB"), readOnly.err());

        CliTest.Run ok = CliTest.run("verify", "specs/dms", "--db-url", base + "/postgres", "--db-user", "pw_user",
                "--db-password", "right", "--no-tests");
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void optionMistakesAreUsageErrors() {
        CliTest.Run version = CliTest.run("verify", "specs/dms", "--pg-version", "99");
        assertEquals(2, version.code(), version.err());
        assertTrue(version.err().contains("error SG003: unsupported PostgreSQL version 99"), version.err());
        CliTest.Run malformed = CliTest.run("verify", "specs/dms", "--db-url", "postgres://localhost/x");
        assertEquals(2, malformed.code(), malformed.err());
        assertTrue(malformed.err().contains("error SG003: --db-url \"postgres://localhost/x\" is not a PostgreSQL JDBC "
                + "URL"), malformed.err());
        CliTest.Run inPlace = CliTest.run("verify", "specs/dms", "--in-place");
        assertEquals(2, inPlace.code(), inPlace.err());
        assertTrue(inPlace.err().startsWith("specgen: --in-place needs --db-url"), inPlace.err());
        CliTest.Run buildInPlace = CliTest.run("build", "specs/dms", "--out", "target/unused", "--db-url", url,
                "--in-place");
        assertEquals(2, buildInPlace.code(), buildInPlace.err());
        CliTest.Run timeout = CliTest.run("verify", "specs/dms", "--lock-timeout", "soon");
        assertEquals(2, timeout.code(), timeout.err());
        assertTrue(timeout.err().contains("'soon' is not a duration (e.g. 500ms, 10s, 5min, 1h, 0)"), timeout.err());
    }

    /**
     * --setup: a trigger that calls the user's own function cannot be verified until the function exists; the setup
     * script creates it in the scratch database first. A failing script is reported at its line (SG427), and
     * --setup with --in-place is a usage error (it would change the user's database).
     */
    @Test
    void setupScriptsRunInTheScratchDatabaseBeforeTheInstall(@TempDir Path tmp) throws IOException {
        Path specs = Files.createDirectories(tmp.resolve("specs"));
        Files.writeString(specs.resolve("note.yaml"), String.join("\n",
                "entity: Note",
                "schema: notes",
                "fields:",
                "  id: {type: bigint, primary_key: true}",
                "  body: text",
                "triggers:",
                "  - name: note_touch",
                "    timing: before",
                "    events: [update]",
                "    function: notes.touch",
                ""));
        Path setup = tmp.resolve("functions.sql");
        Files.writeString(setup, "CREATE SCHEMA IF NOT EXISTS notes;\n"
                + "CREATE FUNCTION notes.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n");
        Path broken = tmp.resolve("broken.sql");
        Files.writeString(broken, "CREATE SCHEMA IF NOT EXISTS notes;\n\nSELECT no_such_function();\n");

        CliTest.Run without = CliTest.run("verify", specs.toString(), "--db-url", url, "--no-tests");
        assertEquals(4, without.code(), without.err());
        assertTrue(without.err().contains("note.yaml:7:11: error SG402: PostgreSQL rejected trigger note_touch on "
                + "notes.note (generated notes/01_note.sql): function notes.touch() does not exist (42883)\n  hint: the "
                + "spec names something it does not create: it must exist before the install runs; to verify, create "
                + "it in a script passed with --setup FILE"), without.err());
        CliTest.Run with = CliTest.run("verify", specs.toString(), "--db-url", url, "--setup", setup.toString());
        assertEquals(0, with.code(), with.err());
        CliTest.Run failing = CliTest.run("verify", specs.toString(), "--db-url", url, "--setup", broken.toString());
        assertEquals(4, failing.code(), failing.err());
        assertTrue(failing.err().contains(broken + ":3:1: error SG427: --setup script failed: function "
                + "no_such_function() does not exist (42883)"), failing.err());
        CliTest.Run inPlace = CliTest.run("verify", specs.toString(), "--db-url", url, "--in-place", "--setup",
                setup.toString());
        assertEquals(2, inPlace.code(), inPlace.err());
        assertTrue(inPlace.err().startsWith("specgen: --setup runs scripts in a scratch database"), inPlace.err());
    }

    @Test
    void anUnreachableDatabaseStillWritesTheReport(@TempDir Path tmp) throws Exception {
        Path xml = tmp.resolve("reports/specgen.xml");
        Path json = tmp.resolve("specgen.json");
        CliTest.Run r = CliTest.run("verify", "specs/dms", "--db-url", "jdbc:postgresql://127.0.0.1:1/x",
                "--report", xml.toString());
        assertEquals(4, r.code(), r.err());
        String report = Files.readString(xml, StandardCharsets.UTF_8);
        assertTrue(report.contains("<testcase classname=\"specgen\" name=\"verification on PostgreSQL at "
                + "jdbc:postgresql://127.0.0.1:1/x\">\n      <failure message=\"specgen: error SG405: cannot connect to "
                + "jdbc:postgresql://127.0.0.1:1/x: "), report);
        assertTrue(report.contains("failures=\"2\""), report);
        CliTest.Run j = CliTest.run("verify", "specs/dms", "--db-url", "jdbc:postgresql://127.0.0.1:1/x",
                "--report", json.toString());
        assertEquals(4, j.code(), j.err());
        assertTrue(Files.readString(json).startsWith("{\n  \"passed\": false,"), Files.readString(json));
        assertTrue(Files.readString(json).contains("error SG405: cannot connect to"), Files.readString(json));
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
            rs.next();
            return rs.getString(1);
        }
    }
}
