package dev.specgen.maven;

import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.report.Reports;
import dev.specgen.write.OutputWriter;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when the committed output folder is not what the specs generate (a file stale, missing, or no
 * longer generated). Writes nothing. In CI, run it with {@code -Dspecgen.generate.skip}: a {@code generate} earlier
 * in the same build would bring the folder up to date first.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractSpecgenMojo {
    @Parameter(property = "specgen.check.skip", defaultValue = "false")
    boolean skipCheck;

    @Override
    void run() throws MojoFailureException {
        Result r = Specgen.check(options());
        failOnErrors(r);
        OutputWriter.Result w = r.output().orElseThrow();
        int total = w.written().size() + w.unchanged().size();
        if (!w.changed()) {
            getLog().info("specgen: " + shownOutput() + " is up to date (" + Reports.count(total, "file") + ")");
            return;
        }
        String summary = reportStale(w);
        throw new MojoFailureException(summary + "; run: mvn specgen:generate");
    }

    /** The one place that prints what is stale (the unified diff of each file goes here). */
    private String reportStale(OutputWriter.Result w) {
        String dir = shownOutput();
        String fix = "run: mvn specgen:generate";
        w.written().forEach(p -> Diagnostic.error(SourcePos.file(dir + p), Code.SG407, dir + p + " is stale")
                .withHint(fix).format().lines().forEach(getLog()::error));
        w.deleted().forEach(p -> Diagnostic.error(SourcePos.file(dir + p), Code.SG407, dir + p
                + " is no longer generated from the specs (generate deletes it)").withHint(fix).format().lines()
                .forEach(getLog()::error));
        return "specgen: " + dir + " is stale (" + Reports.count(w.written().size() + w.deleted().size(), "file")
                + ")";
    }

    @Override
    boolean skipGoal() {
        return skipCheck;
    }

    @Override
    String skipProperty() {
        return "specgen.check.skip";
    }
}
