package dev.specgen.load;

import dev.specgen.diag.SourcePos;

/**
 * Internal signal that a resource limit was hit (SG104); unwinds the composer or the converter and is turned into a
 * diagnostic by the loader. Carries no stack trace: it is control flow, never shown.
 */
final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SourcePos pos;

    LimitExceeded(SourcePos pos, String message) {
        super(message, null, false, false);
        this.pos = pos;
    }

    SourcePos pos() {
        return pos;
    }
}
