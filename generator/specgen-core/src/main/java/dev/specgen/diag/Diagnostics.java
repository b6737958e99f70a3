package dev.specgen.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * Collector: stages add problems and keep going (sqlc multierr). Not thread-safe; one per run.
 */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public Diagnostic add(Diagnostic d) {
        items.add(d);
        return d;
    }

    public void addAll(Iterable<Diagnostic> ds) {
        for (Diagnostic d : ds) {
            items.add(d);
        }
    }

    public Diagnostic error(SourcePos pos, Code code, String message) {
        return add(Diagnostic.error(pos, code, message));
    }

    public Diagnostic error(SourcePos pos, Code code, String message, String hint) {
        return add(Diagnostic.error(pos, code, message).withHint(hint));
    }

    public Diagnostic warning(SourcePos pos, Code code, String message) {
        return add(Diagnostic.warning(pos, code, message));
    }

    public Diagnostic warning(SourcePos pos, Code code, String message, String hint) {
        return add(Diagnostic.warning(pos, code, message).withHint(hint));
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Everything added, in the order it was added. */
    public List<Diagnostic> all() {
        return List.copyOf(items);
    }

    /** Sorted by file, line, column, severity, code; duplicates removed. */
    public List<Diagnostic> sorted() {
        return items.stream().distinct().sorted().toList();
    }
}
