package dev.specgen.cli;

import dev.specgen.Options;
import dev.specgen.bench.bulk.BenchReport;
import dev.specgen.bench.bulk.BenchResult;
import dev.specgen.bench.bulk.BulkBench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code specgen bench}: measurements of the generated SQL on an embedded PostgreSQL, one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of the generated SQL on an embedded PostgreSQL (not part of the test suite; each"
                + " prints a table, writes JSON and its section of docs/benchmarks.md).",
        subcommands = {BenchCommand.Bulk.class, BenchCommand.Compare.class, BenchMvCommand.class})
final class BenchCommand {

    @Command(name = "bulk", mixinStandardHelpOptions = true, description = {"Every way to write many rows into the "
            + "example sales table, side by side on the embedded PostgreSQL, against binary COPY: rows/s, ratio, "
            + "server CPU, WAL. Prints the table, writes a section of docs/benchmarks.md and JSON."})
    static final class Bulk implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--specs", paramLabel = "DIR", defaultValue = "specs", description = "The example specs.")
        Path specs;
        @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000", description = "Rows (default 1000000).")
        int rows;
        @Option(names = "--sample", paramLabel = "N", defaultValue = "5000", description = "Rows of single-row paths.")
        int sample;
        @Option(names = "--doc", paramLabel = "FILE", defaultValue = "docs/benchmarks.md", description = "Markdown "
                + "file to write the section into; 'none' to skip.")
        String doc;
        @Option(names = "--json", paramLabel = "FILE", defaultValue = "bench-bulk.json", description = "JSON output.")
        Path json;
        @Option(names = "--machine", paramLabel = "TEXT", defaultValue = "this machine", description = "How the docs "
                + "name the machine (cores, load).")
        String machine;

        @Override
        public Integer call() throws Exception {
            Path work = Files.createTempDirectory("specgen-bench-");
            try {
                BenchResult r = BulkBench.run(new BulkBench.BenchOptions(Options.of(Path.of("").toAbsolutePath(),
                        specs, Path.of("generated")), rows, 10_000, sample, work),
                        TerminalProgress.forTerminal(spec.commandLine().getErr()));
                spec.commandLine().getOut().print(BenchReport.table(r));
                Files.writeString(json, BenchReport.json(r), StandardCharsets.UTF_8);
                if (!doc.equals("none")) {
                    BenchReport.writeSection(Path.of(doc), r, machine);
                }
                return Main.OK;
            } finally {
                try (var s = Files.walk(work)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, description = "Compares two bench JSON files.")
    static final class Compare implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "A") Path a;
        @Parameters(index = "1", paramLabel = "B") Path b;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().print(BenchReport.compare(BenchReport.parse(Files.readString(a)),
                    BenchReport.parse(Files.readString(b))));
            return Main.OK;
        }
    }
}
