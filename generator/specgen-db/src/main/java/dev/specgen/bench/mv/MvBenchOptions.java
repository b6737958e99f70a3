package dev.specgen.bench.mv;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code specgen bench mv} runs: the source's size, its groups, how often each measurement is repeated (the
 * median is reported), the change rates, and where the JSON and the docs section go.
 *
 * @param rows       rows of the source table at the start (1,000,000)
 * @param groups     groups of the aggregate (10,000): stores x products
 * @param repeat     repetitions of every measurement; the median is reported
 * @param rates      change rates as fractions of {@code rows} (0.001, 0.01, 0.1, 0.5)
 * @param batch      rows per statement when applying changes (writes arrive as statements of this size)
 * @param writerSeconds how long the concurrent writers of the immediate-mode throughput test write
 * @param json       where the JSON for comparing runs goes
 * @param doc        the markdown file whose "specgen bench mv" section is rewritten (docs/benchmarks.md)
 * @param only       one section to run by itself (its table is printed; no JSON, the docs are left alone), or
 *                   empty for the whole benchmark
 */
public record MvBenchOptions(long rows, int groups, int repeat, List<Double> rates, int batch, int writerSeconds,
        Optional<Path> json, Optional<Path> doc, Optional<Section> only) {

    /** A part of the benchmark that runs by itself ({@code --only}). */
    public enum Section {
        /** Immediate mode: single-row inserts with and without the view, and concurrent writers. */
        IMMEDIATE,
        /** Capture: INSERT ... SELECT, the bulk insert function and specgen load, with and without the triggers. */
        CAPTURE
    }

    public MvBenchOptions {
        if (rows < 1000 || groups < 100 || groups % 100 != 0 || repeat < 1 || batch < 1 || writerSeconds < 1) {
            throw new IllegalArgumentException("rows >= 1000, groups a positive multiple of 100, repeat, batch and"
                    + " writerSeconds >= 1");
        }
        rates = List.copyOf(rates);
        Objects.requireNonNull(json, "json == null");
        Objects.requireNonNull(doc, "doc == null");
        Objects.requireNonNull(only, "only == null");
    }

    /** The benchmark of the issue: 1M rows, 10k groups, 3 repetitions, 0.1%, 1%, 10% and 50%. */
    public static MvBenchOptions standard() {
        return new MvBenchOptions(1_000_000, 10_000, 3, List.of(0.001, 0.01, 0.1, 0.5), 1000, 3, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** A smoke run of every path (for CI): tiny sizes, one repetition; its figures mean nothing. */
    public static MvBenchOptions smoke() {
        return new MvBenchOptions(20_000, 200, 1, List.of(0.01, 0.5), 500, 1, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The command line that runs this benchmark ({@code --smoke} for the smoke run's sizes). */
    public String command() {
        String part = only.map(x -> " --only " + x.name().toLowerCase(java.util.Locale.ROOT)).orElse("");
        MvBenchOptions whole = new MvBenchOptions(rows, groups, repeat, rates, batch, writerSeconds, json, doc,
                Optional.empty());
        return (whole.equals(smoke().withJsonAndDoc(json, doc)) ? "specgen bench mv --smoke"
                : "specgen bench mv --rows " + rows + " --groups " + groups + " --repeat " + repeat) + part;
    }

    private MvBenchOptions withJsonAndDoc(Optional<Path> j, Optional<Path> d) {
        return new MvBenchOptions(rows, groups, repeat, rates, batch, writerSeconds, j, d, only);
    }

    public MvBenchOptions withJson(Path p) {
        return new MvBenchOptions(rows, groups, repeat, rates, batch, writerSeconds, Optional.of(p), doc, only);
    }

    public MvBenchOptions withDoc(Path p) {
        return new MvBenchOptions(rows, groups, repeat, rates, batch, writerSeconds, json, Optional.of(p), only);
    }

    public MvBenchOptions withSize(long newRows, int newGroups, int newRepeat) {
        return new MvBenchOptions(newRows, newGroups, newRepeat, rates, batch, writerSeconds, json, doc, only);
    }

    /** This benchmark, but only {@code section} of it. */
    public MvBenchOptions withOnly(Section section) {
        return new MvBenchOptions(rows, groups, repeat, rates, batch, writerSeconds, json, doc,
                Optional.of(section));
    }
}
