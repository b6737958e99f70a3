package dev.specgen.write;

import java.util.Objects;
import java.util.Optional;

/**
 * One file a build changes (or, for {@code check}, would change) in the output folder.
 *
 * @param path relative to the output folder, '/'-separated
 * @param before the text on disk, for CHANGED and DELETED; empty when it was not read (a build), is not UTF-8
 *     text, or is too large to show
 * @param after the text a build writes; empty for DELETED
 */
public record FileChange(String path, Kind kind, Optional<String> before, String after) {
    public enum Kind {
        /** Not on disk; a build writes it. */
        ADDED,
        /** On disk with other bytes; a build replaces it. */
        CHANGED,
        /** Listed in the manifest and no longer generated; a build deletes it. */
        DELETED
    }

    public FileChange {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(before, "before == null");
        Objects.requireNonNull(after, "after == null");
    }
}
