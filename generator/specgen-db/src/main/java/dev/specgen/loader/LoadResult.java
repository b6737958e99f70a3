package dev.specgen.loader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a load did, this run and earlier ones of the same file together: {@code rows} input rows handled,
 * {@code written} rows the function reported written (inserted, changed...), {@code rejected} rows set aside (with
 * the reject file holding them), {@code batches} committed ({@code skipped} of them by an earlier run),
 * {@code retries} batches redone after a lost connection; {@code stopped} says why the load ended early;
 * {@code direct} of this run's batches were COPYed straight into the table (a plain insert whose batch went in
 * whole), the others through the staging table.
 */
public record LoadResult(long rows, long written, long rejected, long batches, long skipped, long retries,
        Duration elapsed, Optional<Path> rejectFile, Optional<String> stopped, String target, long direct) {

    public double rowsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : rows / s;
    }

    public boolean complete() {
        return stopped.isEmpty();
    }

    /** {@code loaded 1,000,000 rows into a.b (999,900 written, 100 rejected) in 12.3 s: 81,300 rows/s}. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%s %,d rows into %s (%,d written, %,d rejected) in %.1f s:"
                + " %,.0f rows/s%s", complete() ? "loaded" : "stopped after", rows, target, written, rejected,
                elapsed.toNanos() / 1e9, rowsPerSecond(), skipped > 0 ? "; " + skipped + " batches were loaded by an"
                        + " earlier run" : "");
    }
}
