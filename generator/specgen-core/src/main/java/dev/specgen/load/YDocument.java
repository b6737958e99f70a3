package dev.specgen.load;

import dev.specgen.diag.SourcePos;
import java.util.Objects;

/**
 * One non-empty YAML document of a file. {@code pos} is where the document starts: its {@code ---} marker, or its
 * first token when the marker is implicit.
 */
public record YDocument(YNode root, SourcePos pos, String file) {

    public YDocument {
        Objects.requireNonNull(root, "root == null");
        Objects.requireNonNull(pos, "pos == null");
        Objects.requireNonNull(file, "file == null");
    }
}
