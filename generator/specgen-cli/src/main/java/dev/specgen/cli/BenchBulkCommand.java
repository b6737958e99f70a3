package dev.specgen.cli;

import dev.specgen.Options;
import dev.specgen.bench.bulk.BulkBench;
import dev.specgen.bench.bulk.BulkBenchRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code specgen bench bulk}: every bulk write path side by side against binary COPY ({@link BulkBenchRun}). */
@Command(name = "bulk", mixinStandardHelpOptions = true, description = {"Every way to write many rows into the "
        + "example sales table, side by side on the embedded PostgreSQL, against binary COPY: rows/s, ratio, server "
        + "CPU, WAL, dead tuples; each the median of --repeat runs. Prints the table, writes a section of docs/benchmarks.md and JSON; --compare reads "
        + "two JSON files instead."})
final class BenchBulkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--specs", paramLabel = "DIR", defaultValue = "specs", description = "The example specs.")
    Path specs;
    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000", description = "Rows (default 1000000).")
    int rows;
    @Option(names = "--sample", paramLabel = "N", defaultValue = "5000", description = "Rows of the single-row "
            + "paths, extrapolated (default 5000).")
    int sample;
    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", description = "Runs of every path, in an "
            + "order rotated each round; the median is reported (default 3).")
    int repeat;
    @Option(names = "--doc", paramLabel = "FILE", defaultValue = "docs/benchmarks.md", description = "Markdown "
            + "file to write the section into; 'none' to skip.")
    String doc;
    @Option(names = "--json", paramLabel = "FILE", defaultValue = "bench-bulk.json", description = "JSON output.")
    Path json;
    @Option(names = "--machine", paramLabel = "TEXT", defaultValue = "this machine", description = "How the docs "
            + "name the machine (cores, load).")
    String machine;
    @Option(names = "--only", paramLabel = "PATH", split = ",", description = "Runs only these paths (their names"
            + " as the table prints them, comma-separated) and binary COPY, for side-by-side measurements; the docs are"
            + " left alone.")
    List<String> only;
    @Option(names = "--compare", arity = "2", paramLabel = "JSON", description = "Compare two JSON files of earlier "
            + "runs path by path (runs nothing).")
    List<Path> compare;

    @Override
    public Integer call() throws Exception {
        if (compare != null) {
            spec.commandLine().getOut().print(BulkBenchRun.compare(compare.get(0), compare.get(1)));
            return Main.OK;
        }
        if (!Files.isDirectory(specs)) {
            spec.commandLine().getErr().println("specgen: --specs " + specs + " is not a folder of specs (bench bulk "
                    + "writes into the example sales table: run it from the repository root or pass --specs DIR)");
            return Main.USAGE;
        }
        BulkBench.BenchOptions o = new BulkBench.BenchOptions(Options.of(Path.of("").toAbsolutePath(), specs,
                Path.of("generated")), rows, 10_000, sample, Path.of(""), repeat);
        if (only != null) {
            java.util.Set<String> known = BulkBench.PATHS;
            for (String name : only) {
                if (!known.contains(name)) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--only: no path \"" + name
                            + "\"; the paths are " + String.join(", ", known));
                }
            }
            o = o.withOnly(java.util.Set.copyOf(only));
        }
        try {
            spec.commandLine().getOut().print(BulkBenchRun.run(o, json, doc.equals("none") || only != null
                    ? Optional.empty() : Optional.of(Path.of(doc)), machine,
                    TerminalProgress.forTerminal(spec.commandLine().getErr())));
        } catch (BulkBench.SpecsRefused e) {
            spec.commandLine().getErr().println("specgen: bench bulk: " + e.getMessage());
            return Main.SPEC_ERRORS;
        }
        return Main.OK;
    }
}
