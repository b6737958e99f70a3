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
 */
public record Options(Path root, Path specs, Path out, Optional<Path> templates, Optional<String> flywayName) {
    public Options {
        Objects.requireNonNull(root, "root == null");
        Objects.requireNonNull(specs, "specs == null");
        Objects.requireNonNull(out, "out == null");
        Objects.requireNonNull(templates, "templates == null");
        Objects.requireNonNull(flywayName, "flywayName == null");
    }

    public Options(Path root, Path specs, Path out, Optional<Path> templates) {
        this(root, specs, out, templates, Optional.empty());
    }

    public static Options of(Path root, Path specs, Path out) {
        return new Options(root, specs, out, Optional.empty());
    }

    public Options withTemplates(Path dir) {
        return new Options(root, specs, out, Optional.of(dir), flywayName);
    }

    public Options withFlywayName(String name) {
        return new Options(root, specs, out, templates, Optional.of(name));
    }

    /** {@code out} resolved against {@code root}. */
    public Path outDir() {
        return root.resolve(out).normalize();
    }
}
