package dev.specgen.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.Code;
import dev.specgen.diag.SpecgenException;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The Testcontainers mode. Runs only where a Docker engine answers (testcontainers-junit-jupiter's
 * {@code @Testcontainers(disabledWithoutDocker = true)} is not a dependency of core, so the same check is made
 * through {@link Databases#dockerAvailable()}); without Docker, only the clean SG405 is checked.
 */
class TestcontainersDatabaseTest {

    static boolean dockerAvailable() {
        return Databases.dockerAvailable();
    }

    @Test
    @EnabledIf("dockerAvailable")
    void appliesAndSnapshotsInAContainer() throws Exception {
        try (Database db = Databases.open(DbOptions.testcontainers(17)); Connection c = db.connect()) {
            assertTrue(db.description().startsWith("PostgreSQL 17."), db.description());
            assertTrue(ScriptRunner.runScript(c, Fixtures.read("schema.sql")).ok());
            assertEquals(List.of(), CatalogSnapshot.read(c, List.of("analytics"))
                    .diff(CatalogSnapshot.read(c, List.of("analytics"))));
        }
    }

    @Test
    @DisabledIf("dockerAvailable")
    void withoutDockerOpenFailsWithACleanSg405() {
        SpecgenException e = assertThrows(SpecgenException.class,
                () -> Databases.open(DbOptions.testcontainers(17)));
        assertEquals(Code.SG405, e.diagnostics().get(0).code());
        assertEquals("specgen: error SG405: no Docker engine is available for the Testcontainers database\n"
                + "  hint: start Docker (or set DOCKER_HOST), or leave out --testcontainers to use the embedded "
                + "PostgreSQL", e.diagnostics().get(0).format());
    }
}
