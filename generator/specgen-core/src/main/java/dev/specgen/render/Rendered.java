package dev.specgen.render;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Collections;

/**
 * Render output, no I/O yet (sqlc Generate returns a map): file contents by path relative to the output folder,
 * every DDL statement in install order with its origin, and the session checks verify runs with several
 * connections.
 */
public record Rendered(SortedMap<String, String> files, List<RenderedStatement> statements,
        List<RenderedSessionCheck> sessionChecks) {
    public Rendered {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        statements = List.copyOf(statements);
        sessionChecks = List.copyOf(sessionChecks);
    }

    public Rendered(SortedMap<String, String> files, List<RenderedStatement> statements) {
        this(files, statements, List.of());
    }
}
