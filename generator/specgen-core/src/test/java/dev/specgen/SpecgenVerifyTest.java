package dev.specgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.Diagnostic;
import dev.specgen.verify.Progress;
import dev.specgen.verify.VerifyOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core alone (this module's test classpath has no specgen-db, no JDBC driver, no embedded PostgreSQL): it
 * generates, and verify says plainly that the live-database layer is missing.
 */
class SpecgenVerifyTest {

    @Test
    void coreCarriesNoDatabase() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.postgresql.Driver"));
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres"));
        assertTrue(getClass().getClassLoader().getResource("postgres-linux-x86_64.txz") == null);
    }

    @Test
    void verifyWithoutTheDbLayerIsSg012(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t.yaml"), "entity: T\nfields:\n  id: bigint\nprimary_key: [id]\n",
                StandardCharsets.UTF_8);
        Options opts = Options.of(dir, Path.of("t.yaml"), Path.of("out"));
        assertFalse(Specgen.generate(opts).hasErrors());
        Result r = Specgen.verify(opts, VerifyOptions.embedded(), Progress.NONE);
        assertTrue(r.verification().isEmpty());
        assertEquals(List.of("specgen: error SG012: cannot verify: the live-database layer (dev.specgen:specgen-db) is "
                + "not on the classpath\n  hint: the specgen CLI jar and the Maven plugin's verify goal bring it; a "
                + "library user adds dev.specgen:specgen-db"), r.diagnostics().stream().map(Diagnostic::format).toList());
    }
}
