package dev.specgen.check;

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

    private final JSqlWords words = new JSqlWords();

    /** The shape of {@code text}, or empty when it cannot be given one. */
    Optional<String> of(String text) {
        return of(text, SqlLexer.tokens(text));
    }

    /** The shape of {@code text}, cut into {@code tokens} by {@link SqlLexer}. */
    Optional<String> of(String text, List<Token> tokens) {
        // the characters up to SEP: three intrinsic scans instead of a loop over every character (issue 12)
        if (text.indexOf('\u0000') >= 0 || text.indexOf(MARK) >= 0 || text.indexOf(SEP) >= 0) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder(text.length());
        boolean blank = false;
        int n = tokens.size();
        // each token read once (a packed list makes a Token per read), and whether it separates worked out once
        Token t = n > 0 ? tokens.get(0) : null;
        boolean sepBefore = true; // the start of the text separates
        boolean sepHere = n > 0 && separates(text, t);
        for (int i = 0; i < n; i++) {
            Token next = i + 1 < n ? tokens.get(i + 1) : null;
            boolean sepAfter = next == null || separates(text, next);
            if (t.kind().isBlank()) {
                blank = true;
            } else {
                b.append(blank ? ' ' : SEP);
                blank = false;
                String replaced = sepBefore && sepAfter ? replacement(text, t) : null;
                if (replaced != null) {
                    b.append(MARK).append(replaced);
                } else {
                    b.append(text, t.start(), t.end());
                }
            }
            sepBefore = sepHere;
            sepHere = sepAfter;
            t = next;
        }
        return Optional.of(b.toString());
    }

    /**
     * A token after or before which no other lexer glues a name, number or string on: blanks, punctuation, and
     * operators of arithmetic and comparison ({@code @x}, {@code #x}, {@code ?}, {@code :x} can be one token to
     * JSqlParser, so those keep their neighbours as written).
     */
    private static boolean separates(String text, Token t) {
        return switch (t.kind()) {
            case WHITESPACE, LINE_COMMENT, BLOCK_COMMENT, OPEN_PAREN, CLOSE_PAREN, OPEN_BRACKET, CLOSE_BRACKET,
                    COMMA, SEMICOLON, DOT, TYPECAST -> true;
            case OPERATOR -> {
                for (int i = t.start(); i < t.end(); i++) {
                    if ("=<>+-*/%|".indexOf(text.charAt(i)) < 0) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> false;
        };
    }

    /** The class that stands for the token's text, or null when the text is kept. */
    private String replacement(String text, Token t) {
        int s = t.start();
        int e = t.end();
        switch (t.kind()) {
            case IDENTIFIER -> {
                return asciiWord(text, s, e) && words.plainName(text, s, e) ? "i" : null;
            }
            case NUMBER -> {
                return e - s <= 9 && digits(text, s, e) ? "n" : null;
            }
            case STRING -> {
                return text.charAt(s) == '\'' && t.complete() && printable(text, s + 1, e - 1) ? "s" : null;
            }
            case QUOTED_IDENTIFIER -> {
                return text.charAt(s) == '"' && t.complete() && e - s > 2 && asciiWord(text, s + 1, e - 1)
                        && words.plainName(text, s + 1, e - 1) ? "q" : null;
            }
            case DOLLAR_STRING -> {
                if (!t.complete()) {
                    return null;
                }
                int tagEnd = text.indexOf('$', s + 1) + 1;
                int bodyEnd = e - (tagEnd - s);
                return text.substring(tagEnd, bodyEnd).indexOf('$') < 0 ? "d" + text.substring(s, tagEnd) : null;
            }
            default -> {
                return null;
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
