package dev.specgen.cli;

import dev.specgen.Options;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options every command shares: which specs, where output goes, template overrides. */
final class SpecOptions {
    @Parameters(index = "0", paramLabel = "SPECS", description = "A spec file or a folder of *.yaml specs.")
    Path specs;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "generated",
            description = "Output folder specgen owns (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "Folder with template overrides (postgres/<name>.ftl); the rest come from the jar.")
    Path templates;

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
        return templates == null ? o : o.withTemplates(templates);
    }
}
