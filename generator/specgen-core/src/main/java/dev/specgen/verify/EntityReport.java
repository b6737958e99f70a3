package dev.specgen.verify;

import dev.specgen.db.TapResult;
import java.util.Objects;
import java.util.Optional;

/**
 * One entity's verification: whether its DDL applied, and the result of its generated test file (absent when the
 * tests did not run).
 */
public record EntityReport(String entity, String table, String specFile, String testFile, boolean applied,
        Optional<TapResult> tests) {
    public EntityReport {
        Objects.requireNonNull(entity, "entity == null");
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(specFile, "specFile == null");
        Objects.requireNonNull(testFile, "testFile == null");
        Objects.requireNonNull(tests, "tests == null");
    }

    public boolean passed() {
        return applied && tests.map(TapResult::ok).orElse(true);
    }
}
