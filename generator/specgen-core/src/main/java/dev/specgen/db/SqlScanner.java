package dev.specgen.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL lexical rules that decide where code ends and quoted text begins: {@code --} and nested
 * {@code /* *}{@code /} comments, {@code '...'} strings (with {@code E'...'} backslash escapes), {@code "..."}
 * identifiers and dollar-quoted bodies ({@code $$...$$}, {@code $fn$...$fn$}). Shared by {@link SqlSplitter}
 * and the statement classifier in {@link Stmt}.
 */
final class SqlScanner {
    private SqlScanner() {
    }

    /**
     * If {@code i} starts a comment, a string, a quoted identifier or a dollar-quoted body, the index just past
     * it (the end of the text when unterminated); otherwise {@code i} itself.
     */
    static int skipQuoted(String s, int i) {
        char c = s.charAt(i);
        char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
        if (c == '-' && next == '-') {
            int nl = s.indexOf('\n', i);
            return nl < 0 ? s.length() : nl;
        }
        if (c == '/' && next == '*') {
            return skipBlockComment(s, i);
        }
        if (c == '\'') {
            return skipString(s, i, isEscapeStringPrefix(s, i));
        }
        if (c == '"') {
            return skipString(s, i, false);
        }
        if (c == '$') {
            int tagEnd = dollarTagEnd(s, i);
            if (tagEnd > 0) {
                String tag = s.substring(i, tagEnd);
                int close = s.indexOf(tag, tagEnd);
                return close < 0 ? s.length() : close + tag.length();
            }
        }
        return i;
    }

    /** True when {@code i} starts a comment (so callers can tell comments from literals). */
    static boolean isCommentStart(String s, int i) {
        if (i + 1 >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        char n = s.charAt(i + 1);
        return (c == '-' && n == '-') || (c == '/' && n == '*');
    }

    static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || Character.isDigit(c) || c == '$';
    }

    /** Unquoted words of a statement, upper-cased, outside comments, strings and dollar bodies. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int j = skipQuoted(s, i);
            if (j != i) {
                i = j;
                continue;
            }
            char c = s.charAt(i);
            if (isIdentStart(c)) {
                int k = i + 1;
                while (k < s.length() && isIdentPart(s.charAt(k))) {
                    k++;
                }
                out.add(s.substring(i, k).toUpperCase(Locale.ROOT));
                i = k;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int skipBlockComment(String s, int i) {
        int depth = 0;
        int k = i;
        while (k < s.length()) {
            if (s.startsWith("/*", k)) {
                depth++;
                k += 2;
            } else if (s.startsWith("*/", k)) {
                depth--;
                k += 2;
                if (depth == 0) {
                    return k;
                }
            } else {
                k++;
            }
        }
        return s.length();
    }

    private static int skipString(String s, int i, boolean backslashEscapes) {
        char quote = s.charAt(i);
        int k = i + 1;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (backslashEscapes && c == '\\') {
                k += 2;
                continue;
            }
            if (c == quote) {
                if (k + 1 < s.length() && s.charAt(k + 1) == quote) {
                    k += 2;
                    continue;
                }
                return k + 1;
            }
            k++;
        }
        return s.length();
    }

    /** {@code E'...'} or {@code e'...'}, where the E is a word of its own (not the end of an identifier). */
    private static boolean isEscapeStringPrefix(String s, int quote) {
        if (quote == 0) {
            return false;
        }
        char e = s.charAt(quote - 1);
        if (e != 'E' && e != 'e') {
            return false;
        }
        return quote - 2 < 0 || !isIdentPart(s.charAt(quote - 2));
    }

    /** End index (exclusive) of an opening dollar-quote tag at {@code i}, or -1 when {@code i} is no tag. */
    private static int dollarTagEnd(String s, int i) {
        if (i > 0 && isIdentPart(s.charAt(i - 1))) {
            return -1; // part of an identifier such as a$b
        }
        int k = i + 1;
        if (k < s.length() && s.charAt(k) == '$') {
            return k + 1;
        }
        if (k >= s.length() || !isIdentStart(s.charAt(k))) {
            return -1; // $1 is a parameter, not a quote
        }
        while (k < s.length() && (isIdentStart(s.charAt(k)) || Character.isDigit(s.charAt(k)))) {
            k++;
        }
        return k < s.length() && s.charAt(k) == '$' ? k + 1 : -1;
    }
}
