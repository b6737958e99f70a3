package dev.specgen.diag;

import java.util.List;

/**
 * Thrown by the core when a run must stop because of user-facing problems; carries the diagnostics so that front
 * doors can print them (never a stack trace). Anything else escaping the core is a specgen bug.
 */
public final class SpecgenException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    public SpecgenException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "specgen failed" : diagnostics.get(0).format());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public SpecgenException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
