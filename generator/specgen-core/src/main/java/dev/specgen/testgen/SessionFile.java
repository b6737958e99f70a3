package dev.specgen.testgen;

import java.util.List;
import java.util.Objects;

/**
 * The session checks of one entity and the file they are written to for review
 * ({@code analytics/tests/04_sales_transaction_sessions.sql}). Not a pgTAP file: pg_prove runs only
 * {@code *_test.sql}; {@code verify} runs these with several connections.
 *
 * @param entity the entity's spec name ({@code SalesTransaction})
 */
public record SessionFile(String entity, String path, String specFile, String subject, List<SessionCheck> checks) {
    public SessionFile {
        Objects.requireNonNull(entity, "entity == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(specFile, "specFile == null");
        Objects.requireNonNull(subject, "subject == null");
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a session file holds at least one check");
        }
    }
}
