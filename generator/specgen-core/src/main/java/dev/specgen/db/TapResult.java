package dev.specgen.db;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed TAP stream plus how the run went. Data only: formatting (JUnit XML, TAP, JSON) belongs to reporting.
 *
 * @param lines   every line in order (plan, tests with their diagnostics, comments, other output)
 * @param stream  the TAP stream exactly as the statements produced it, one entry per line (blank lines dropped)
 * @param planned N from {@code 1..N}, or -1 when no plan line was seen
 * @param passed  tests reported {@code ok} (and {@code not ok # TODO})
 * @param failed  tests reported {@code not ok} without TODO
 * @param error   the statement that aborted the file (as psql with ON_ERROR_STOP would stop), if any
 */
public record TapResult(List<TapLine> lines, List<String> stream, int planned, int passed, int failed,
        Duration elapsed, Optional<TapError> error) {

    /**
     * A statement of the test file failed outside any assertion (syntax error, missing plan, ...).
     *
     * @param line 1-based line in the test file where the failing statement starts
     */
    public record TapError(int line, String sqlState, String message, String statement) {
        public TapError {
            Objects.requireNonNull(sqlState, "sqlState == null");
            Objects.requireNonNull(message, "message == null");
            Objects.requireNonNull(statement, "statement == null");
        }
    }

    public TapResult {
        lines = List.copyOf(lines);
        stream = List.copyOf(stream);
        Objects.requireNonNull(elapsed, "elapsed == null");
        Objects.requireNonNull(error, "error == null");
    }

    public List<TapLine> tests() {
        return lines.stream().filter(TapLine::isTest).toList();
    }

    public List<TapLine> failures() {
        return lines.stream().filter(TapLine::isFailure).toList();
    }

    public int ran() {
        return passed + failed;
    }

    /** No error, a plan, as many tests as planned, none failed: what pg_prove calls a passing file. */
    public boolean ok() {
        return error.isEmpty() && failed == 0 && planned >= 0 && ran() == planned;
    }
}
