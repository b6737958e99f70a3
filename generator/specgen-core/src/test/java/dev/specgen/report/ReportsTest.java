package dev.specgen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.verify.EntityReport;
import dev.specgen.verify.VerifyReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verify summary counts relations, not report rows (a table's bulk tests and session checks are rows too). */
class ReportsTest {

    static EntityReport row(String entity, String label) {
        return new EntityReport(entity, label, "specs/a.yaml", "a/tests/01_t_test.sql", true, Optional.empty());
    }

    static String summary(List<EntityReport> rows) {
        Map<String, Duration> phases = new LinkedHashMap<>();
        phases.put("start", Duration.ofMillis(1500));
        String text = Reports.text(new VerifyReport("embedded PostgreSQL 17.6", rows, List.of(), phases,
                Optional.empty()));
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void theSummaryCountsRelationsAndTheRunsWhenThereAreMore() {
        assertEquals("specgen: verified on embedded PostgreSQL 17.6: 2 relations (3 test runs), 0 tests, 0 failed"
                + " (1.5 s: start 1.5 s)", summary(List.of(row("Sale", "a.sale"), row("Sale", "a.sale (bulk functions)"),
                row("daily", "a.daily"))));
        assertEquals("specgen: verified on embedded PostgreSQL 17.6: 1 relation, 0 tests, 0 failed (1.5 s: start"
                + " 1.5 s)", summary(List.of(row("Sale", "a.sale"))));
    }
}
