package dev.specgen.diag;

import java.util.Comparator;
import java.util.Objects;

/**
 * A position in a spec file: 1-based line and column, the file as the user named it (relative, '/'-separated).
 * SnakeYAML marks are 0-based; {@link #of(String, int, int)} takes them as they come and adds one.
 */
public record SourcePos(String file, int line, int col) implements Comparable<SourcePos> {

    /** For diagnostics that belong to no spec position (usage problems, database start-up). */
    public static final SourcePos NONE = new SourcePos("", 0, 0);

    private static final Comparator<SourcePos> ORDER = Comparator.<SourcePos, String>comparing(SourcePos::file)
            .thenComparingInt(SourcePos::line)
            .thenComparingInt(SourcePos::col);

    public SourcePos {
        Objects.requireNonNull(file, "file == null");
    }

    /** From a 0-based SnakeYAML mark. */
    public static SourcePos of(String file, int zeroBasedLine, int zeroBasedCol) {
        return new SourcePos(file, zeroBasedLine + 1, zeroBasedCol + 1);
    }

    public static SourcePos file(String file) {
        return new SourcePos(file, 0, 0);
    }

    public boolean isNone() {
        return file.isEmpty();
    }

    /**
     * The value the generated record method gives, written out: that one spins method-handle classes on its first
     * call in a JVM, and positions are hashed in every run.
     */
    @Override
    public int hashCode() {
        return 31 * (31 * file.hashCode() + line) + col;
    }

    @Override
    public int compareTo(SourcePos o) {
        return ORDER.compare(this, o);
    }

    /** {@code specs/sales.yaml:14:5}, {@code specs/sales.yaml} for a whole file, empty for NONE. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + ":" + col;
    }
}
