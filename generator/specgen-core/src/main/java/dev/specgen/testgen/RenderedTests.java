package dev.specgen.testgen;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Rendered test files by path (relative to the output folder), and every statement in file order. */
public record RenderedTests(SortedMap<String, String> files, List<TestStatement> statements) {
    public RenderedTests {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        statements = List.copyOf(statements);
    }
}
