package dev.specgen.bench.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of the generator benchmark's in-process path (the benchmark itself stays out of {@code mvn verify}):
 * synthetic specs build without errors, every stage is timed, and the JSON it writes reads back figure by figure.
 */
class GeneratorBenchTest {
    @TempDir
    Path work;

    @Test
    void threeEntitiesRunEveryStageAndTheJsonReadsBack() {
        BenchReport r = BenchRun.run(new BenchRun.Settings(work, 3, 0, 1, 0, Optional.empty(), Optional.empty(),
                Map.of()), msg -> { });
        assertEquals(3, r.warm().entities());
        assertEquals(3 * 2 + 3, r.warm().files(), "a DDL and a test file per entity, and three of the run");
        for (Stage s : Stage.values()) {
            assertTrue(r.warm().stageMillis().containsKey(s), "timed: " + s);
        }
        assertTrue(r.warm().peakHeapBytes() > 0);
        assertEquals(List.of(), r.cold());
        Map<String, Double> read = BenchReport.readFigures(r.json());
        assertEquals(3.0, read.get("entities"));
        assertEquals(r.figures().get("files"), read.get("files"));
        assertTrue(read.containsKey("warm.stage.parse_gate.ms"), read.keySet().toString());
        assertTrue(read.get("warm.gc.count") >= 0 && read.get("warm.gc.ms") >= 0, read.keySet().toString());
        assertEquals(1.0, r.ratios(read).get("warm.total.ms"), 0.01, "a run compared with itself");
        assertFalse(Files.exists(work.resolve("out/run-0")), "scratch output is removed");
        assertFalse(Files.exists(work.resolve("out/run-1")), "and the peak-heap build's too");
    }

    /**
     * Each cold run gets a folder no run used before, and the folders stay until the caller deletes them: deleting a
     * run's files right before the next run makes that run's file creation slow on ext4 without a journal.
     */
    @Test
    void coldRunsEachGetANewFolderAndTheFoldersAreKept() {
        Path scratch = work.resolve("cold");
        java.util.function.Function<Path, List<String>> build = out -> List.of("sh", "-c",
                "test ! -e \"$0\" && mkdir \"$0\" && echo x >\"$0/f.sql\"", out.toString());
        assertEquals(2, GeneratorBench.cold("a", "x", build, work, scratch, 2).millis().size());
        assertEquals(2, GeneratorBench.cold("b", "x", build, work, scratch, 2).millis().size());
        for (int i = 0; i < 4; i++) {
            assertTrue(Files.exists(scratch.resolve("cold-" + i + "/f.sql")), "run " + i + "'s output is kept");
        }
        assertFalse(Files.exists(scratch.resolve("cold-4")));
    }

    @Test
    void syntheticSpecsAreNumberedCopiesOfTheExample() {
        String one = SyntheticSpecs.spec("0007");
        assertTrue(one.startsWith("entity: SalesTransaction0007\nschema: analytics\n"), one);
        assertTrue(one.contains("  - name: idx_sales_0007_date\n"), one);
    }
}
