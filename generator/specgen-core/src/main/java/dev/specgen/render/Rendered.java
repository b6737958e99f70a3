package dev.specgen.render;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Collections;

/**
 * Render output, no I/O yet (sqlc Generate returns a map): file contents by path relative to the output folder,
 * every DDL statement in install order with its origin, the session checks verify runs with several
 * connections, and the statements that run inside generated functions ({@code embedded}: only the parse gate sees
 * them on their own).
 */
public record Rendered(SortedMap<String, String> files, List<RenderedStatement> statements,
        List<RenderedSessionCheck> sessionChecks, List<RenderedStatement> embedded) {
    public Rendered {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        statements = List.copyOf(statements);
        sessionChecks = List.copyOf(sessionChecks);
        embedded = List.copyOf(embedded);
    }

    public Rendered(SortedMap<String, String> files, List<RenderedStatement> statements,
            List<RenderedSessionCheck> sessionChecks) {
        this(files, statements, sessionChecks, List.of());
    }

    public Rendered(SortedMap<String, String> files, List<RenderedStatement> statements) {
        this(files, statements, List.of(), List.of());
    }
}
