package dev.specgen.bench.bulk;

import dev.specgen.verify.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code specgen bench bulk} in one call: the run ({@link BulkBench}) in a temporary folder for its data files, its
 * JSON, and its section of the benchmarks document; or the comparison of two earlier runs.
 */
public final class BulkBenchRun {
    private BulkBenchRun() {
    }

    /**
     * Runs the benchmark with {@code o} (its work folder is replaced by a temporary one, removed afterwards), writes
     * {@code json} and the section of {@code doc}, and returns the table.
     */
    public static String run(BulkBench.BenchOptions o, Path json, Optional<Path> doc, String machine,
            Progress progress) throws SQLException, IOException {
        Path work = Files.createTempDirectory("specgen-bench-");
        try {
            BenchResult r = BulkBench.run(new BulkBench.BenchOptions(o.specs(), o.rows(), o.batch(), o.sample(),
                    work, o.repeat(), o.only()), progress);
            Files.writeString(json, BenchReport.json(r), StandardCharsets.UTF_8);
            if (doc.isPresent()) {
                BenchReport.writeSection(doc.get(), r, machine);
            }
            return BenchReport.table(r);
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Path by path, the second run against the first ({@link BenchReport#compare}). */
    public static String compare(Path first, Path second) throws IOException {
        return BenchReport.compare(BenchReport.parse(Files.readString(first, StandardCharsets.UTF_8)),
                BenchReport.parse(Files.readString(second, StandardCharsets.UTF_8)));
    }
}
