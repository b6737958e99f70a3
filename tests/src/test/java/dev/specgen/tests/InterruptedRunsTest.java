package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.specgen.db.Database;
import dev.specgen.db.Databases;
import dev.specgen.db.DbOptions;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs that do not end normally: {@code specgen verify} in a child JVM, stopped with SIGTERM, SIGINT or kill -9
 * mid-run, and a server that stops under a run. A signal ends the run with SG412 and exit code 4, having removed
 * its scratch database; a killed run's scratch database (or embedded server and its folder) is removed by the next
 * run; a server that goes away is reported as such (SG405), not as a specgen bug.
 */
class InterruptedRunsTest {
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

    /** {@code specgen ARGS} in a JVM of its own (the CLI's main, with its signal handling). */
    static Process specgen(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.specgen.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Whether this process ignores SIGINT (bit 1 of SigIgn in /proc/self/status), which a child inherits. */
    static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(l -> l.startsWith("SigIgn:")).findFirst()
                    .map(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).strip(), 16) & 2L) != 0)
                    .orElse(false);
        }
    }

    /** Sends SIGTERM or SIGINT and returns the exit code and standard error. */
    static CliTest.Run signal(Process p, String signal) throws Exception {
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not end after " + signal);
        return new CliTest.Run(p.exitValue(), "", err.get(10, TimeUnit.SECONDS));
    }

    @Test
    void sigtermEndsTheRunCleanlyWithExitFour() throws Exception {
        Process p = specgen("verify", "specs", "--db-url", url);
        waitFor(() -> !scratchDatabases().isEmpty(), "a scratch database");
        CliTest.Run r = signal(p, "TERM");
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("specgen: error SG412: verification interrupted (SIGTERM) while "), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        assertEquals(List.of(), scratchDatabases(), "left behind after SIGTERM");
    }

    @Test
    void aScratchDatabaseLeftByKillNineIsRemovedByTheNextRun() throws Exception {
        Process p = specgen("verify", "specs", "--db-url", url);
        waitFor(() -> !scratchDatabases().isEmpty(), "a scratch database");
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<String> left = scratchDatabases();
        assertEquals(1, left.size(), "kill -9 cannot clean up");
        // the server ends the killed run's sessions once it sees their sockets closed
        waitFor(() -> specgenSessions() == 0, "the killed run's sessions to end");
        CliTest.Run next = CliTest.run("verify", "specs/dms", "--db-url", url, "--no-tests");
        assertEquals(0, next.code(), next.err());
        assertTrue(next.err().contains("specgen: warning SG411: removed what interrupted runs left: scratch database "
                + left.get(0) + " of run "), next.err());
        assertEquals(List.of(), scratchDatabases());
    }

    @Test
    void anEmbeddedServerOrphanedByKillNineIsStoppedAndRemovedByTheNextRun() throws Exception {
        Process p = specgen("verify", "specs");
        Path[] folder = new Path[1];
        waitFor(() -> {
            folder[0] = embeddedFolderOf(p.pid()).orElse(null);
            return folder[0] != null && Files.exists(folder[0].resolve("data/postmaster.pid"));
        }, "the embedded server of the child");
        waitFor(() -> postmaster(folder[0]).isPresent(), "the postmaster");
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        ProcessHandle orphan = postmaster(folder[0]).orElseThrow();
        assertTrue(orphan.isAlive(), "kill -9 leaves the server running");
        try (Database next = Databases.open(DbOptions.embedded())) {
            assertTrue(next.description().startsWith("embedded PostgreSQL"));
        }
        assertTrue(orphan.onExit().get(30, TimeUnit.SECONDS) != null);
        assertFalse(orphan.isAlive(), "the orphaned server still runs");
        assertFalse(Files.exists(folder[0]), "its folder is still there: " + folder[0]);
    }

    @Test
    void ctrlCOnTheEmbeddedDefaultStopsItsServerAndExitsFour() throws Exception {
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (started in the background by a"
                + " non-interactive shell), and so in the specgen it starts: Ctrl-C cannot reach it");
        Process p = specgen("verify", "specs");
        Path[] folder = new Path[1];
        waitFor(() -> {
            folder[0] = embeddedFolderOf(p.pid()).orElse(null);
            return folder[0] != null && postmaster(folder[0]).isPresent();
        }, "the embedded server of the child");
        Thread.sleep(300); // into the run
        CliTest.Run r = signal(p, "INT");
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("error SG412: verification interrupted (SIGINT)"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        assertFalse(Files.exists(folder[0]), "the embedded server's folder is left: " + folder[0]);
    }

    @Test
    void aServerThatStopsMidRunIsReportedAsSuchNotAsABug() throws Exception {
        EmbeddedPostgres other = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        String otherUrl = other.getJdbcUrl("postgres", "postgres");
        CompletableFuture<CliTest.Run> run = CompletableFuture.supplyAsync(() -> CliTest.run("verify", "specs",
                "--db-url", otherUrl));
        // stop it once the run has applied (so that it is testing, or reading the catalog, when the server goes)
        waitFor(() -> {
            try (Connection c = other.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'specgen%'")) {
                while (rs.next()) {
                    try (Connection s = other.getDatabase("postgres", rs.getString(1)).getConnection();
                            Statement q = s.createStatement();
                            ResultSet t = q.executeQuery("SELECT to_regclass('metastore.topic_partition') IS NOT NULL")) {
                        if (t.next() && t.getBoolean(1)) {
                            return true;
                        }
                    }
                }
                return false;
            } catch (SQLException e) {
                return false;
            }
        }, "the run to apply");
        other.close();
        CliTest.Run r = run.get(120, TimeUnit.SECONDS);
        assertEquals(4, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("error SG405: "), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        assertFalse(r.err().contains("error SG402"), "the lost server was blamed on a spec line: " + r.err());
    }

    /** The folder of the embedded server a JVM started: {@code specgen-pg*} with that pid in {@code owner}. */
    static Optional<Path> embeddedFolderOf(long pid) {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(d -> d.getFileName().toString().startsWith("specgen-pg")).filter(d -> {
                try {
                    return Files.readString(d.resolve("owner")).strip().equals(Long.toString(pid));
                } catch (IOException e) {
                    return false;
                }
            }).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<ProcessHandle> postmaster(Path folder) {
        try {
            String pid = Files.readAllLines(folder.resolve("data/postmaster.pid")).get(0).strip();
            return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static List<String> scratchDatabases() {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'specgen%'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static int specgenSessions() {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE "
                        + "'specgen%'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
