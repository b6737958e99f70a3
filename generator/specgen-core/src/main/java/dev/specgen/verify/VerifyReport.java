package dev.specgen.verify;

import dev.specgen.diag.Diagnostic;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a verification found. {@code phases} are wall times of the steps in order (start, apply, reapply, catalog,
 * tests, ...); {@code keptUrl} is set when the database was left running ({@code --keep}).
 */
public record VerifyReport(String database, List<EntityReport> entities, List<Diagnostic> diagnostics,
        Map<String, Duration> phases, Optional<String> keptUrl) {

    public VerifyReport {
        entities = List.copyOf(entities);
        diagnostics = List.copyOf(diagnostics);
        phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    public boolean passed() {
        return diagnostics.stream().noneMatch(Diagnostic::isError) && entities.stream().allMatch(EntityReport::passed);
    }

    public int testsRun() {
        return entities.stream().mapToInt(e -> e.tests().map(t -> t.tests().size()).orElse(0)).sum();
    }

    public int testsFailed() {
        return entities.stream().mapToInt(e -> e.tests().map(t -> t.failed()).orElse(0)).sum();
    }

    public Duration total() {
        return phases.values().stream().reduce(Duration.ZERO, Duration::plus);
    }
}
