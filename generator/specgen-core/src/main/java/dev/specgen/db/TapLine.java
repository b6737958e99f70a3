package dev.specgen.db;

import java.util.List;
import java.util.Objects;

/**
 * One line of a TAP stream. Test lines ({@link Kind#OK}, {@link Kind#NOT_OK}) carry their number, description,
 * directive ({@code TODO ...}/{@code SKIP ...}, else empty) and the {@code #} diagnostic lines pgTAP printed with
 * them (without the leading {@code "# "}), e.g. {@code "    Failed test 2: \"x\""}, {@code "        have: 1"}.
 *
 * @param text the line exactly as produced
 */
public record TapLine(Kind kind, int number, String description, String directive, List<String> diagnostics,
        String text) {

    public enum Kind {
        /** {@code 1..N} */
        PLAN,
        OK,
        NOT_OK,
        /** a {@code #} line that belongs to no test, e.g. {@code # Looks like you failed 1 test of 5} */
        COMMENT,
        /** anything else a statement returned */
        OTHER
    }

    public TapLine {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(description, "description == null");
        Objects.requireNonNull(directive, "directive == null");
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(text, "text == null");
    }

    public boolean isTest() {
        return kind == Kind.OK || kind == Kind.NOT_OK;
    }

    /** A failed test that counts: {@code not ok} without a TODO directive. */
    public boolean isFailure() {
        return kind == Kind.NOT_OK && !directive.startsWith("TODO");
    }

    TapLine withDiagnostic(String line) {
        List<String> d = new java.util.ArrayList<>(diagnostics);
        d.add(line);
        return new TapLine(kind, number, description, directive, d, text);
    }
}
