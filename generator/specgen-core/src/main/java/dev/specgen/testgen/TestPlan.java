package dev.specgen.testgen;

import java.util.List;
import java.util.Optional;

/**
 * The generated test files of a run, one per entity, in the plan's entity order, and the session checks of the
 * entities that have any (checks that need several connections at once), in the same order.
 */
public record TestPlan(List<TestFile> files, List<SessionFile> sessionFiles) {
    public TestPlan {
        files = List.copyOf(files);
        sessionFiles = List.copyOf(sessionFiles);
    }

    public Optional<TestFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
