package dev.specgen.testgen;

import java.util.List;
import java.util.Optional;

/** The generated test files of a run, one per entity, in the plan's entity order. */
public record TestPlan(List<TestFile> files) {
    public TestPlan {
        files = List.copyOf(files);
    }

    public Optional<TestFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
