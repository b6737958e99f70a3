package dev.specgen.cli;

import dev.specgen.bench.mv.MvBench;
import dev.specgen.bench.mv.MvBenchOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "mv", mixinStandardHelpOptions = true,
        description = {"Incremental view maintenance against REFRESH MATERIALIZED VIEW [CONCURRENTLY]: an aggregate and"
                + " a join aggregate after insert-only and mixed changes of 0.1%%, 1%%, 10%% and 50%%, a no-op refresh,"
                + " capture overhead on a bulk insert, immediate mode's write overhead and concurrent throughput.",
                "Runs on an embedded PostgreSQL 17 (no set-up); takes several minutes at the default size."})
final class BenchMvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000", description = "Source rows (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--groups", paramLabel = "N", defaultValue = "10000",
            description = "Groups of the aggregate, a multiple of 100 (default: ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "Runs of every measurement; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--smoke", description = "A tiny run of every path (seconds; its figures mean nothing).")
    boolean smoke;

    @Option(names = "--json", paramLabel = "FILE", defaultValue = "bench-mv.json",
            description = "JSON of the results, for comparing runs (default: ${DEFAULT-VALUE}).")
    Path json;

    @Option(names = "--doc", paramLabel = "FILE", defaultValue = "docs/benchmarks.md",
            description = "Markdown file whose \"specgen bench mv\" section is rewritten, when its folder exists"
                    + " (default: ${DEFAULT-VALUE}).")
    Path doc;

    @Option(names = "--only", paramLabel = "SECTION",
            description = "Runs one section by itself and prints its table (no JSON; the docs are left alone):"
                    + " immediate (single-row inserts with and without an immediate view, and 8"
                    + " concurrent writers) or capture (INSERT ... SELECT, the bulk insert function and specgen load,"
                    + " with and without the view's capture triggers).")
    String only;

    @Override
    public Integer call() {
        MvBenchOptions o = smoke ? MvBenchOptions.smoke() : MvBenchOptions.standard().withSize(rows, groups, repeat);
        if (only != null) {
            MvBenchOptions.Section section;
            try {
                section = MvBenchOptions.Section.valueOf(only.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--only takes immediate or capture, found \"" + only + "\"");
            }
            return run(o.withOnly(section));
        }
        o = o.withJson(json);
        if (doc.toAbsolutePath().getParent() != null && Files.isDirectory(doc.toAbsolutePath().getParent())) {
            o = o.withDoc(doc);
        }
        return run(o);
    }

    private Integer run(MvBenchOptions o) {
        MvBench.run(o, spec.commandLine().getOut());
        return Main.OK;
    }
}
