package dev.specgen.cli;

import dev.specgen.Result;
import dev.specgen.write.OutputWriter;
import dev.specgen.write.StaleReport;
import java.io.PrintWriter;

/**
 * Prints a check result and picks the exit code; shared by {@code check} and {@code build --check}. The unified diff
 * goes to standard output (so {@code specgen check specs > review.patch} is a patch), diagnostics to standard error.
 */
final class CheckOutput {
    private CheckOutput() {
    }

    static int finish(Result r, SpecOptions specOptions, PrintWriter out, PrintWriter err) {
        if (Reporter.diagnostics(r, err)) {
            return Main.SPEC_ERRORS;
        }
        OutputWriter.Result w = r.output().orElseThrow();
        StaleReport report = w.stale();
        if (!report.isStale()) {
            out.println("specgen: " + w.outDir() + "/ is up to date ("
                    + Reporter.count(w.written().size() + w.unchanged().size(), "file") + ")");
            return Main.OK;
        }
        out.print(report.diff());
        out.flush();
        report.diagnostics("run: " + specOptions.buildCommand()).forEach(d -> err.println(d.format()));
        err.println("specgen: " + report.summary());
        return Main.STALE;
    }
}
