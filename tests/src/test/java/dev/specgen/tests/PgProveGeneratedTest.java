package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The generated test files pass unchanged under REAL pgTAP: tests/pgtap/prove-generated.sh applies
 * generated/install.sql to a throwaway PostgreSQL 15 cluster with the pgtap extension and runs pg_prove on every
 * generated/<schema>/tests/*.sql. Needs Debian's postgresql-15-pgtap and pgtap packages (.ci/run installs them);
 * skipped, and said so, where they are missing.
 */
class PgProveGeneratedTest {
    @Test
    void generatedTestsPassUnderRealPgTap() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pg_prove")), "pg_prove is not installed (apt-get install pgtap)");
        assumeTrue(Files.isRegularFile(Path.of("/usr/share/postgresql/15/extension/pgtap.control")),
                "pgTAP for PostgreSQL 15 is not installed (apt-get install postgresql-15-pgtap)");
        Process p = new ProcessBuilder("bash", "tests/pgtap/prove-generated.sh", "generated")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pg_prove did not finish in 120 s");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("All tests successful."), out);
        assertTrue(out.contains("Result: PASS"), out);
        System.out.println(out);
    }
}
