package dev.specgen.cli;

import dev.specgen.Result;
import dev.specgen.diag.Diagnostic;
import dev.specgen.report.Reports;
import java.io.PrintWriter;

/** Prints diagnostics and the closing summary line the same way for every command. */
final class Reporter {
    private Reporter() {
    }

    /** Prints every diagnostic to {@code err}; returns true when there were errors (and says how many). */
    static boolean diagnostics(Result r, PrintWriter err) {
        for (Diagnostic d : r.diagnostics()) {
            err.println(d.format());
        }
        if (r.hasErrors()) {
            err.println("specgen: " + count(r.errorCount(), "error") + ", " + count(r.warningCount(), "warning"));
            return true;
        }
        return false;
    }

    static String count(long n, String noun) {
        return Reports.count(n, noun);
    }

    static String count(long n, String singular, String plural) {
        return Reports.count(n, singular, plural);
    }
}
