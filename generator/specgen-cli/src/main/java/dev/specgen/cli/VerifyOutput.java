package dev.specgen.cli;

import dev.specgen.Result;
import dev.specgen.diag.Code;
import dev.specgen.report.Reports;
import dev.specgen.verify.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints a verification result and picks the exit code; shared by {@code verify} and {@code build --verify}. */
final class VerifyOutput {
    private VerifyOutput() {
    }

    static int finish(Result r, DbMixin db, PrintWriter out, PrintWriter err) {
        boolean errors = Reporter.diagnostics(r, err);
        if (r.diagnostics().stream().anyMatch(d -> d.isError() && d.code() == Code.SG003)) {
            return Main.USAGE; // a bad option value (--pg-version 99, a malformed --db-url)
        }
        if (r.verification().isEmpty()) {
            return errors ? (r.rendered().isPresent() ? Main.VERIFY_FAILED : Main.SPEC_ERRORS) : Main.OK;
        }
        VerifyReport report = r.verification().get();
        out.print(Reports.render(report, r.diagnostics(), db.format));
        if (db.report != null) {
            try {
                Path p = db.report;
                if (p.getParent() != null) {
                    Files.createDirectories(p.getParent());
                }
                Files.writeString(p, Reports.render(report, r.diagnostics(), Reports.forFile(p.toString())),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("specgen: cannot write report " + db.report + ": " + e.getMessage());
                return Main.USAGE;
            }
        }
        return report.passed() && !errors ? Main.OK : Main.VERIFY_FAILED;
    }
}
