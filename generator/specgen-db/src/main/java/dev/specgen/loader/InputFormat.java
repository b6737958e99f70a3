package dev.specgen.loader;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How an input file is written. CSV is RFC 4180 as PostgreSQL's COPY reads it (quotes, doubled quotes, quoted
 * newlines; an unquoted empty field is NULL); TSV is COPY's text format (tab-separated, backslash escapes, {@code \N}
 * for NULL, one record per line). Both start with a header row naming the columns.
 */
public enum InputFormat {
    CSV(','), TSV('\t');

    private final char delimiter;

    InputFormat(char delimiter) {
        this.delimiter = delimiter;
    }

    public char delimiter() {
        return delimiter;
    }

    /** The COPY option list for this format. */
    String copyOptions() {
        return this == CSV ? "FORMAT csv, ENCODING 'UTF8'" : "FORMAT text, ENCODING 'UTF8'";
    }

    /** From the file name: {@code .tsv}, {@code .tab} and {@code .txt} are TSV; anything else is CSV. */
    public static InputFormat of(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".tab") || n.endsWith(".txt") ? TSV : CSV;
    }

    public static Optional<InputFormat> parse(String word) {
        for (InputFormat f : values()) {
            if (f.name().equalsIgnoreCase(word)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
