package dev.specgen.bench.bulk;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One run of {@code specgen bench bulk}: per path the rows it wrote, its wall time, the server's CPU seconds and the
 * WAL it wrote (extrapolated from a sample where {@code sampled}), and dead tuples where rows were replaced; each the
 * median of {@code repeat} measurements, which are kept.
 */
public record BenchResult(int rows, String postgres, int repeat, List<Path> paths) {

    public BenchResult {
        Objects.requireNonNull(postgres, "postgres == null");
        paths = List.copyOf(paths);
    }

    /** One measurement of a path (scaled to all rows where the path is sampled). */
    public record Run(double seconds, double cpuSeconds, long walBytes, long deadTuples) {
    }

    /**
     * One measured path: each figure the median of its runs (taken figure by figure, as {@code bench mv} does), and
     * the runs. {@code group}: insert, upsert or replace.
     */
    public record Path(String group, String name, long rows, double seconds, double cpuSeconds, long walBytes,
            long deadTuples, boolean sampled, List<Run> runs) {
        public Path {
            runs = List.copyOf(runs);
        }

        public double rowsPerSecond() {
            return seconds <= 0 ? 0 : rows / seconds;
        }

        /** The path from its runs: the median of each figure (the upper one of an even count). */
        static Path median(String group, String name, long rows, boolean sampled, List<Run> runs) {
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("no runs of " + name);
            }
            return new Path(group, name, rows, med(runs.stream().mapToDouble(Run::seconds).toArray()),
                    med(runs.stream().mapToDouble(Run::cpuSeconds).toArray()),
                    Math.round(med(runs.stream().mapToDouble(Run::walBytes).toArray())),
                    Math.round(med(runs.stream().mapToDouble(Run::deadTuples).toArray())), sampled, runs);
        }

        private static double med(double[] v) {
            double[] s = v.clone();
            java.util.Arrays.sort(s);
            return s[s.length / 2];
        }

        /** (slowest - fastest) / median wall time of the runs: how far the runs disagree (0 for one run). */
        public double spread() {
            double lo = runs.stream().mapToDouble(Run::seconds).min().orElse(0);
            double hi = runs.stream().mapToDouble(Run::seconds).max().orElse(0);
            return seconds <= 0 ? 0 : (hi - lo) / seconds;
        }
    }

    /** Rows per second of the reference, binary COPY into the empty indexed table. */
    public double copyRate() {
        return paths.stream().filter(p -> p.name().equals(BulkBench.COPY)).mapToDouble(Path::rowsPerSecond)
                .findFirst().orElse(0);
    }

    public double vsCopy(Path p) {
        double c = copyRate();
        return c <= 0 ? 0 : p.rowsPerSecond() / c;
    }

    public java.util.Optional<Path> path(String name) {
        return paths.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The goals of issue 7, each with what this run measured. */
    public List<String> goals() {
        List<String> out = new java.util.ArrayList<>();
        goal(out, "array insert function >= 0.5x COPY", BulkBench.ARRAY, 0.5);
        goal(out, "jsonb insert function >= 0.45x COPY", BulkBench.JSON, 0.45);
        goal(out, "specgen load >= 0.9x COPY", BulkBench.LOAD, 0.9);
        goal(out, "load --jobs 2 >= 1.5x COPY", BulkBench.LOAD2, 1.5);
        // the goal is judged on one session; the --jobs 2 form is shown beside it
        goal(out, "load --initial (one session) >= 2.5x COPY", BulkBench.INITIAL, 2.5);
        goal(out, "upsert via load (10% conflicts) >= 0.6x COPY", BulkBench.UPSERT_LOAD, 0.6);
        var replace = path(BulkBench.REPLACE);
        var naive = path(BulkBench.NAIVE);
        if (replace.isPresent() && naive.isPresent() && naive.get().walBytes() > 0) {
            double r = (double) replace.get().walBytes() / naive.get().walBytes();
            out.add(String.format(Locale.ROOT, "%s replace with 10%% changed writes <= half the WAL of delete +"
                    + " insert: %.2fx", r <= 0.5 ? "met   " : "missed", r));
        }
        return out;
    }

    private void goal(List<String> out, String what, String name, double target) {
        path(name).ifPresent(p -> {
            double r = vsCopy(p);
            out.add(String.format(Locale.ROOT, "%s %s: %.2fx", r >= target ? "met   " : "missed", what, r));
        });
    }
}
