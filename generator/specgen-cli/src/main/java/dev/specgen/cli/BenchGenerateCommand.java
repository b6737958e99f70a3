package dev.specgen.cli;

import dev.specgen.bench.generate.BenchReport;
import dev.specgen.bench.generate.BenchRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code specgen bench generate}: the generator benchmark (issue 12), a thin door to {@link BenchRun}. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = {"Times 'build' of N synthetic entities "
        + "(copies of the example sales entity): per stage in this JVM after warm-up builds, and as fresh CLI "
        + "processes with several JVM settings. Prints a table; writes JSON to compare runs. Needs no database."})
final class BenchGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--entities", defaultValue = "1000", description = "Synthetic entities (default: ${DEFAULT-VALUE}).")
    int entities;

    @Option(names = "--warmups", defaultValue = "5", description = "Unmeasured in-process builds first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--iterations", defaultValue = "5", description = "Measured in-process builds (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--cold-runs", defaultValue = "3", description = "Fresh processes per variant; 0: none (default: ${DEFAULT-VALUE}).")
    int coldRuns;

    @Option(names = "--examples", paramLabel = "DIR", description = "Also build this spec folder cold (e.g. specs).")
    Path examples;

    @Option(names = "--compare-jar", paramLabel = "NAME=JAR", description = "Another specgen.jar (an older build) run cold beside this one.")
    Map<String, Path> otherJars = new LinkedHashMap<>();

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "target/bench-generate", description = "Scratch folder (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the figures as JSON (default: <work>/generate.json).")
    Path json;

    @Option(names = "--baseline", paramLabel = "FILE", description = "JSON of an earlier run: print each figure's ratio to it.")
    Path baseline;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (entities < 1 || warmups < 0 || iterations < 1 || coldRuns < 0) {
            err.println("specgen: --entities and --iterations must be at least 1, --warmups and --cold-runs at least 0");
            return Main.USAGE;
        }
        if (examples != null && !Files.isDirectory(examples)) {
            err.println("specgen: --examples " + examples + " is not a folder of specs");
            return Main.USAGE;
        }
        Optional<Path> jar = coldRuns > 0 ? ownJar() : Optional.empty();
        if (coldRuns > 0 && jar.isEmpty()) {
            err.println("specgen: not started from specgen.jar: cold CLI runs left out");
        }
        BenchReport report = BenchRun.run(new BenchRun.Settings(work, entities, warmups, iterations, coldRuns, jar,
                Optional.ofNullable(examples), otherJars), msg -> {
                    err.println("specgen bench: " + msg);
                    err.flush();
                });
        Optional<Map<String, Double>> base = baseline == null ? Optional.empty()
                : Optional.of(BenchReport.readFigures(Files.readString(baseline, StandardCharsets.UTF_8)));
        out.print(report.table(base));
        Path jsonFile = json != null ? json : work.resolve("generate.json");
        Files.writeString(jsonFile, report.json(), StandardCharsets.UTF_8);
        out.println("wrote " + jsonFile);
        return Main.OK;
    }

    private static Optional<Path> ownJar() {
        try {
            Path p = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
