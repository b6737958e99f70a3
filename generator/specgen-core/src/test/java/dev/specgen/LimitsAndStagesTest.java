package dev.specgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 through the facade: the stages a run reports, and the limits on what it may generate. */
class LimitsAndStagesTest {
    @TempDir
    Path dir;
    Options opts;

    @BeforeEach
    void specs() throws IOException {
        Files.createDirectories(dir.resolve("specs"));
        Files.writeString(dir.resolve("specs/events.yaml"), """
                entity: Event
                schema: app
                description: everything that happened
                fields:
                  id: {type: bigint, nullable: false}
                  at: {type: timestamptz, nullable: false}
                primary_key: [id, at]
                partitioning: {strategy: range, column: at, interval: daily, from: 2024-01-01, to: 2024-04-01}
                """, StandardCharsets.UTF_8);
        opts = Options.of(dir, Path.of("specs"), Path.of("generated"));
    }

    @Test
    void aBuildReportsEveryStageInOrder() {
        List<Stage> stages = new ArrayList<>();
        Result r = Specgen.generate(opts, (stage, nanos) -> {
            assertTrue(nanos >= 0);
            stages.add(stage);
        });
        assertFalse(r.hasErrors(), r.diagnostics().toString());
        assertEquals(List.of(Stage.values()), stages);
    }

    /** Past a limit nothing is planned: the error names the limit and the option that raises it. */
    @Test
    void tooManyPartitionsStopBeforePlanning() {
        Result r = Specgen.generate(opts.withLimits(Limits.DEFAULT.withRelations(50)));
        assertEquals(List.of("specs/events.yaml:8:15: error SG310: the specs would generate 93 tables and partitions,"
                + " past the limit of 50; Event alone: 93 (91 range partitions and a DEFAULT partition)\n"
                + "  hint: raise the limit with --max-relations (Maven: maxRelations), or generate less: fewer or "
                + "coarser partitions, fewer entities per run"), r.diagnostics().stream().map(Diagnostic::format)
                .toList());
        assertTrue(r.plan().isEmpty());
        assertFalse(Files.exists(dir.resolve("generated")));
        assertFalse(Specgen.generate(opts.withLimits(Limits.DEFAULT.withRelations(93))).hasErrors());
    }

    /**
     * The estimate before planning is a lower bound; rendering counts the bytes exactly and stops at the statement
     * that passes the limit, the same one on every run however the work is spread over the cores.
     */
    @Test
    void outputBytesAreCountedWhileRendering() {
        long actual = Specgen.render(opts).rendered().orElseThrow().statements().stream()
                .mapToLong(s -> 2L * s.sql().getBytes(StandardCharsets.UTF_8).length).sum();
        long estimate = dev.specgen.plan.Workload.of(Specgen.validate(opts).model().orElseThrow().entities().get(0),
                new java.util.HashSet<>()).bytes() + 20;
        assertTrue(estimate < actual, estimate + " < " + actual);
        long limit = (estimate + actual) / 2;
        Options tight = opts.withLimits(Limits.DEFAULT.withOutputBytes(limit));
        Result r = Specgen.generate(tight);
        List<String> messages = r.diagnostics().stream().map(Diagnostic::format).toList();
        assertEquals(1, messages.size(), messages.toString());
        assertEquals(Code.SG312, r.diagnostics().get(0).code());
        assertTrue(messages.get(0).startsWith("specs/events.yaml:8:"), messages.get(0));
        assertTrue(messages.get(0).contains("error SG312: the generated SQL passed the limit of " + String.format(
                java.util.Locale.ROOT, "%,d", limit) + " bytes while rendering partition app.event_p2024_"),
                messages.get(0));
        assertTrue(messages.get(0).contains("hint: raise the limit with --max-output-bytes (Maven: maxOutputBytes)"));
        assertEquals(r.diagnostics(), Specgen.generate(tight).diagnostics(), "the same statement every time");
        assertFalse(Files.exists(dir.resolve("generated")));
    }
}
