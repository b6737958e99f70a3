package dev.specgen.cli;

import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.plan.PlannedFile;
import dev.specgen.plan.SqlObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Lists the files and SQL objects specgen would generate, each with its spec position.")
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SpecOptions specOptions;

    @Override
    public Integer call() {
        Result r = Specgen.render(specOptions.toOptions());
        if (Reporter.diagnostics(r, spec.commandLine().getErr())) {
            return Main.SPEC_ERRORS;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (PlannedFile f : r.plan().orElseThrow().files()) {
            out.println(f.path());
            for (SqlObject o : f.objects()) {
                out.println("  " + o.describe() + (o.transactional() ? "" : " [outside transaction]") + "  <- "
                        + o.origin());
            }
        }
        return Main.OK;
    }
}
