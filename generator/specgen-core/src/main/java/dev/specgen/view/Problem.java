package dev.specgen.view;

import dev.specgen.diag.Code;
import java.util.Objects;

/**
 * A problem found inside a view's SQL, before it is placed in the spec: {@code line}/{@code column} are 1-based
 * within the SQL text (0 when unknown). The analyzer turns it into a diagnostic at the query's position.
 */
record Problem(Code code, String message, String hint, int line, int column) {
    Problem {
        Objects.requireNonNull(code, "code == null");
        Objects.requireNonNull(message, "message == null");
    }

    static Problem at(Code code, String message, String hint, Object node) {
        int[] lc = QueryParser.start(node).orElse(new int[] {0, 0});
        return new Problem(code, message, hint, lc[0], lc[1]);
    }
}
