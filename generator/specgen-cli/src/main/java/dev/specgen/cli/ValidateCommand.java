package dev.specgen.cli;

import dev.specgen.Result;
import dev.specgen.Specgen;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks the specs and reports every problem, without generating anything.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SpecOptions specOptions;

    @Override
    public Integer call() {
        Result r = Specgen.validate(specOptions.toOptions());
        if (Reporter.diagnostics(r, spec.commandLine().getErr())) {
            return Main.SPEC_ERRORS;
        }
        int n = r.model().map(m -> m.entities().size()).orElse(0);
        spec.commandLine().getOut().println("specgen: " + Reporter.count(n, "entity", "entities")
                + " valid");
        return Main.OK;
    }
}
