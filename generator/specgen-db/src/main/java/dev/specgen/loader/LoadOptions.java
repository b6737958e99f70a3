package dev.specgen.loader;

import dev.specgen.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code specgen load} does: load {@code file} through the bulk action {@code action} of the specs.
 *
 * @param batchSize  rows per batch (one transaction each); default: the action's batch_size hint, else
 *                   {@value #DEFAULT_BATCH_SIZE}
 * @param jobs       sessions loading at once
 * @param maxErrors  stop (after the batches in flight) once more rows than this were rejected
 * @param rejectFile where rejected rows go (CSV: line, sqlstate, error, record); default {@code <file>.rejects.csv}
 * @param initial    the partition-aware fast path for empty partitions ({@link InitialLoad}); default: the
 *                   action's {@code disable_indexes} hint
 * @param forget     drop what an earlier load of this file recorded and load it again from the start
 * @param retries    attempts of a batch whose connection was lost, with a pause doubling from {@code backoff}
 * @param stateSchema where the load state lives ({@link LoadState})
 * @param afterAttach --initial: SQL run after each partition is attached again, in the same transaction, with the
 *                   partition's name as parameter 1 and its row count as parameter 2 (if the SQL takes it): the hook
 *                   for what the parent's triggers would have maintained (materialized views, aggregates)
 */
public record LoadOptions(Options specs, String action, Path file, Optional<InputFormat> format,
        OptionalInt batchSize, int jobs, long maxErrors, Optional<Path> rejectFile, Optional<Boolean> initial,
        boolean forget, int retries, Duration backoff, String stateSchema, Optional<String> afterAttach) {
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    public static final long DEFAULT_MAX_ERRORS = 1000;

    public LoadOptions {
        Objects.requireNonNull(specs, "specs == null");
        Objects.requireNonNull(action, "action == null");
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(format, "format == null");
        Objects.requireNonNull(batchSize, "batchSize == null");
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be positive: " + jobs);
        }
        Objects.requireNonNull(rejectFile, "rejectFile == null");
        Objects.requireNonNull(initial, "initial == null");
        Objects.requireNonNull(backoff, "backoff == null");
        Objects.requireNonNull(stateSchema, "stateSchema == null");
        Objects.requireNonNull(afterAttach, "afterAttach == null");
    }

    public static LoadOptions of(Options specs, String action, Path file) {
        return new LoadOptions(specs, action, file, Optional.empty(), OptionalInt.empty(), 1, DEFAULT_MAX_ERRORS,
                Optional.empty(), Optional.empty(), false, 8, Duration.ofMillis(500), "specgen_load", Optional.empty());
    }

    public LoadOptions withJobs(int n) {
        return new LoadOptions(specs, action, file, format, batchSize, n, maxErrors, rejectFile, initial, forget,
                retries, backoff, stateSchema, afterAttach);
    }

    public LoadOptions withBatchSize(int n) {
        return new LoadOptions(specs, action, file, format, OptionalInt.of(n), jobs, maxErrors, rejectFile, initial,
                forget, retries, backoff, stateSchema, afterAttach);
    }

    public LoadOptions withMaxErrors(long n) {
        return new LoadOptions(specs, action, file, format, batchSize, jobs, n, rejectFile, initial, forget, retries,
                backoff, stateSchema, afterAttach);
    }

    public LoadOptions withRejectFile(Path p) {
        return new LoadOptions(specs, action, file, format, batchSize, jobs, maxErrors, Optional.of(p), initial,
                forget, retries, backoff, stateSchema, afterAttach);
    }

    public LoadOptions withFormat(InputFormat f) {
        return new LoadOptions(specs, action, file, Optional.of(f), batchSize, jobs, maxErrors, rejectFile, initial,
                forget, retries, backoff, stateSchema, afterAttach);
    }

    public LoadOptions withInitial(boolean on) {
        return new LoadOptions(specs, action, file, format, batchSize, jobs, maxErrors, rejectFile, Optional.of(on),
                forget, retries, backoff, stateSchema, afterAttach);
    }

    public LoadOptions withForget(boolean on) {
        return new LoadOptions(specs, action, file, format, batchSize, jobs, maxErrors, rejectFile, initial, on,
                retries, backoff, stateSchema, afterAttach);
    }

    public LoadOptions withRetries(int n, Duration pause) {
        return new LoadOptions(specs, action, file, format, batchSize, jobs, maxErrors, rejectFile, initial, forget,
                n, pause, stateSchema, afterAttach);
    }

    public LoadOptions withStateSchema(String schema) {
        return new LoadOptions(specs, action, file, format, batchSize, jobs, maxErrors, rejectFile, initial, forget,
                retries, backoff, schema, afterAttach);
    }

    public LoadOptions withAfterAttach(String sql) {
        return new LoadOptions(specs, action, file, format, batchSize, jobs, maxErrors, rejectFile, initial, forget,
                retries, backoff, stateSchema, Optional.of(sql));
    }

    /** The reject file: as given, or {@code <file>.rejects.csv} next to the input. */
    public Path rejects() {
        return rejectFile.orElseGet(() -> file.resolveSibling(file.getFileName() + ".rejects.csv"));
    }
}
