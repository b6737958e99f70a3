package dev.specgen.loader;

/** A load that cannot start or go on, with what to do about it ({@code hint} may be null). */
public final class LoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public LoadException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
