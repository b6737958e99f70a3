package dev.specgen.load;

import dev.specgen.diag.SourcePos;

/**
 * A YAML node with the position it came from. Our own tree, so that no SnakeYAML type leaks past the load stage.
 * Nodes reached through an alias carry the position of the anchored original.
 */
public sealed interface YNode permits YMap, YSeq, YScalar {

    /** Where the node starts (1-based line and column). */
    SourcePos pos();

    /**
     * For messages such as {@code expected a mapping, found a string}: {@code mapping}, {@code sequence}, or for
     * scalars the YAML 1.2 core-schema type ({@code null}, {@code boolean}, {@code integer}, {@code float},
     * {@code string}).
     */
    String kind();
}
