package dev.specgen.diag;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem, positioned. Formats as
 * {@code specs/sales.yaml:14:5: error SG205: hash indexes take one column (found 2)}
 * followed, where a fix is known, by an indented {@code hint:} line.
 */
public record Diagnostic(SourcePos pos, Severity severity, Code code, String message, Optional<String> hint)
        implements Comparable<Diagnostic> {

    private static final Comparator<Diagnostic> ORDER = Comparator.<Diagnostic, SourcePos>comparing(Diagnostic::pos)
            .thenComparing(Diagnostic::severity)
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(pos, "pos == null");
        Objects.requireNonNull(severity, "severity == null");
        Objects.requireNonNull(code, "code == null");
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(hint, "hint == null");
    }

    /**
     * The value the generated record method gives, written out: that one spins method-handle classes on its first
     * call in a JVM, and diagnostics are hashed in every run.
     */
    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (31 * pos.hashCode() + severity.hashCode()) + code.hashCode()) + message.hashCode())
                + hint.hashCode();
    }

    public static Diagnostic error(SourcePos pos, Code code, String message) {
        return new Diagnostic(pos, Severity.ERROR, code, message, Optional.empty());
    }

    public static Diagnostic warning(SourcePos pos, Code code, String message) {
        return new Diagnostic(pos, Severity.WARNING, code, message, Optional.empty());
    }

    public Diagnostic withHint(String text) {
        return new Diagnostic(pos, severity, code, message, Optional.ofNullable(text));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * The first line only: {@code pos: severity CODE: message}. File names and messages (which quote spec values)
     * are {@link Printable#escape escaped}: nothing in a spec or its file name can add a line or drive the terminal.
     */
    public String headline() {
        String where = pos.isNone() ? "specgen" : pos.toString();
        return Printable.escape(where) + ": " + severity.label() + " " + code.name() + ": "
                + Printable.escape(message);
    }

    /** Headline plus the hint line, if any; no trailing newline. */
    public String format() {
        return hint.map(h -> headline() + "\n  hint: " + Printable.escape(h)).orElseGet(this::headline);
    }

    @Override
    public int compareTo(Diagnostic o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return format();
    }
}
