package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code specgen bench generate} as a user starts it: a smoke run (the benchmark itself is not part of CI). */
class BenchGenerateCliTest {
    @Test
    void aSmallRunPrintsEveryStageAndWritesJson(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("g.json");
        CliTest.Run r = CliTest.run("bench", "generate", "--entities", "2", "--warmups", "0", "--iterations", "1",
                "--cold-runs", "0", "--work", tmp.resolve("work").toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("specgen bench generate: 2 entities, 7 files, "), r.out());
        for (String stage : new String[] {"load", "validate", "plan", "render", "parse gate", "write", "total",
            "throughput", "peak heap"}) {
            assertTrue(r.out().contains("\n  " + stage + " "), stage + " in:\n" + r.out());
        }
        assertTrue(Files.readString(json, StandardCharsets.UTF_8).contains("\"warm.entities_per_s\": "));
    }

    @Test
    void benchAloneAsksForASubcommand() {
        CliTest.Run r = CliTest.run("bench");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("Missing required subcommand"), r.err());
    }

    @Test
    void nonsenseCountsAreUsageErrors(@TempDir Path tmp) {
        CliTest.Run r = CliTest.run("bench", "generate", "--entities", "0", "--work", tmp.toString());
        assertEquals(2, r.code(), r.err());
    }

    @Test
    void examplesThatAreNotAFolderAreAUsageErrorBeforeAnyRun(@TempDir Path tmp) {
        String missing = tmp.resolve("missing").toString();
        CliTest.Run r = CliTest.run("bench", "generate", "--entities", "1", "--cold-runs", "1", "--examples", missing,
                "--work", tmp.resolve("work").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("specgen: --examples " + missing + " is not a folder of specs\n", r.err());
    }
}
