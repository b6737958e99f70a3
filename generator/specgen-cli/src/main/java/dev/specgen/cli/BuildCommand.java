package dev.specgen.cli;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.write.OutputWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import dev.specgen.verify.VerifyOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Validates the specs, renders the DDL, checks every statement with JSqlParser, and writes the "
                + "files that changed into the output folder."})
final class BuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SpecOptions specOptions;

    @Option(names = "--check", description = "Write nothing; exit 3 and print a unified diff if the output folder is "
            + "not up to date (the same as 'specgen check').")
    boolean check;

    @Option(names = "--verify", description = "After writing, prove the output on a live PostgreSQL (see 'specgen "
            + "verify'): apply twice, compare the catalog with the plan, run the generated tests.")
    boolean verify;

    @Mixin
    DbMixin db;

    @Override
    public Integer call() {
        VerifyOptions verifyOptions = db.toVerifyOptions(spec.commandLine());
        if (db.inPlace && !verify) {
            throw new ParameterException(spec.commandLine(), "--in-place only takes effect with --verify");
        }
        Options opts = specOptions.toOptions();
        PrintWriter out = spec.commandLine().getOut();
        if (check) {
            return CheckOutput.finish(Specgen.check(opts), specOptions, out, spec.commandLine().getErr());
        }
        Result r = Specgen.generate(opts);
        int code = reported(r, out, spec.commandLine().getErr());
        if (code != Main.OK || !verify) {
            return code;
        }
        Result v = Specgen.verifyRendered(r, verifyOptions,
                TerminalProgress.forTerminal(spec.commandLine().getErr()));
        return VerifyOutput.finish(v.withoutDiagnosticsOf(r), db, out, spec.commandLine().getErr());
    }

    /**
     * Prints a generate run's diagnostics and what it wrote, and returns its exit code ({@link Main#OK} or
     * {@link Main#SPEC_ERRORS}). Shared with {@link PlainBuild}, which runs the plain form without picocli.
     */
    static int reported(Result r, PrintWriter out, PrintWriter err) {
        if (Reporter.diagnostics(r, err)) {
            return Main.SPEC_ERRORS;
        }
        OutputWriter.Result w = r.output().orElseThrow();
        String dir = w.outDir();
        int total = w.written().size() + w.unchanged().size();
        if (!w.changed()) {
            out.println("specgen: nothing changed (" + Reporter.count(total, "file") + " up to date in " + dir + "/)");
        } else {
            w.written().forEach(p -> out.println("wrote " + dir + "/" + p));
            w.deleted().forEach(p -> out.println("deleted " + dir + "/" + p));
            out.println("specgen: " + w.written().size() + " written, " + w.unchanged().size() + " unchanged, "
                    + w.deleted().size() + " deleted in " + dir + "/");
        }
        return Main.OK;
    }
}
