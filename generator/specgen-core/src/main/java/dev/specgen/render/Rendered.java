package dev.specgen.render;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Collections;

/**
 * Render output, no I/O yet (sqlc Generate returns a map): file contents by path relative to the output folder,
 * and every statement in install order with its origin.
 */
public record Rendered(SortedMap<String, String> files, List<RenderedStatement> statements) {
    public Rendered {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        statements = List.copyOf(statements);
    }
}
