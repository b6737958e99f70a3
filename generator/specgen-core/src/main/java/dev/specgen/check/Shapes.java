package dev.specgen.check;

import dev.specgen.sql.PackedTokens;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import dev.specgen.sql.Token.Kind;
import java.util.List;
import java.util.Optional;

/**
 * The shape of a statement: its tokens, with those whose text JSqlParser only carries along replaced by their
 * class. JSqlParser's verdict on a text (the kind of statement, or a failure) depends on the kinds of tokens its
 * lexer cuts and on the few token texts its grammar compares with constants; two texts of one shape give JSqlParser
 * the same tokens, in the same order, with the same kinds, differing only in text it never looks at. So the gate
 * parses the first statement of each shape and gives the rest of that shape the same verdict: 1,000 copies of a
 * table with 13 partitions are a handful of shapes, not 14,000 parses.
 *
 * <p>Replaced, only where the neighbouring characters cannot join the token to another (blanks, punctuation or an
 * operator on both sides):
 * <ul>
 *   <li>a word of ASCII letters, digits and {@code _} that JSqlParser reads as a plain name ({@link JSqlWords});</li>
 *   <li>an unsigned integer of up to 9 digits;</li>
 *   <li>a {@code '...'} string of printable ASCII without a backslash (JSqlParser misreads backslashes; a doubled
 *       quote is fine), and a {@code "..."} name of the same characters;</li>
 *   <li>the body of a complete {@code $tag$...$tag$} string without a {@code $} in it (JSqlParser, told about dollar
 *       quotes, takes any such body as one string; the tag is kept).</li>
 * </ul>
 * Everything else is kept as written; blanks and comments become one blank, whatever their length. Text holding the
 * characters the shape uses as markers has no shape (it is parsed on its own).
 */
final class Shapes {
    private static final char MARK = '\u0001';
    private static final char SEP = '\u0002';

    /** Buffers longer than this (a huge statement) are not kept for the next shape. */
    private static final int MAX_KEPT_BUFFER = 1 << 20;

    private final JSqlWords words = new JSqlWords();
    private final ThreadLocal<char[]> buffers = ThreadLocal.withInitial(() -> new char[4096]);

    /** The shape of {@code text}, or empty when it cannot be given one. */
    Optional<String> of(String text) {
        return of(text, SqlLexer.packed(text));
    }

    /** The shape of {@code text}, cut into {@code tokens} by {@link SqlLexer}. */
    Optional<String> of(String text, List<Token> tokens) {
        return of(text, PackedTokens.of(tokens));
    }

    /**
     * The shape of {@code text}, cut into {@code tokens} by {@link SqlLexer}: every token read by index (no
     * {@link Token} made), the shape written into this thread's buffer with bulk copies of the text, one string made
     * at the end (issue 12: every generated statement is shaped, 27 MB of SQL at 1,000 entities).
     */
    Optional<String> of(String text, PackedTokens tokens) {
        // the characters up to SEP: three intrinsic scans instead of a loop over every character (issue 12)
        if (text.indexOf('\u0000') >= 0 || text.indexOf(MARK) >= 0 || text.indexOf(SEP) >= 0) {
            return Optional.empty();
        }
        char[] b = buffer(text.length() + 16);
        int at = 0;
        boolean blank = false;
        int n = tokens.size();
        boolean sepBefore = true; // the start of the text separates
        boolean sepHere = n > 0 && separates(text, tokens, 0);
        for (int i = 0; i < n; i++) {
            boolean sepAfter = i + 1 == n || separates(text, tokens, i + 1);
            Kind kind = tokens.kind(i);
            if (kind.isBlank()) {
                blank = true;
            } else {
                int s = tokens.start(i);
                int e = tokens.end(i);
                // a replacement is at most 2 + a dollar tag (no longer than the token) characters
                if (b.length < at + 3 + (e - s)) {
                    b = grow(b, at + 3 + (e - s));
                }
                b[at++] = blank ? ' ' : SEP;
                blank = false;
                char replaced = sepBefore && sepAfter ? replacement(text, kind, s, e, tokens.complete(i)) : 0;
                if (replaced == 0) {
                    text.getChars(s, e, b, at);
                    at += e - s;
                } else {
                    b[at++] = MARK;
                    b[at++] = replaced;
                    if (replaced == 'd') { // the dollar tag is kept
                        int tagEnd = SqlLexer.dollarTagEnd(text, s);
                        text.getChars(s, tagEnd, b, at);
                        at += tagEnd - s;
                    }
                }
            }
            sepBefore = sepHere;
            sepHere = sepAfter;
        }
        return Optional.of(new String(b, 0, at));
    }

    /** This thread's shape buffer, at least {@code length} long. */
    private char[] buffer(int length) {
        char[] b = buffers.get();
        return b.length >= length ? b : grow(b, length);
    }

    private char[] grow(char[] b, int length) {
        char[] bigger = java.util.Arrays.copyOf(b, Math.max(length, 2 * b.length));
        if (bigger.length <= MAX_KEPT_BUFFER) {
            buffers.set(bigger);
        }
        return bigger;
    }

    /**
     * A token after or before which no other lexer glues a name, number or string on: blanks, punctuation, and
     * operators of arithmetic and comparison ({@code @x}, {@code #x}, {@code ?}, {@code :x} can be one token to
     * JSqlParser, so those keep their neighbours as written).
     */
    private static boolean separates(String text, PackedTokens tokens, int i) {
        return switch (tokens.kind(i)) {
            case WHITESPACE, LINE_COMMENT, BLOCK_COMMENT, OPEN_PAREN, CLOSE_PAREN, OPEN_BRACKET, CLOSE_BRACKET,
                    COMMA, SEMICOLON, DOT, TYPECAST -> true;
            case OPERATOR -> {
                for (int k = tokens.start(i), e = tokens.end(i); k < e; k++) {
                    if ("=<>+-*/%|".indexOf(text.charAt(k)) < 0) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> false;
        };
    }

    /**
     * The class that stands for the token's text ({@code i}, {@code n}, {@code s}, {@code q}, or {@code d} for a
     * dollar-quoted body, whose tag is kept after it), or 0 when the text is kept.
     */
    private char replacement(String text, Kind kind, int s, int e, boolean complete) {
        switch (kind) {
            case IDENTIFIER -> {
                return asciiWord(text, s, e) && words.plainName(text, s, e) ? 'i' : 0;
            }
            case NUMBER -> {
                return e - s <= 9 && digits(text, s, e) ? 'n' : 0;
            }
            case STRING -> {
                return text.charAt(s) == '\'' && complete && printable(text, s + 1, e - 1) ? 's' : 0;
            }
            case QUOTED_IDENTIFIER -> {
                return text.charAt(s) == '"' && complete && e - s > 2 && asciiWord(text, s + 1, e - 1)
                        && words.plainName(text, s + 1, e - 1) ? 'q' : 0;
            }
            case DOLLAR_STRING -> {
                if (!complete) {
                    return 0;
                }
                int tagEnd = SqlLexer.dollarTagEnd(text, s);
                int bodyEnd = e - (tagEnd - s);
                int dollar = text.indexOf('$', tagEnd);
                return dollar < 0 || dollar >= bodyEnd ? 'd' : 0;
            }
            default -> {
                return 0;
            }
        }
    }

    private static boolean asciiWord(String text, int s, int e) {
        char c0 = text.charAt(s);
        if (!(c0 >= 'a' && c0 <= 'z' || c0 >= 'A' && c0 <= 'Z')) {
            return false;
        }
        for (int i = s + 1; i < e; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String text, int s, int e) {
        for (int i = s; i < e; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII without a backslash (quotes may appear: the lexer found the token's end). */
    private static boolean printable(String text, int s, int e) {
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
