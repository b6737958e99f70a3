package dev.specgen;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run works on; built by every front door (CLI, Maven goal, tests) the same way.
 *
 * @param root the folder relative paths are shown against (the working directory, or the Maven base dir)
 * @param specs a spec file or a folder of them, as the user wrote it (relative to {@code root} or absolute)
 * @param out the output folder specgen owns ({@code generated/})
 * @param templates optional folder of template overrides ({@code postgres/create_table.ftl}, ...)
 * @param flywayName when set, the install script is written as the Flyway repeatable migration
 *                   {@code R__<flywayName>.sql} instead of {@code install.sql} (Flyway re-applies it when it changes)
 * @param limits how much the run may generate ({@link Limits#DEFAULT} unless raised)
 */
public record Options(Path root, Path specs, Path out, Optional<Path> templates, Optional<String> flywayName,
        Limits limits) {
    public Options {
        Objects.requireNonNull(root, "root == null");
        Objects.requireNonNull(specs, "specs == null");
        Objects.requireNonNull(out, "out == null");
        Objects.requireNonNull(templates, "templates == null");
        Objects.requireNonNull(flywayName, "flywayName == null");
        Objects.requireNonNull(limits, "limits == null");
    }

    public Options(Path root, Path specs, Path out, Optional<Path> templates, Optional<String> flywayName) {
        this(root, specs, out, templates, flywayName, Limits.DEFAULT);
    }

    public Options(Path root, Path specs, Path out, Optional<Path> templates) {
        this(root, specs, out, templates, Optional.empty());
    }

    public static Options of(Path root, Path specs, Path out) {
        return new Options(root, specs, out, Optional.empty());
    }

    public Options withTemplates(Path dir) {
        return new Options(root, specs, out, Optional.of(dir), flywayName, limits);
    }

    public Options withFlywayName(String name) {
        return new Options(root, specs, out, templates, Optional.of(name), limits);
    }

    public Options withOut(Path dir) {
        return new Options(root, specs, dir, templates, flywayName, limits);
    }

    public Options withLimits(Limits l) {
        return new Options(root, specs, out, templates, flywayName, l);
    }

    /** {@code out} resolved against {@code root}. */
    public Path outDir() {
        return root.resolve(out).normalize();
    }
}
