package dev.specgen.diag;

import java.util.Locale;

/**
 * Text that reaches a terminal, a log or a generated file must show what it is. Control characters (ESC starts
 * ANSI sequences that recolour, move the cursor or retitle the terminal; a newline starts a new line that looks
 * like specgen's own output), format characters (bidi controls such as U+202E reorder what is displayed,
 * zero-width characters hide) and line and paragraph separators (U+2028, U+2029) are escaped at the printing
 * boundary: {@code \n}, {@code \t}, {@code \r}, else {@code \}{@code u001B}.
 */
public final class Printable {
    private Printable() {
    }

    /**
     * True for code points a reader cannot see as themselves: Unicode categories Cc (controls, including tab and
     * newline), Cf (format: bidi controls, zero-width joiners, the BOM), Zl, Zp, and lone surrogates (Cs).
     */
    public static boolean isInvisible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** True when {@code s} holds a character {@link #isInvisible}. */
    public static boolean hasInvisible(String s) {
        return s.codePoints().anyMatch(Printable::isInvisible);
    }

    /** {@code s} with every {@link #isInvisible} character escaped; other text (backslashes too) as is. */
    public static String escape(String s) {
        if (!hasInvisible(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            if (!isInvisible(cp)) {
                b.appendCodePoint(cp);
            } else if (cp == '\n') {
                b.append("\\n");
            } else if (cp == '\t') {
                b.append("\\t");
            } else if (cp == '\r') {
                b.append("\\r");
            } else if (cp > 0xFFFF) {
                b.append(String.format(Locale.ROOT, "\\U%08X", cp));
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04X", cp));
            }
        });
        return b.toString();
    }
}
