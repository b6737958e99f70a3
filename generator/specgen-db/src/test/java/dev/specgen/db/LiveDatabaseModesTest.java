package dev.specgen.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.Code;
import dev.specgen.diag.SpecgenException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The --db-url modes, pointed at the shared embedded server as if it were someone else's. */
class LiveDatabaseModesTest {
    static Database db;
    static String homeUrl;

    @BeforeAll
    static void start() {
        db = SharedEmbedded.get();
        homeUrl = db.jdbcUrl("postgres").replace("?user=postgres", "");
    }

    @Test
    void urlModeCreatesAndDropsAScratchDatabase() throws SQLException {
        String name;
        try (Database other = Databases.open(DbOptions.url(homeUrl), Map.of("PGUSER", "postgres")::get)) {
            assertEquals(Database.Isolation.SCRATCH_DATABASE, other.isolation());
            name = other.databaseName();
            assertTrue(name.startsWith("specgen_scratch_"), name);
            assertTrue(other.description().matches("PostgreSQL 17\\.\\d+ at localhost:\\d+"), other.description());
            assertTrue(databaseExists(name));
        }
        assertFalse(databaseExists(name), "dropped on close");
    }

    @Test
    void withoutCreatedbItFallsBackToSchemasAndNeverTouchesUserObjects() throws SQLException {
        String userDb = db.createScratchDatabase();
        try (Connection c = db.connect(userDb); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE specgen_limited LOGIN");
            st.execute("GRANT CREATE ON DATABASE " + userDb + " TO specgen_limited");
            st.execute("CREATE TABLE public.user_data (id int)");
        }
        String url = homeUrl.replace("/postgres", "/" + userDb);
        String runSchema = null;
        try (Database limited = Databases.open(DbOptions.url(url).withCredentials("specgen_limited", null))) {
            assertEquals(Database.Isolation.SCHEMAS_ONLY, limited.isolation());
            assertEquals(userDb, limited.databaseName());
            SpecgenException e = assertThrows(SpecgenException.class, () -> limited.prepareSchemas(List.of("public")));
            assertEquals(Code.SG405, e.diagnostics().get(0).code());
            limited.prepareSchemas(List.of("gen"));
            try (Connection c = limited.connect()) {
                assertTrue(ScriptRunner.runScript(c, "CREATE SCHEMA IF NOT EXISTS gen; CREATE TABLE gen.t (id int);").ok());
                assertEquals(new TapInstaller.TapSetup(limited.run().schema(), false, TapInstaller.BUNDLED_VERSION),
                        limited.installTap(c));
                runSchema = limited.run().schema();
            }
        }
        try (Connection c = db.connect(userDb); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT to_regclass('public.user_data') IS NOT NULL, "
                        + "to_regnamespace('gen') IS NULL, to_regnamespace('" + runSchema + "') IS NULL")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "user table untouched");
            assertTrue(rs.getBoolean(2), "generated schema dropped on close");
            assertTrue(rs.getBoolean(3), "the run's schema dropped on close");
        }
        db.dropDatabase(userDb);
    }

    @Test
    void inPlaceUsesTheGivenDatabase() {
        try (Database inPlace = Databases.open(DbOptions.url(homeUrl).withInPlace(true)
                .withCredentials("postgres", null))) {
            assertEquals(Database.Isolation.IN_PLACE, inPlace.isolation());
            assertEquals("postgres", inPlace.databaseName());
        }
    }

    @Test
    void unreachableServerIsOneLineSg405() {
        SpecgenException e = assertThrows(SpecgenException.class,
                () -> Databases.open(DbOptions.url("jdbc:postgresql://127.0.0.1:1/x")));
        String text = e.diagnostics().get(0).format();
        assertTrue(text.startsWith("specgen: error SG405: cannot connect to jdbc:postgresql://127.0.0.1:1/x: "), text);
        assertEquals(2, text.lines().count(), text);
        assertTrue(text.contains("\n  hint: is the server running and reachable"), text);
    }

    @Test
    void refusesToDropForeignDatabases() {
        assertThrows(IllegalArgumentException.class, () -> db.dropDatabase("postgres"));
    }

    private static boolean databaseExists(String name) throws SQLException {
        try (Connection c = db.connect("postgres"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
