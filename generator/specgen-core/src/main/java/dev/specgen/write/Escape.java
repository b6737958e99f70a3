package dev.specgen.write;

import java.util.Locale;

/**
 * Text that reaches a terminal or a CI log from the output folder (paths the user typed, lines of files on disk):
 * control characters are shown as {@code \xHH}, never sent raw, so a file cannot move the cursor, recolour the
 * log or hide a line with a carriage return.
 */
final class Escape {
    private Escape() {
    }

    /** {@code s} with every control character but tab written as {@code \xHH} (C0, DEL and C1). */
    static String printable(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c != '\t' && (c < 0x20 || (c >= 0x7f && c <= 0x9f));
            if (control && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (control) {
                    b.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** {@code "s"}, printable. */
    static String quote(String s) {
        return "\"" + printable(s) + "\"";
    }
}
