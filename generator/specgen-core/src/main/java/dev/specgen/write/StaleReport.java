package dev.specgen.write;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;

/**
 * What {@code check} reports when the output folder is stale: one SG407 per file a fresh build would write or delete,
 * and a unified diff of each (what is on disk to what the build would leave there), so a CI log shows what changed.
 * Only files in the manifest's scope count: the files specgen generates, those the manifest lists, and the manifest
 * itself; other files in the folder are the user's and never make it stale. Shared by the CLI and the Maven goal.
 *
 * @param outDir how the output folder is shown ({@code generated}), '/'-separated, printable
 * @param changes sorted by path
 */
public record StaleReport(String outDir, List<FileChange> changes) {
    public StaleReport {
        Objects.requireNonNull(outDir, "outDir == null");
        changes = List.copyOf(changes);
    }

    public boolean isStale() {
        return !changes.isEmpty();
    }

    /** One SG407 error per stale file, at that file; {@code fix} is the hint ({@code run: specgen build specs}). */
    public List<Diagnostic> diagnostics(String fix) {
        return changes.stream().map(c -> {
            String path = path(c);
            String what = switch (c.kind()) {
                case ADDED -> " is missing (build writes it)";
                case CHANGED -> " is stale";
                case DELETED -> " is no longer generated from the specs (build deletes it)";
            };
            return Diagnostic.error(SourcePos.file(path), Code.SG407, path + what).withHint(fix);
        }).toList();
    }

    /** {@code generated/ is stale (2 files)}. */
    public String summary() {
        int n = changes.size();
        return outDir + "/ is stale (" + n + (n == 1 ? " file)" : " files)");
    }

    /**
     * The unified diff of every stale file, in path order, git-style: {@code a/} and {@code b/} in front of a
     * relative folder (so {@code git apply} takes it from the working folder), {@code /dev/null} for a file that is
     * added or deleted. A file whose text on disk is not shown (not UTF-8, too large) gets one line saying so.
     */
    public String diff() {
        StringBuilder out = new StringBuilder();
        boolean absolute = outDir.startsWith("/") || outDir.matches("^[A-Za-z]:.*");
        for (FileChange c : changes) {
            String path = path(c);
            String before = absolute ? path : "a/" + path;
            String after = absolute ? path : "b/" + path;
            switch (c.kind()) {
                case ADDED -> out.append(UnifiedDiff.diff("/dev/null", after, "", c.after()));
                case DELETED -> out.append(c.before().map(t -> UnifiedDiff.diff(before, "/dev/null", t, ""))
                        .orElse("Files " + before + " and /dev/null differ (not shown: not UTF-8 text, or larger "
                                + "than 8 MiB)\n"));
                case CHANGED -> out.append(c.before().map(t -> UnifiedDiff.diff(before, after, t, c.after()))
                        .orElse("Files " + before + " and " + after + " differ (not shown: not UTF-8 text, or larger"
                                + " than 8 MiB)\n"));
            }
        }
        return out.toString();
    }

    private String path(FileChange c) {
        return outDir + "/" + c.path();
    }
}
