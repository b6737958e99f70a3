package dev.specgen.maven;

import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.render.Overview;
import dev.specgen.write.BuildState;
import dev.specgen.write.Manifest;
import dev.specgen.write.OutputWriter;
import java.io.File;
import java.util.List;
import java.util.Optional;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Specs in, output folder written (only files that changed). Skipped when the specs, the override templates, the
 * options and the plugin version hash as on the last run and its files are untouched; adds the output folder as a
 * resource root, so the SQL is packaged (with {@code flywayName}, where Flyway finds it); the manifest and the
 * overview stay out of the package.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractSpecgenMojo {
    @Parameter(property = "specgen.generate.skip", defaultValue = "false")
    boolean skipGenerate;

    /** Add the output folder to the project's resources. */
    @Parameter(property = "specgen.addResources", defaultValue = "true")
    boolean addResources;

    /** Where the output goes inside the packaged resources, e.g. {@code db/migration} for Flyway. */
    @Parameter(property = "specgen.resourceTargetPath")
    String resourceTargetPath;

    /** Generate even when nothing changed since the last build. */
    @Parameter(property = "specgen.force", defaultValue = "false")
    boolean force;

    @Parameter(defaultValue = "${project.build.directory}/specgen/generate.state", readonly = true)
    File stateFile;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    PluginDescriptor plugin;

    @Override
    void run() throws MojoFailureException {
        if (force) {
            stateFile.delete();
        }
        Optional<Result> r = Specgen.generateIfChanged(options(), stateFile.toPath(), toolVersion());
        if (r.isEmpty()) {
            getLog().info("specgen: " + shownOutput() + " is up to date (specs, templates and plugin version "
                    + "unchanged): skipped generation");
        } else {
            failOnErrors(r.get());
            OutputWriter.Result w = r.get().output().orElseThrow();
            w.written().forEach(p -> getLog().info("wrote " + shownOutput() + p));
            w.deleted().forEach(p -> getLog().info("deleted " + shownOutput() + p));
            getLog().info("specgen: " + w.written().size() + " written, " + w.unchanged().size() + " unchanged, "
                    + w.deleted().size() + " deleted in " + shownOutput());
        }
        if (addResources) {
            Resource res = new Resource();
            res.setDirectory(outputDirectory.getAbsolutePath());
            res.setTargetPath(resourceTargetPath);
            // the manifest and the overview are for review, not for the packaged SQL
            res.addExclude(Manifest.FILE_NAME);
            res.addExclude(Overview.FILE);
            project.addResource(res);
        }
    }

    /**
     * What else the output depends on: the plugin version, and for a SNAPSHOT the core jar's content too (a
     * rebuilt snapshot may render differently under the same version).
     */
    private String toolVersion() {
        String v = "specgen " + plugin.getVersion();
        if (!plugin.getVersion().endsWith("-SNAPSHOT")) {
            return v;
        }
        return v + " " + plugin.getArtifacts().stream().filter(a -> a.getArtifactId().equals("specgen-core"))
                .map(a -> BuildState.fingerprint(List.of(), List.of(a.getFile().toPath()))).findFirst().orElse("");
    }

    @Override
    boolean skipGoal() {
        return skipGenerate;
    }

    @Override
    String skipProperty() {
        return "specgen.generate.skip";
    }
}
