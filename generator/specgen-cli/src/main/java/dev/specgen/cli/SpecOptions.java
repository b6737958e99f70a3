package dev.specgen.cli;

import dev.specgen.Limits;
import dev.specgen.Options;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** Options every command shares: which specs, where output goes, template overrides. */
final class SpecOptions {
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPECS", description = "A spec file or a folder of *.yaml specs.")
    Path specs;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "generated",
            description = "Output folder specgen owns (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "Folder with template overrides (postgres/<name>.ftl); the rest come from the jar.")
    Path templates;

    @Option(names = "--max-relations", paramLabel = "N", description = "Tables and partitions one run may generate "
            + "(default: 100000; SG310).")
    Long maxRelations;

    @Option(names = "--max-statements", paramLabel = "N", description = "DDL statements one run may generate "
            + "(default: 250000; SG311).")
    Long maxStatements;

    @Option(names = "--max-output-bytes", paramLabel = "N", description = "Bytes of SQL one run may generate "
            + "(default: 268435456, 256 MiB; SG312).")
    Long maxOutputBytes;

    /** The build command for these options, for hints: {@code specgen build specs --out out}. */
    String buildCommand() {
        String cmd = "specgen build " + slashes(specs);
        cmd += out.normalize().equals(Path.of("generated")) ? "" : " --out " + slashes(out);
        return templates == null ? cmd : cmd + " --templates " + slashes(templates);
    }

    private static String slashes(Path p) {
        return p.toString().replace('\\', '/');
    }

    Options toOptions() {
        Options o = Options.of(Path.of("").toAbsolutePath(), specs, out);
        o = templates == null ? o : o.withTemplates(templates);
        return o.withLimits(limits());
    }

    private Limits limits() {
        Limits l = Limits.DEFAULT;
        l = maxRelations == null ? l : l.withRelations(positive("--max-relations", maxRelations));
        l = maxStatements == null ? l : l.withStatements(positive("--max-statements", maxStatements));
        return maxOutputBytes == null ? l : l.withOutputBytes(positive("--max-output-bytes", maxOutputBytes));
    }

    private long positive(String option, long n) {
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be a positive number, not " + n);
        }
        return n;
    }
}
