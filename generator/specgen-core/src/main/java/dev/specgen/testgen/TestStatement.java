package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import java.util.Objects;

/**
 * One statement of a generated test file, for the static parse check: its SQL (no comments, no terminating
 * semicolon), the spec position of the step it comes from, the file, and the step's template
 * ({@code tests/begin}, {@code tests/pruning}, ...) to tell statement kinds apart.
 */
public record TestStatement(String sql, SourcePos origin, String file, String step) {
    public TestStatement {
        Objects.requireNonNull(sql, "sql == null");
        Objects.requireNonNull(origin, "origin == null");
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(step, "step == null");
    }
}
