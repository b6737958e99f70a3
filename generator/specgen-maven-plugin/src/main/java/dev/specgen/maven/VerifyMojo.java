package dev.specgen.maven;

import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.db.DbOptions;
import dev.specgen.report.Reports;
import dev.specgen.verify.Progress;
import dev.specgen.verify.VerifyOptions;
import dev.specgen.verify.VerifyReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * Proves the generated SQL on a live PostgreSQL (embedded by default, or {@code dbUrl}): applies it twice, compares
 * the catalog with the plan, runs the generated tests, and writes a JUnit XML report for CI. The live-database layer
 * and the server binaries are resolved through Maven when this goal runs, never for {@code generate} or {@code check}.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class VerifyMojo extends AbstractSpecgenMojo {
    @Parameter(property = "specgen.verify.skip", defaultValue = "false")
    boolean skipVerify;

    /** Embedded PostgreSQL major version: 16, 17 or 18. */
    @Parameter(property = "specgen.pgVersion", defaultValue = "17")
    int pgVersion;

    /** Verify on an existing server ({@code jdbc:postgresql://host:port/db}) instead of the embedded one. */
    @Parameter(property = "specgen.dbUrl")
    String dbUrl;

    @Parameter(property = "specgen.dbUser")
    String dbUser;

    /** Better: SPECGEN_DB_PASSWORD or PGPASSWORD in the environment. */
    @Parameter(property = "specgen.dbPassword")
    String dbPassword;

    /** Verify in a PostgreSQL container (needs Docker; Testcontainers is resolved when asked for). */
    @Parameter(property = "specgen.testcontainers", defaultValue = "false")
    boolean testcontainers;

    /** With dbUrl: apply to the database itself, not a scratch copy. */
    @Parameter(property = "specgen.inPlace", defaultValue = "false")
    boolean inPlace;

    /** Leave the database (embedded server or scratch database) in place and log its JDBC URL. */
    @Parameter(property = "specgen.keep", defaultValue = "false")
    boolean keep;

    /** Run the generated tests after applying (false: apply and compare the catalog only). */
    @Parameter(property = "specgen.runTests", defaultValue = "true")
    boolean runTests;

    /** The report file: JUnit XML for *.xml, JSON for *.json, TAP for *.tap, else text. */
    @Parameter(property = "specgen.reportFile",
            defaultValue = "${project.build.directory}/specgen-reports/TEST-specgen-verify.xml")
    File reportFile;

    /** SQL files run in the scratch database before the install (your trigger functions, roles); not with inPlace. */
    @Parameter
    List<File> setupScripts = new ArrayList<>();

    @Component
    RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    org.eclipse.aether.RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    org.apache.maven.plugin.descriptor.PluginDescriptor plugin;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        LiveLayer live = new LiveLayer(repositorySystem, repositorySession,
                project.getRemotePluginRepositories(), plugin, getLog());
        live.load(testcontainers);
        Result r = Specgen.verify(options(), verifyOptions().withArtifacts(live::resolve), progress());
        VerifyReport report = r.verification().orElse(null);
        if (report != null) {
            Reports.text(report).lines().forEach(getLog()::info);
            write(Reports.render(report, r.diagnostics(), Reports.forFile(reportFile.getName())));
        }
        failOnErrors(r);
        if (report == null || !report.passed()) {
            throw new MojoFailureException("specgen: verification failed (report: " + reportFile + ")");
        }
    }

    private VerifyOptions verifyOptions() {
        DbOptions db = dbUrl != null ? DbOptions.url(dbUrl)
                : testcontainers ? DbOptions.testcontainers(pgVersion) : DbOptions.embedded(pgVersion);
        if (dbUser != null || dbPassword != null) {
            db = db.withCredentials(dbUser, dbPassword);
        }
        return new VerifyOptions(db.withKeep(keep).withInPlace(inPlace), runTests)
                .withSetup(setupScripts.stream().map(File::toPath).toList());
    }

    private Progress progress() {
        return new Progress() {
            @Override
            public void begin(String step) {
                getLog().info("specgen: " + step);
            }

            @Override
            public void end(String step) {
            }
        };
    }

    private void write(String text) throws MojoExecutionException {
        try {
            Files.createDirectories(reportFile.toPath().toAbsolutePath().getParent());
            Files.writeString(reportFile.toPath(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("specgen: cannot write the report " + reportFile + ": " + e, e);
        }
    }

    @Override
    boolean skipGoal() {
        return skipVerify;
    }

    @Override
    String skipProperty() {
        return "specgen.verify.skip";
    }
}
