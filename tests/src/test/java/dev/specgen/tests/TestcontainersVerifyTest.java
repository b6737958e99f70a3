package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@code specgen verify --testcontainers}: the examples proven in a PostgreSQL container. Needs a Docker engine;
 * skipped cleanly without one (our CI machines have none; the embedded database is the default there).
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersVerifyTest {
    @Test
    void examplesVerifyInAContainer() {
        CliTest.Run r = CliTest.run("verify", "specs", "--testcontainers");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("specgen: verified on "), r.out());
    }
}
