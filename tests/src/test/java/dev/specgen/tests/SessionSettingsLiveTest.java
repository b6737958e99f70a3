package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 6 item 3: generated SQL must not depend on session settings it does not pin. The install.sql rendered from
 * the golden case {@code literals_setting_independent} is applied as psql applies it (the whole file in one
 * simple-protocol call, so PostgreSQL's own lexer, under the session's settings, decides where statements and
 * strings end) in a session with {@code standard_conforming_strings = off}, and in one with an empty
 * {@code search_path}; then the stored comments, enum labels and partition bounds are read back and must be the
 * spec's text. Before, a backslash in a comment literal ended the string early under the first setting, and
 * {@code CREATE EXTENSION} without a schema failed under the second.
 */
class SessionSettingsLiveTest {
    static final Path CASE = GoldenTest.CASES.resolve("literals_setting_independent");
    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("jit", "off").start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"standard_conforming_strings = off", "search_path = ''"})
    void installScriptMeansTheSameUnder(String setting) throws Exception {
        String db = setting.startsWith("standard") ? "scs_off" : "empty_search_path";
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + db);
        }
        Result rendered = Specgen.render(Options.of(CASE, Path.of("specs"), Path.of("expected")));
        String script = rendered.rendered().orElseThrow().files().get("install.sql");
        String url = pg.getJdbcUrl("postgres", db) + "&preferQueryMode=simple";
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("SET " + setting);
            st.execute(script);
            assertEquals("Path C:\\temp\\ and it\\'s; \"quoted\"",
                    one(c, "SELECT obj_description('notes.note'::regclass, 'pg_class')"));
            assertEquals("ends with a backslash\\", one(c, "SELECT col_description('notes.note'::regclass,"
                    + " (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = 'notes.note'::regclass"
                    + " AND attname = 'folder'))"));
            assertEquals(List.of("plain", "back\\slash", "it's"), column(c, "SELECT enumlabel FROM pg_catalog.pg_enum"
                    + " WHERE enumtypid = 'notes.note_kind'::regtype ORDER BY enumsortorder"));
            assertEquals(List.of("notes.note_root", "notes.note_temp", "notes.note_temp"), partitionsOf(c,
                    "\\", "C:\\temp", "it's"));
            assertEquals("notes", one(c, "SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace"
                    + " n ON n.oid = e.extnamespace WHERE e.extname = 'btree_gist'"));
        }
    }

    /** Where rows with these folder values land: the list partition bounds hold the spec's text. */
    private static List<String> partitionsOf(Connection c, String... folders) throws SQLException {
        List<String> out = new ArrayList<>();
        long id = 1;
        for (String folder : folders) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notes.note (id, kind, folder, at)"
                    + " VALUES (?, 'plain', ?, now()) RETURNING tableoid::regclass::text")) {
                ps.setLong(1, id++);
                ps.setString(2, folder);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static String one(Connection c, String sql) throws SQLException {
        List<String> all = column(c, sql);
        assertEquals(1, all.size(), sql);
        return all.get(0);
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
