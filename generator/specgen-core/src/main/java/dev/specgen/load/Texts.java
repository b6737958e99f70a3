package dev.specgen.load;

import java.util.Locale;

/** Text helpers for one-line, bounded diagnostic messages. */
final class Texts {
    private static final int MAX_MESSAGE = 300;
    private static final int MAX_QUOTED = 60;

    private Texts() {
    }

    /** Collapses whitespace and control characters to single spaces; bounded length. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_MESSAGE + 3));
        boolean space = false;
        for (int i = 0; i < s.length() && b.length() < MAX_MESSAGE; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(c);
        }
        if (b.length() >= MAX_MESSAGE) {
            b.append("...");
        }
        return b.toString();
    }

    /** {@code "text"} with control characters escaped and long text cut, for naming a key or value. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        int n = 0;
        for (int i = 0; i < s.length(); i = s.offsetByCodePoints(i, 1), n++) {
            if (n == MAX_QUOTED) {
                b.append("...");
                break;
            }
            int cp = s.codePointAt(i);
            if (cp == '"' || cp == '\\') {
                b.append('\\').appendCodePoint(cp);
            } else if (Character.isISOControl(cp)) {
                b.append(codePoint(cp).replace("U+", "\\u"));
            } else {
                b.appendCodePoint(cp);
            }
        }
        return b.append('"').toString();
    }

    /** {@code U+0007}. */
    static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }
}
