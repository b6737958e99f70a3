package dev.specgen.db;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of {@link ScriptRunner#apply}: how many statements ran (and stayed committed), the notices PostgreSQL
 * sent (e.g. {@code relation "x" already exists, skipping}), and the first failure, if any.
 *
 * @param executed  statements that ran successfully before the end or the failure
 * @param committed statements whose effects are committed (0 after a transactional rollback or a dry run)
 */
public record ApplyResult(int executed, int committed, Duration elapsed, List<String> notices,
        Optional<StmtFailure> failure) {

    public ApplyResult {
        Objects.requireNonNull(elapsed, "elapsed == null");
        notices = List.copyOf(notices);
        Objects.requireNonNull(failure, "failure == null");
    }

    public boolean ok() {
        return failure.isEmpty();
    }
}
