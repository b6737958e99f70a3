package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code specgen bench bulk} started with specs it cannot use: a user's error before any database is started. */
class BenchBulkCliTest {
    @Test
    void specsThatAreNotAFolderAreAUsageError(@TempDir Path tmp) {
        String missing = tmp.resolve("specs").toString();
        CliTest.Run r = CliTest.run("bench", "bulk", "--specs", missing, "--doc", "none", "--json",
                tmp.resolve("b.json").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("specgen: --specs " + missing + " is not a folder of specs (bench bulk writes into the example "
                + "sales table: run it from the repository root or pass --specs DIR)\n", r.err());
    }

    @Test
    void specsWithErrorsAreReportedNotAnInternalError(@TempDir Path tmp) throws IOException {
        Path specs = Files.createDirectory(tmp.resolve("specs"));
        Files.writeString(specs.resolve("broken.yaml"), "entity: Broken\nfeilds:\n  id: {type: bigint}\n",
                StandardCharsets.UTF_8);
        CliTest.Run r = CliTest.run("bench", "bulk", "--specs", specs.toString(), "--doc", "none", "--json",
                tmp.resolve("b.json").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("specgen: bench bulk: the specs in " + specs + " have errors: "
                + specs.resolve("broken.yaml")), r.err());
        assertTrue(!r.err().contains("internal error"), r.err());
    }
}
