package dev.specgen.maven;

import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.report.Reports;
import dev.specgen.write.OutputWriter;
import dev.specgen.write.StaleReport;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when the committed output folder is not what the specs generate (a file stale, missing, or no
 * longer generated), with SG407 per file and the unified diff of each in the log. Writes nothing. In CI, run it
 * with {@code -Dspecgen.generate.skip}: a {@code generate} earlier in the same build would bring the folder up to
 * date first.
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
        StaleReport stale = w.stale();
        if (!stale.isStale()) {
            getLog().info("specgen: " + w.outDir() + "/ is up to date ("
                    + Reports.count(w.written().size() + w.unchanged().size(), "file") + ")");
            return;
        }
        report(stale);
        throw new MojoFailureException("specgen: " + stale.summary() + "; run: mvn specgen:generate");
    }

    /** The one place that prints what is stale: SG407 per file, then the unified diff of each. */
    private void report(StaleReport stale) {
        stale.diagnostics("run: mvn specgen:generate").forEach(d -> d.format().lines().forEach(getLog()::error));
        stale.diff().lines().forEach(getLog()::error);
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
