package dev.specgen.cli;

import dev.specgen.Result;
import dev.specgen.Specgen;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Proves the generated SQL on a live PostgreSQL without writing files: applies it twice in a "
                + "scratch database, compares the catalog with the plan, and runs the generated pgTAP tests.",
                "Default database: embedded PostgreSQL 17 (no set-up needed)."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SpecOptions specOptions;

    @Mixin
    DbMixin db;

    @Override
    public Integer call() {
        Result r = Specgen.verify(specOptions.toOptions(), db.toVerifyOptions(spec.commandLine()),
                TerminalProgress.forTerminal(spec.commandLine().getErr()));
        if (r.rendered().isEmpty()) {
            Reporter.diagnostics(r, spec.commandLine().getErr());
            return Main.SPEC_ERRORS;
        }
        return VerifyOutput.finish(r, db, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
