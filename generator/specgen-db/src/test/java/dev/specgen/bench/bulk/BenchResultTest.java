package dev.specgen.bench.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures of repeated runs: medians figure by figure, the rotated order, and the JSON that keeps every run. */
class BenchResultTest {

    private static final List<BenchResult.Run> RUNS = List.of(new BenchResult.Run(30.0, 20.0, 500, 7),
            new BenchResult.Run(10.0, 26.0, 480, 5), new BenchResult.Run(20.0, 18.0, 490, 6));

    @Test
    void eachFigureIsTheMedianOfItsRuns() {
        BenchResult.Path p = BenchResult.Path.median("insert", "x", 1000, false, RUNS);
        assertEquals(20.0, p.seconds());
        assertEquals(20.0, p.cpuSeconds(), "CPU is its own median, not the CPU of the median-time run");
        assertEquals(490, p.walBytes());
        assertEquals(6, p.deadTuples());
        assertEquals(50.0, p.rowsPerSecond());
        assertEquals(1.0, p.spread(), "(30 - 10) / 20");
        assertEquals(RUNS, p.runs());
        BenchResult.Path one = BenchResult.Path.median("insert", "x", 1000, false, RUNS.subList(0, 1));
        assertEquals(30.0, one.seconds());
        assertEquals(0.0, one.spread());
    }

    @Test
    void evenCountsTakeTheUpperMedian() {
        assertEquals(30.0, BenchResult.Path.median("g", "x", 1, false, RUNS.subList(0, 2)).seconds());
    }

    @Test
    void everyRoundRotatesTheOrderOfAGroup() {
        List<String> g = List.of("a", "b", "c");
        assertEquals(List.of("a", "b", "c"), BulkBench.rotated(g, 0));
        assertEquals(List.of("b", "c", "a"), BulkBench.rotated(g, 1));
        assertEquals(List.of("c", "a", "b"), BulkBench.rotated(g, 2));
        assertEquals(List.of("a", "b", "c"), BulkBench.rotated(g, 3));
    }

    @Test
    void jsonKeepsEveryRunAndReadsBack() {
        BenchResult r = new BenchResult(1000, "17.0", 3, List.of(
                BenchResult.Path.median("insert", BulkBench.COPY, 1000, false, RUNS),
                BenchResult.Path.median("insert", BulkBench.LOAD, 1000, false, RUNS.subList(1, 3))));
        String json = BenchReport.json(r);
        assertEquals("    {\"group\": \"insert\", \"name\": \"binary COPY (reference)\", \"rows\": 1000, \"seconds\":"
                + " 20.0000, \"rowsPerSecond\": 50.0, \"vsCopy\": 1.0000, \"cpuSeconds\": 20.000, \"walBytes\": 490,"
                + " \"deadTuples\": 6, \"sampled\": false, \"runs\": [{\"seconds\": 30.0000, \"cpuSeconds\": 20.000,"
                + " \"walBytes\": 500, \"deadTuples\": 7}, {\"seconds\": 10.0000, \"cpuSeconds\": 26.000, \"walBytes\":"
                + " 480, \"deadTuples\": 5}, {\"seconds\": 20.0000, \"cpuSeconds\": 18.000, \"walBytes\": 490,"
                + " \"deadTuples\": 6}]},", json.lines().filter(l -> l.contains("binary COPY")).findFirst().orElseThrow());
        BenchResult back = BenchReport.parse(json);
        assertEquals(r, back);
    }

    @Test
    void jsonOfARunBeforeRepeatReadsAsOneRunPerPath() {
        String old = "{\n  \"bench\": \"bulk\",\n  \"rows\": 1000,\n  \"postgres\": \"17.0\",\n  \"paths\": [\n"
                + "    {\"group\": \"insert\", \"name\": \"binary COPY (reference)\", \"rows\": 1000, \"seconds\": 2.0000,"
                + " \"rowsPerSecond\": 500.0, \"vsCopy\": 1.0000, \"cpuSeconds\": 1.500, \"walBytes\": 42,"
                + " \"deadTuples\": 0, \"sampled\": false}\n  ]\n}\n";
        BenchResult r = BenchReport.parse(old);
        assertEquals(1, r.repeat());
        assertEquals(List.of(new BenchResult.Run(2.0, 1.5, 42, 0)), r.paths().get(0).runs());
    }
}
