package dev.specgen.testgen;

import dev.specgen.render.RenderedSessionCheck;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rendered test files by path (relative to the output folder), every statement in file order (session checks'
 * too, for the parse gate), and the session checks for the verifier's runner.
 */
public record RenderedTests(SortedMap<String, String> files, List<TestStatement> statements,
        List<RenderedSessionCheck> sessionChecks) {
    public RenderedTests {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        statements = List.copyOf(statements);
        sessionChecks = List.copyOf(sessionChecks);
    }
}
