package dev.specgen.bench.mv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.bench.mv.MvBenchReport.Refresh;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tiny run of every path of {@code specgen bench mv} (its figures mean nothing; the benchmark itself is not part of
 * the test suite): the specs render and install, each scenario refreshes with the strategy it should and ends with
 * the same rows as REFRESH MATERIALIZED VIEW, and the report has every section.
 */
class MvBenchSmokeTest {

    @Test
    void everyPathRunsAndEndsWithTheRowsOfAFullRefresh() {
        StringWriter progress = new StringWriter();
        MvBenchReport r = MvBench.measure(MvBenchOptions.smoke(), new PrintWriter(progress));
        assertEquals(6, r.refreshes().size(), "aggregate insert/mixed x 1%, 50%; join aggregate insert, mixed");
        for (Refresh x : r.refreshes()) {
            assertTrue(x.sameRows(), x.workload() + ", " + x.change() + " " + x.rate() + ": not the rows of REFRESH");
        }
        List<String> strategies = r.refreshes().stream().map(x -> x.workload() + " " + x.change() + " "
                + MvBenchReport.rate(x.rate()) + ": " + x.strategy()).toList();
        assertEquals(List.of("aggregate insert-only 1%: incremental", "aggregate insert-only 50%: full",
                "aggregate mixed 1%: incremental", "aggregate mixed 50%: full",
                "join aggregate insert-only 1%: incremental", "join aggregate mixed 1%: incremental"), strategies);
        assertTrue(r.noop().medianMs() > 0);
        assertEquals(3, r.captures().size(), "INSERT ... SELECT, the bulk insert function, specgen load");
        for (MvBenchReport.Capture x : r.captures()) {
            assertTrue(x.overhead().isPresent(), "capture overhead measured: " + x.write());
        }
        assertTrue(r.immediate().perSecondWith() > 0 && r.immediate().perSecondWithout() > 0);
        String md = r.markdown();
        for (String part : List.of("| aggregate | insert-only 1% |", "A refresh with nothing pending: median",
                "| capture (statement-level triggers) |",
                "| 10000-row call of the generated bulk insert function |", "| specgen load of ",
                "capture <= 5% on specgen load", "| single-row INSERT |",
                "| 8 concurrent writers |", "| goal | measured | met |")) {
            assertTrue(md.contains(part), "the report has " + part);
        }
        String json = r.json();
        assertTrue(json.startsWith("{\n  \"benchmark\": \"specgen bench mv\",\n"), json);
        assertFalse(json.contains("\"sameRows\": false"));
        assertTrue(progress.toString().contains("bench mv: immediate mode: 8 concurrent writers"));
    }

    @Test
    void theCaptureSectionRunsAlone() {
        StringWriter progress = new StringWriter();
        String md = MvBench.run(MvBenchOptions.smoke().withOnly(MvBenchOptions.Section.CAPTURE),
                new PrintWriter(progress));
        assertTrue(md.contains(":\n\n| capture (statement-level triggers) |"), md);
        for (String part : List.of("| 10000-row INSERT ... SELECT", "| 10000-row call of the generated bulk insert"
                + " function |", "| specgen load of ")) {
            assertTrue(md.contains(part), "the table has " + part);
        }
        assertFalse(md.contains("| aggregate |") || md.contains("immediate mode"), "only the capture section: " + md);
        assertFalse(progress.toString().contains("refresh"), progress.toString());
    }

    @Test
    void theDocsSectionIsAppendedOnceAndThenReplaced() {
        String first = BenchDoc.withSection("", BenchDoc.MV, BenchDoc.MV_TITLE, "table 1\n");
        assertEquals(BenchDoc.HEADER + "\n## Materialized views\n\n<!-- specgen bench mv: begin (written by `specgen"
                + " bench mv`) -->\ntable 1\n<!-- specgen bench mv: end -->\n", first);
        String other = first + "\n## bench bulk\n\nfigures of another benchmark\n";
        String second = BenchDoc.withSection(other, BenchDoc.MV, BenchDoc.MV_TITLE, "table 2");
        assertEquals(other.replace("table 1", "table 2"), second, "only its own section changes");
    }
}
