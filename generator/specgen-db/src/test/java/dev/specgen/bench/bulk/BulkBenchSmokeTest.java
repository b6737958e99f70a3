package dev.specgen.bench.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.verify.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small run of every path of {@code specgen bench bulk} (not a benchmark: no timing is judged): each path writes
 * its rows, replace writes far less WAL than delete + insert, and the JSON reads back for comparisons.
 */
class BulkBenchSmokeTest {

    @Test
    void everyPathRunsOnAFewRows(@TempDir Path dir) throws Exception {
        Options specs = Options.of(Path.of("../..").toAbsolutePath().normalize(), Path.of("specs"), Path.of("out"));
        BenchResult r = BulkBench.run(new BulkBench.BenchOptions(specs, 1000, 200, 50, dir, 1), Progress.NONE);
        assertEquals(List.of("single-row INSERT", "JDBC batch (1000)", "array function", "jsonb function",
                "binary COPY (reference)", "specgen load", "specgen load --jobs 2", "specgen load --initial",
                "specgen load --initial --jobs 2",
                "upsert: single-row INSERT", "upsert: JDBC batch (1000)", "upsert: array function",
                "upsert: jsonb function", "upsert: specgen load", "replace: delete + insert",
                "replace: generated function"), r.paths().stream().map(BenchResult.Path::name).toList());
        for (BenchResult.Path p : r.paths()) {
            assertEquals(1000, p.rows(), p.name());
            assertTrue(p.seconds() > 0 && p.walBytes() > 0, p.name());
        }
        BenchResult.Path naive = r.path(BulkBench.NAIVE).orElseThrow();
        BenchResult.Path replace = r.path(BulkBench.REPLACE).orElseThrow();
        assertTrue(replace.walBytes() * 2 < naive.walBytes(), replace.walBytes() + " vs " + naive.walBytes());
        assertEquals(1000, naive.deadTuples(), "delete + insert leaves every old row dead");
        assertEquals(100, replace.deadTuples(), "replace leaves only the 10% it changed");
        BenchResult back = BenchReport.parse(BenchReport.json(r));
        assertEquals(r.paths().size(), back.paths().size());
        assertTrue(BenchReport.compare(r, back).contains("replace: generated function"));
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\n\n## Other\n\nkept\n");
        BenchReport.writeSection(doc, r, "a test");
        BenchReport.writeSection(doc, r, "a test");
        String text = Files.readString(doc);
        assertTrue(text.contains("## Other\n\nkept\n") && text.indexOf(BenchReport.BEGIN)
                == text.lastIndexOf(BenchReport.BEGIN), text);
    }

    @Test
    void onlyRunsThePathsNamedAndTheReference(@TempDir Path dir) throws Exception {
        Options specs = Options.of(Path.of("../..").toAbsolutePath().normalize(), Path.of("specs"), Path.of("out"));
        BenchResult r = BulkBench.run(new BulkBench.BenchOptions(specs, 1000, 200, 50, dir, 1)
                .withOnly(java.util.Set.of(BulkBench.LOAD2, BulkBench.UPSERT_LOAD)), Progress.NONE);
        assertEquals(List.of("binary COPY (reference)", "specgen load --jobs 2", "upsert: specgen load"),
                r.paths().stream().map(BenchResult.Path::name).toList());
        assertTrue(BulkBench.PATHS.containsAll(r.paths().stream().map(BenchResult.Path::name).toList()));
    }
}
