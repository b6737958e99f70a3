package dev.specgen.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SpecgenException;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a run leaves on a server it does not own (--db-url), pointed at the shared embedded server as if it were
 * someone else's: leftovers of a run that died without cleaning up (all its sessions gone, as after kill -9) are
 * removed by the next run, live runs' objects never are, and two runs without CREATEDB do not share the spec's
 * schemas. Also: the embedded server survives a port taken while it starts.
 */
class LiveLeftoversTest {
    static Database db;
    static String homeUrl;
    static String userDb;

    @BeforeAll
    static void start() throws SQLException {
        db = SharedEmbedded.get();
        homeUrl = db.jdbcUrl("postgres").replace("?user=postgres", "");
        userDb = db.createScratchDatabase();
        try (Connection c = db.connect(userDb); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN CREATE ROLE specgen_nocreatedb LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; "
                    + "END $$");
            st.execute("GRANT CREATE ON DATABASE " + userDb + " TO specgen_nocreatedb");
        }
    }

    @AfterAll
    static void drop() {
        db.dropDatabase(userDb);
    }

    private static Database open(String database, String user) {
        return Databases.open(DbOptions.url(homeUrl.replace("/postgres", "/" + database)), Map.of("PGUSER", user)::get);
    }

    /** A run that dies without cleaning up: every session gone at once (the kernel closes them after kill -9). */
    private static void die(Database run) {
        run.interrupt("kill -9");
    }

    @Test
    void aScratchDatabaseOfAKilledRunIsRemovedByTheNextRunAndALiveOneIsNot() throws SQLException {
        Database killed = open("postgres", "postgres");
        Database alive = open("postgres", "postgres");
        try {
            String left = killed.databaseName();
            assertTrue(left.startsWith("specgen_scratch_" + killed.run().id()), left);
            assertEquals("specgen scratch database of " + killed.run().describe() + "; dropped when the run ends, "
                    + "or by a later run once no session named specgen_" + killed.run().id() + " remains",
                    comment(left));
            die(killed);
            assertTrue(databases().contains(left), "a killed run cannot drop its database");
            try (Database next = open("postgres", "postgres")) {
                assertFalse(databases().contains(left), "removed by the next run");
                assertTrue(databases().contains(alive.databaseName()), "a live run's database stays");
                Diagnostic note = next.notes().get(0);
                assertEquals(Code.SG411, note.code());
                assertTrue(note.message().startsWith("removed what interrupted runs left: scratch database " + left
                        + " of run " + killed.run().id() + " (host "), note.message());
            }
        } finally {
            killed.close();
            alive.close();
        }
        assertFalse(databases().stream().anyMatch(d -> d.contains(killed.run().id()) || d.contains(alive.run().id())));
    }

    @Test
    void withoutCreatedbTwoRunsTakeTurnsAndAKilledRunsSchemasAreRemoved() throws SQLException {
        Database first = open(userDb, "specgen_nocreatedb");
        Database second = open(userDb, "specgen_nocreatedb");
        try {
            assertEquals(Database.Isolation.SCHEMAS_ONLY, first.isolation());
            first.prepareSchemas(List.of("claimed"));
            // the spec's schemas have fixed names: a second run must not reset or drop the first one's
            SpecgenException e = assertThrows(SpecgenException.class, () -> second.prepareSchemas(List.of("claimed")));
            assertTrue(e.getMessage().contains("schema claimed in database " + userDb + " is in use by another "
                    + "specgen run " + first.run().id() + " (host "), e.getMessage());
            assertTrue(schemas().contains("claimed"), "the first run's schema is untouched");
            die(first);
            assertTrue(schemas().containsAll(List.of("claimed", first.run().schema())), "left by the killed run");
            try (Database third = open(userDb, "specgen_nocreatedb")) {
                // the next run removes what the killed one claimed, and may claim it itself
                assertFalse(schemas().contains(first.run().schema()), schemas().toString());
                third.prepareSchemas(List.of("claimed"));
                assertTrue(schemas().contains(third.run().schema()));
            }
            assertFalse(schemas().contains("claimed"), "dropped when the run ends");
        } finally {
            first.close();
            second.close();
        }
        assertEquals(List.of(), schemas().stream().filter(s -> s.startsWith("specgen_run_")).toList());
    }

    @Test
    void aUsersSchemaThatLooksLikeSpecgensIsNeverRemoved() throws SQLException {
        try (Connection c = db.connect(userDb); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA specgen_run_0123456789"); // the name, but no marker comment
        }
        try (Database run = open(userDb, "postgres")) {
            assertTrue(schemas().contains("specgen_run_0123456789"));
        } finally {
            try (Connection c = db.connect(userDb); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA specgen_run_0123456789");
            }
        }
    }

    @Test
    void aPortTakenWhileTheEmbeddedServerStartsIsNoticedAtOnce() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            AtomicInteger calls = new AtomicInteger();
            long t0 = System.nanoTime();
            EmbeddedServer s = EmbeddedServer.start(DbOptions.embedded(), java.util.Optional.empty(), () -> calls.getAndIncrement() == 0
                    ? taken.getLocalPort() : freePort());
            try {
                long seconds = (System.nanoTime() - t0) / 1_000_000_000;
                assertEquals(2, calls.get(), "retried on another port");
                assertTrue(seconds < 30, "took " + seconds + " s (zonky alone waits 60 s)");
                assertFalse(s.jdbcUrl("postgres").contains(":" + taken.getLocalPort() + "/"), s.jdbcUrl("postgres"));
            } finally {
                s.close();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String comment(String database) throws SQLException {
        try (Connection c = db.connect("postgres"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                        + "WHERE datname = '" + database + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static List<String> databases() throws SQLException {
        return names("postgres", "SELECT datname FROM pg_database ORDER BY 1");
    }

    private static List<String> schemas() throws SQLException {
        return names(userDb, "SELECT nspname FROM pg_namespace ORDER BY 1");
    }

    private static List<String> names(String database, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
