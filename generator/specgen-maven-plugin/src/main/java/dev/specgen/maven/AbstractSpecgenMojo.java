package dev.specgen.maven;

import dev.specgen.Limits;
import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.diag.Diagnostic;
import dev.specgen.report.Reports;
import java.io.File;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares (Flyway's AbstractFlywayMojo): the parameters that make up {@link Options}, the skip
 * switches, and turning a {@link Result} into log lines or a {@link MojoFailureException} with the positioned
 * diagnostics. A goal implements {@link #run()} as one call into {@code dev.specgen.Specgen}.
 */
abstract class AbstractSpecgenMojo extends AbstractMojo {
    /** A spec file, or a folder of {@code *.yaml} specs. */
    @Parameter(property = "specgen.specs", defaultValue = "${project.basedir}/specs", required = true)
    File specs;

    /** The folder specgen owns: generated files go there, and {@code check} compares it with the specs. */
    @Parameter(property = "specgen.outputDirectory", defaultValue = "${project.basedir}/generated", required = true)
    File outputDirectory;

    /** Folder of template overrides ({@code postgres/<name>.ftl}); the rest come from the plugin. */
    @Parameter(property = "specgen.templates")
    File templates;

    /** Write the install script as the Flyway repeatable migration {@code R__<flywayName>.sql}. */
    @Parameter(property = "specgen.flywayName")
    String flywayName;

    /** Tables and partitions one run may generate (SG310); default 100000. */
    @Parameter(property = "specgen.maxRelations")
    Long maxRelations;

    /** DDL statements one run may generate (SG311); default 250000. */
    @Parameter(property = "specgen.maxStatements")
    Long maxStatements;

    /** Bytes of SQL one run may generate (SG312); default 268435456 (256 MiB). */
    @Parameter(property = "specgen.maxOutputBytes")
    Long maxOutputBytes;

    /** Skip every specgen goal. */
    @Parameter(property = "specgen.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipGoal()) {
            getLog().info("specgen: skipped (" + (skip ? "specgen.skip" : skipProperty()) + ")");
            return;
        }
        for (var limit : java.util.Map.of("maxRelations", java.util.Optional.ofNullable(maxRelations),
                "maxStatements", java.util.Optional.ofNullable(maxStatements), "maxOutputBytes",
                java.util.Optional.ofNullable(maxOutputBytes)).entrySet()) {
            if (limit.getValue().isPresent() && limit.getValue().get() < 1) {
                throw new MojoFailureException("specgen: " + limit.getKey() + " must be a positive number, not "
                        + limit.getValue().get());
            }
        }
        try {
            run();
        } catch (RuntimeException e) {
            throw new MojoExecutionException("specgen: internal error: " + e + " (this is a specgen bug)", e);
        }
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** This goal's own skip switch. */
    abstract boolean skipGoal();

    abstract String skipProperty();

    Options options() {
        Path base = project.getBasedir().toPath();
        Options o = Options.of(base, base.relativize(specs.toPath().toAbsolutePath()),
                base.relativize(outputDirectory.toPath().toAbsolutePath()));
        if (templates != null) {
            o = o.withTemplates(base.relativize(templates.toPath().toAbsolutePath()));
        }
        o = flywayName == null ? o : o.withFlywayName(flywayName);
        Limits l = Limits.DEFAULT;
        l = maxRelations == null ? l : l.withRelations(maxRelations);
        l = maxStatements == null ? l : l.withStatements(maxStatements);
        return o.withLimits(maxOutputBytes == null ? l : l.withOutputBytes(maxOutputBytes));
    }

    /** The output folder as the log names it: relative to the project. */
    String shownOutput() {
        return options().out().toString().replace('\\', '/') + "/";
    }

    /** Logs warnings; fails the build with every error diagnostic (Maven prints them, once, at the end). */
    void failOnErrors(Result r) throws MojoFailureException {
        r.diagnostics().stream().filter(d -> !d.isError()).forEach(d -> d.format().lines().forEach(getLog()::warn));
        if (r.hasErrors()) {
            throw new MojoFailureException("specgen: " + Reports.count(r.errorCount(), "error") + "\n"
                    + r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format)
                            .collect(Collectors.joining("\n")));
        }
    }
}
