package dev.specgen.testgen;

import java.util.List;
import java.util.Objects;

/**
 * One generated pgTAP file for one entity.
 *
 * @param path     relative to the output folder, next to the DDL file:
 *                 {@code analytics/tests/02_sales_transaction_test.sql}
 * @param specFile the spec the entity comes from, for the header
 * @param subject  what the file tests, for its second comment line: {@code analytics.sales_transaction}
 * @param scope    which kinds of tests it holds: {@code structure, partition pruning, index use, time budgets}
 * @param steps    in file order, from {@code BEGIN} to {@code ROLLBACK}
 */
public record TestFile(String path, String specFile, String subject, String scope, List<TestStep> steps) {
    public TestFile {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(specFile, "specFile == null");
        Objects.requireNonNull(subject, "subject == null");
        Objects.requireNonNull(scope, "scope == null");
        steps = List.copyOf(steps);
    }

    /** The number of TAP tests, as {@code plan()} announces it. */
    public int planned() {
        return steps.stream().mapToInt(TestStep::tests).sum();
    }

    public List<Assertion> assertions() {
        return steps.stream().filter(Assertion.class::isInstance).map(Assertion.class::cast).toList();
    }
}
