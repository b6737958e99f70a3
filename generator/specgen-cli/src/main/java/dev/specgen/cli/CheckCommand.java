package dev.specgen.cli;

import dev.specgen.Specgen;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compares the output folder with what 'specgen build' would write, without writing: exit 3 "
                + "and a unified diff of every stale file (to standard output) when they differ.",
            "Only files specgen owns count (those it generates and those its manifest, specgen.sum, lists)."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SpecOptions specOptions;

    @Override
    public Integer call() {
        return CheckOutput.finish(Specgen.check(specOptions.toOptions()), specOptions, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
