package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The jar {@code ./specgen} runs ({@code generator/specgen-cli/target/specgen.jar}, built by the reactor before this
 * module's tests) carries every feature README and docs advertise: the tests in this module run the CLI on the test
 * classpath, which has more on it than the shaded jar, so this one runs the jar itself in a fresh JVM.
 */
class ShippedJarTest {
    static final Path JAR = Path.of("generator", "specgen-cli", "target", "specgen.jar");

    /** What each advertised verification mode needs inside the jar (README "Verification options"). */
    static final Map<String, String> ADVERTISED = new TreeMap<>(Map.of(
            "--testcontainers", "org/testcontainers/postgresql/PostgreSQLContainer.class",
            "--db-url", "org/postgresql/Driver.class",
            "--pg-version", "io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class"));

    record Run(int code, String out) {
    }

    static Run java(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "specgen.jar did not finish: " + out);
        return new Run(p.exitValue(), out);
    }

    @Test
    void everyAdvertisedVerificationModeIsInTheJar() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing: the reactor builds it before this module");
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String docs = Files.readString(Path.of("docs", "verification.md"), StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            ADVERTISED.forEach((option, entry) -> {
                if ((readme.contains(option) || docs.contains(option)) && jar.getEntry(entry) == null) {
                    missing.add(option + " needs " + entry);
                }
            });
            assertTrue(jar.getEntry("postgres-linux-x86_64.txz") != null, "PostgreSQL 17 binaries (the default)");
            assertTrue(jar.getEntry("META-INF/services/dev.specgen.verify.LiveVerifier") != null,
                    "the live-database layer's service registration");
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void testcontainersOptionReachesDockerFromTheJar(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("t.yaml");
        Files.writeString(spec, "entity: T\nfields:\n  id: bigint\nprimary_key: [id]\n", StandardCharsets.UTF_8);
        Run r = java("verify", spec.toString(), "--testcontainers", "--no-tests");
        assertFalse(r.out().contains("not on the classpath"), r.out());
        assertFalse(r.out().contains("could not be loaded"), r.out());
        assertFalse(r.out().contains("Exception"), r.out());
        // without Docker (CI): the engine check answers; with Docker: the container verifies
        assertTrue(r.code() == 4 && r.out().contains("no Docker engine is available")
                || r.code() == 0 && r.out().contains("specgen: verified on "), r.code() + ": " + r.out());
    }

    @Test
    void embeddedVerifyRunsFromTheJar(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("t.yaml");
        Files.writeString(spec, "entity: T\nfields:\n  id: bigint\nprimary_key: [id]\n", StandardCharsets.UTF_8);
        Run r = java("verify", spec.toString(), "--no-tests");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("specgen: verified on embedded PostgreSQL 17."), r.out());
        assertFalse(r.out().contains(File.separator + "Exception"), r.out());
    }
}
