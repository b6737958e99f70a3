package dev.specgen.write;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which folders may be an output folder. build replaces and deletes files in it, so it must be a folder of specgen's
 * own: never the working folder or one above it, never the filesystem root or the home folder, never the spec
 * folder, a folder inside it or one that holds it, and never a project root (a folder holding a version-control
 * folder or a build file: {@link #PROJECT_MARKERS}). A folder below a project root ({@code generated/}) is fine.
 * Paths are compared after resolving symbolic links, so a link cannot smuggle any of these in.
 */
public final class OutputGuard {
    /** A folder holding any of these is a project root (a checkout, a module): never an output folder. */
    public static final List<String> PROJECT_MARKERS = List.of(".git", ".hg", ".svn", "pom.xml", "build.gradle",
            "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "package.json", "Cargo.toml", "go.mod",
            "pyproject.toml");

    private static final String HINT = "specgen replaces and deletes files in its output folder; give it a folder of "
            + "its own, such as generated/ (the default)";

    private final Path home;

    /** @param home the user's home folder ({@code user.home}); never an output folder */
    public OutputGuard(Path home) {
        this.home = Objects.requireNonNull(home, "home == null");
    }

    public static OutputGuard forCurrentUser() {
        return new OutputGuard(Path.of(System.getProperty("user.home", "/")));
    }

    /**
     * Why {@code out} may not be the output folder, or empty when it may.
     *
     * @param root the working folder (relative paths are resolved against it)
     * @param specs the spec file or folder
     * @param out the output folder as the user gave it
     */
    public Optional<Diagnostic> check(Path root, Path specs, Path out) {
        String shown = Escape.quote(out.toString().replace('\\', '/'));
        if (out.toString().isEmpty()) {
            return refuse("output folder \"\" is empty, which would be the working folder");
        }
        Path outReal = real(root.resolve(out));
        Path rootReal = real(root);
        Path specsReal = real(root.resolve(specs));
        if (outReal.getParent() == null) {
            return refuse("output folder " + shown + " is the filesystem root");
        }
        if (outReal.equals(real(home))) {
            return refuse("output folder " + shown + " is the home folder");
        }
        if (outReal.equals(rootReal)) {
            return refuse("output folder " + shown + " is the working folder");
        }
        if (rootReal.startsWith(outReal)) {
            return refuse("output folder " + shown + " holds the working folder");
        }
        if (Files.isDirectory(specsReal)) {
            if (outReal.equals(specsReal)) {
                return refuse("output folder " + shown + " is the spec folder");
            }
            if (outReal.startsWith(specsReal)) {
                return refuse("output folder " + shown + " is inside the spec folder");
            }
        }
        if (specsReal.startsWith(outReal)) {
            return refuse("output folder " + shown + " holds the specs");
        }
        for (String marker : PROJECT_MARKERS) {
            if (Files.exists(outReal.resolve(marker), LinkOption.NOFOLLOW_LINKS)) {
                return refuse("output folder " + shown + " is a project root (it holds " + marker + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<Diagnostic> refuse(String message) {
        return Optional.of(Diagnostic.error(SourcePos.NONE, Code.SG006, message).withHint(HINT));
    }

    /**
     * The absolute path with symbolic links resolved as far as the path exists; the part that does not exist yet is
     * appended as written (normalized), since nothing can be a link there.
     */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath(); // not normalized: "link/.." is the link target's parent, not "."
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs.normalize();
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
