package dev.specgen.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.specgen.diag.Diagnostic;
import dev.specgen.write.FileChange.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaleReportTest {
    private static final List<FileChange> CHANGES = List.of(
            new FileChange("a/new.sql", Kind.ADDED, Optional.empty(), "n\n"),
            new FileChange("b/old.sql", Kind.DELETED, Optional.of("o\n"), ""),
            new FileChange("c.sql", Kind.CHANGED, Optional.of("1\n2\n"), "1\n3\n"),
            new FileChange("d.sql", Kind.CHANGED, Optional.empty(), "x\n"));

    @Test
    void oneDiagnosticPerFileAndASummary() {
        StaleReport r = new StaleReport("generated", CHANGES);
        assertEquals(List.of(
                "generated/a/new.sql: error SG407: generated/a/new.sql is missing (build writes it)\n"
                        + "  hint: run: specgen build specs",
                "generated/b/old.sql: error SG407: generated/b/old.sql is no longer generated from the specs (build "
                        + "deletes it)\n  hint: run: specgen build specs",
                "generated/c.sql: error SG407: generated/c.sql is stale\n  hint: run: specgen build specs",
                "generated/d.sql: error SG407: generated/d.sql is stale\n  hint: run: specgen build specs"),
                r.diagnostics("run: specgen build specs").stream().map(Diagnostic::format).toList());
        assertEquals("generated/ is stale (4 files)", r.summary());
    }

    @Test
    void diffIsGitStyleForARelativeFolder() {
        assertEquals("--- /dev/null\n+++ b/generated/a/new.sql\n@@ -0,0 +1 @@\n+n\n"
                + "--- a/generated/b/old.sql\n+++ /dev/null\n@@ -1 +0,0 @@\n-o\n"
                + "--- a/generated/c.sql\n+++ b/generated/c.sql\n@@ -1,2 +1,2 @@\n 1\n-2\n+3\n"
                + "Files a/generated/d.sql and b/generated/d.sql differ (not shown: not UTF-8 text, or larger than "
                + "8 MiB)\n", new StaleReport("generated", CHANGES).diff());
    }

    @Test
    void anAbsoluteFolderIsNamedAsItIs() {
        assertEquals("--- /tmp/out/c.sql\n+++ /tmp/out/c.sql\n@@ -1,2 +1,2 @@\n 1\n-2\n+3\n",
                new StaleReport("/tmp/out", List.of(CHANGES.get(2))).diff());
    }

    @Test
    void nothingChangedIsNotStale() {
        assertFalse(new StaleReport("generated", List.of()).isStale());
    }
}
