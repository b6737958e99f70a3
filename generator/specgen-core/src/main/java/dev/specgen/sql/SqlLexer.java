package dev.specgen.sql;

import dev.specgen.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts SQL text into tokens by PostgreSQL's lexical rules ({@code src/backend/parser/scan.l}, PostgreSQL 16-18,
 * with standard_conforming_strings on, its default). The one lexer specgen uses wherever it must know where code
 * ends and quoted text begins: judging spec expressions, splitting scripts into statements, classifying and
 * normalizing statements. What matters is where tokens end, so that nobody (PostgreSQL, psql, specgen) reads a
 * boundary differently:
 *
 * <ul>
 *   <li>identifiers start with a letter, {@code _} or any non-ASCII character and continue with those, digits and
 *       {@code $}: {@code x$a$} is one identifier, not {@code x} followed by a dollar quote;</li>
 *   <li>{@code $tag$...$tag$} and {@code $$...$$} start only where no identifier continues ({@code $1} is a
 *       parameter; a {@code $} that starts neither is {@link Kind#OTHER});</li>
 *   <li>{@code E'...'} honours backslash escapes; {@code '...'}, {@code N'...'}, {@code U&'...'}, {@code B'...'},
 *       {@code X'...'} do not. A prefix letter counts only at the start of a token ({@code xe'a'} is the
 *       identifier {@code xe} and a string); quotes inside are doubled ({@code 'it''s'});</li>
 *   <li>two strings separated by whitespace that holds a newline are one string ({@code 'a'\n'b'});</li>
 *   <li>{@code --} comments end at a line break, {@code /*} comments nest; an operator never contains
 *       {@code --} or {@code /*}, and a multi-character operator does not end in {@code +} or {@code -} unless it
 *       holds one of {@code ~ ! @ # ^ & | ` ? %} ({@code =-1} is {@code =} and {@code -1}).</li>
 * </ul>
 *
 * <p>Pure function, never throws for any input: unterminated quotes and comments end at the end of the text with
 * {@link Token#complete()} false.
 */
public final class SqlLexer {
    private static final String OP_CHARS = "~!@#^&|`?+-*/%<>=";
    private static final String NON_SQL_OP_CHARS = "~!@#^&|`?%";

    private final String s;
    /**
     * The text's characters, read in every loop of the lexer: an array read costs less than {@link String#charAt}
     * (no coder test, bounds checks the compiler can drop), and every generated statement is lexed (issue 12).
     */
    private final char[] a;
    private final int n;
    /** The kind and completeness of the token {@link #scan} found last (its end is what scan returns). */
    private Kind kind;
    private boolean complete;

    private SqlLexer(String s) {
        this.s = s;
        this.a = s.toCharArray();
        this.n = a.length;
    }

    /** Every token of {@code sql}, whitespace and comments included, covering the text without gaps. */
    public static List<Token> tokens(String sql) {
        // one object per token, made once: a caller may compare tokens by identity (ExpressionFrame); the hot paths
        // (the splitter, the parse gate) read packed(sql) by index instead
        Objects.requireNonNull(sql, "sql == null");
        SqlLexer lx = new SqlLexer(sql);
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < lx.n) {
            Token t = lx.next(i);
            out.add(t);
            i = t.end();
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /**
     * {@link #tokens}, packed: read by index ({@link PackedTokens#kind(int)}, {@link PackedTokens#start(int)}, ...)
     * without a {@link Token} made per read, and cut without a {@code Token} made per token either (issue 12: every
     * generated statement is lexed, millions of tokens a build). {@link PackedTokens#get} makes a new token on every
     * read: compare its tokens by value, not by identity.
     */
    public static PackedTokens packed(String sql) {
        Objects.requireNonNull(sql, "sql == null");
        SqlLexer lx = new SqlLexer(sql);
        PackedTokens.Builder out = new PackedTokens.Builder(8 + sql.length() / 6);
        int i = 0;
        while (i < lx.n) {
            int end = lx.scan(i);
            out.add(lx.kind, i, end, lx.complete);
            i = end;
        }
        return out.build();
    }

    /** The tokens of {@code sql} without whitespace and comments. */
    public static List<Token> significant(String sql) {
        return tokens(sql).stream().filter(t -> !t.kind().isBlank()).toList();
    }

    /** Bare words of {@code sql} (identifiers and key words), upper-cased, outside strings and comments. */
    public static List<String> words(String sql) {
        return tokens(sql).stream().filter(t -> t.kind() == Kind.IDENTIFIER).map(t -> t.word(sql)).toList();
    }

    /** The token that starts at {@code i} of {@code sql}. */
    public static Token at(String sql, int i) {
        return new SqlLexer(sql).next(i);
    }

    /** A lexer over {@code sql} for a caller that walks it token by token ({@link #at(int)}). */
    public static SqlLexer over(String sql) {
        return new SqlLexer(Objects.requireNonNull(sql, "sql == null"));
    }

    /** The token that starts at {@code i} of this lexer's text. */
    public Token at(int i) {
        return next(i);
    }

    /** The kind of the token {@link #scan} cut last. */
    Kind kind() {
        return kind;
    }

    /** Whether the token {@link #scan} cut last is complete. */
    boolean complete() {
        return complete;
    }

    private int token(Kind k, int end, boolean whole) {
        kind = k;
        complete = whole;
        return end;
    }

    /** Letters, {@code _} and every non-ASCII character start an identifier (scan.l {@code ident_start}). */
    public static boolean isIdentStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    /** {@link #isIdentStart}, digits and {@code $} (scan.l {@code ident_cont}). */
    public static boolean isIdentPart(char c) {
        return isIdentStart(c) || c >= '0' && c <= '9' || c == '$';
    }

    /** scan.l {@code space}: space, tab, newline, carriage return, form feed, vertical tab. */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /** The text between the delimiters of a complete {@link Kind#DOLLAR_STRING} token. */
    public static String dollarBody(String sql, Token t) {
        if (t.kind() != Kind.DOLLAR_STRING || !t.complete()) {
            throw new IllegalArgumentException("not a complete dollar-quoted string: " + t);
        }
        int tagEnd = dollarTagEnd(sql, t.start());
        int tagLength = tagEnd - t.start();
        return sql.substring(tagEnd, t.end() - tagLength);
    }

    /** Where the opening delimiter ({@code $tag$}) of the dollar-quoted string that starts at {@code start} ends. */
    public static int dollarTagEnd(String sql, int start) {
        return sql.indexOf('$', start + 1) + 1;
    }

    private Token next(int i) {
        int end = scan(i);
        return new Token(kind, i, end, complete);
    }

    /**
     * Cuts the token that starts at {@code i} and returns its end; its kind and completeness are then
     * {@link #kind()} and {@link #complete()}: {@link #at(int)} without a {@link Token}, for loops over every token.
     */
    int scan(int i) {
        char c = a[i];
        char c1 = i + 1 < n ? a[i + 1] : '\0';
        if (isSpace(c)) {
            int j = i + 1;
            while (j < n && isSpace(a[j])) {
                j++;
            }
            return token(Kind.WHITESPACE, j, true);
        }
        if (c == '-' && c1 == '-') {
            return token(Kind.LINE_COMMENT, lineEnd(i), true);
        }
        if (c == '/' && c1 == '*') {
            return blockComment(i);
        }
        if (c == '\'') {
            return string(i + 1, Kind.STRING, false);
        }
        if (c == '"') {
            return quotedIdentifier(i + 1);
        }
        if ((c == 'e' || c == 'E') && c1 == '\'') {
            return string(i + 2, Kind.ESCAPE_STRING, true);
        }
        if ((c == 'n' || c == 'N') && c1 == '\'') {
            return string(i + 2, Kind.STRING, false);
        }
        if ((c == 'b' || c == 'B') && c1 == '\'') {
            return string(i + 2, Kind.BIT_STRING, false);
        }
        if ((c == 'x' || c == 'X') && c1 == '\'') {
            return string(i + 2, Kind.HEX_STRING, false);
        }
        if ((c == 'u' || c == 'U') && c1 == '&' && i + 2 < n) {
            char c2 = a[i + 2];
            if (c2 == '\'') {
                return string(i + 3, Kind.UNICODE_STRING, false);
            }
            if (c2 == '"') {
                return quotedIdentifier(i + 3);
            }
        }
        if (isIdentStart(c)) {
            int j = i + 1;
            while (j < n && isIdentPart(a[j])) {
                j++;
            }
            return token(Kind.IDENTIFIER, j, true);
        }
        if (c >= '0' && c <= '9' || c == '.' && c1 >= '0' && c1 <= '9') {
            return number(i);
        }
        if (c == '$') {
            return dollar(i);
        }
        switch (c) {
            case '(':
                return token(Kind.OPEN_PAREN, i + 1, true);
            case ')':
                return token(Kind.CLOSE_PAREN, i + 1, true);
            case '[':
                return token(Kind.OPEN_BRACKET, i + 1, true);
            case ']':
                return token(Kind.CLOSE_BRACKET, i + 1, true);
            case ',':
                return token(Kind.COMMA, i + 1, true);
            case ';':
                return token(Kind.SEMICOLON, i + 1, true);
            case '.':
                return c1 == '.' ? token(Kind.DOT_DOT, i + 2, true) : token(Kind.DOT, i + 1, true);
            case ':':
                return c1 == ':' ? token(Kind.TYPECAST, i + 2, true)
                        : c1 == '=' ? token(Kind.COLON_EQUALS, i + 2, true)
                        : token(Kind.COLON, i + 1, true);
            default:
                break;
        }
        if (OP_CHARS.indexOf(c) >= 0) {
            return operator(i);
        }
        int width = Character.isHighSurrogate(c) && Character.isLowSurrogate(c1) ? 2 : 1;
        return token(Kind.OTHER, i + width, true);
    }

    /** Whether {@code c0 c1} stand at {@code j}. */
    private boolean starts(char c0, char c1, int j) {
        return j + 1 < n && a[j] == c0 && a[j + 1] == c1;
    }

    private int lineEnd(int i) {
        int j = i;
        while (j < n && a[j] != '\n' && a[j] != '\r') {
            j++;
        }
        return j;
    }

    private int blockComment(int i) {
        int depth = 0;
        int j = i;
        while (j < n) {
            if (starts('/', '*', j)) {
                depth++;
                j += 2;
            } else if (starts('*', '/', j)) {
                j += 2;
                if (--depth == 0) {
                    return token(Kind.BLOCK_COMMENT, j, true);
                }
            } else {
                j++;
            }
        }
        return token(Kind.BLOCK_COMMENT, n, false);
    }

    /** A string whose body starts at {@code body}; continued across whitespace holding a newline. */
    private int string(int body, Kind kind, boolean backslashes) {
        int j = body;
        while (j < n) {
            char c = a[j];
            if (backslashes && c == '\\') {
                j += 2;
            } else if (c == '\'') {
                if (j + 1 < n && a[j + 1] == '\'' && kind != Kind.BIT_STRING && kind != Kind.HEX_STRING) {
                    j += 2;
                } else {
                    int again = continuation(j + 1);
                    if (again < 0) {
                        return token(kind, j + 1, true);
                    }
                    j = again + 1;
                }
            } else {
                j++;
            }
        }
        return token(kind, n, false);
    }

    /**
     * scan.l {@code quotecontinue}: after a closing quote at {@code from - 1}, whitespace (or {@code --} comments)
     * holding at least one newline, then a quote. Returns the index of that quote, or -1.
     */
    private int continuation(int from) {
        int j = from;
        while (j < n && (a[j] == ' ' || a[j] == '\t' || a[j] == '\f'
                || a[j] == '\u000B' || starts('-', '-', j))) {
            j = starts('-', '-', j) ? lineEnd(j) : j + 1;
        }
        if (j >= n || a[j] != '\n' && a[j] != '\r') {
            return -1;
        }
        while (j < n && (isSpace(a[j]) || starts('-', '-', j))) {
            if (starts('-', '-', j)) {
                int end = lineEnd(j);
                if (end >= n) {
                    return -1; // a comment must end in a newline to continue a string
                }
                j = end + 1;
            } else {
                j++;
            }
        }
        return j < n && a[j] == '\'' ? j : -1;
    }

    private int quotedIdentifier(int body) {
        int j = body;
        while (j < n) {
            if (a[j] == '"') {
                if (j + 1 < n && a[j + 1] == '"') {
                    j += 2;
                    continue;
                }
                return token(Kind.QUOTED_IDENTIFIER, j + 1, true);
            }
            j++;
        }
        return token(Kind.QUOTED_IDENTIFIER, n, false);
    }

    /** Decimal, with fraction and exponent; 0x/0o/0b integers; {@code _} between digits (PostgreSQL 16+). */
    private int number(int i) {
        int j = i;
        if (a[i] == '0' && i + 1 < n && "xXoObB".indexOf(a[i + 1]) >= 0 && i + 2 < n
                && isRadixDigit(a[i + 1], a[i + 2])) {
            j = i + 2;
            while (j < n && (isRadixDigit(a[i + 1], a[j]) || a[j] == '_')) {
                j++;
            }
            return token(Kind.NUMBER, j, true);
        }
        j = digits(j);
        if (j < n && a[j] == '.' && !(j + 1 < n && a[j + 1] == '.')) {
            j = digits(j + 1);
        }
        if (j < n && (a[j] == 'e' || a[j] == 'E')) {
            int k = j + 1;
            if (k < n && (a[k] == '+' || a[k] == '-')) {
                k++;
            }
            if (k < n && Character.isDigit(a[k]) && a[k] < 0x80) {
                j = digits(k);
            }
        }
        return token(Kind.NUMBER, j, true);
    }

    private int digits(int from) {
        int j = from;
        while (j < n && (a[j] >= '0' && a[j] <= '9' || a[j] == '_')) {
            j++;
        }
        return j;
    }

    private static boolean isRadixDigit(char radix, char c) {
        return switch (Character.toLowerCase(radix)) {
            case 'x' -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            case 'o' -> c >= '0' && c <= '7';
            default -> c == '0' || c == '1';
        };
    }

    /** {@code $1}, a dollar quote, or a lone {@code $} (OTHER). */
    private int dollar(int i) {
        int j = i + 1;
        if (j < n && a[j] >= '0' && a[j] <= '9') {
            while (j < n && a[j] >= '0' && a[j] <= '9') {
                j++;
            }
            return token(Kind.PARAMETER, j, true);
        }
        if (j < n && isIdentStart(a[j])) {
            while (j < n && isIdentPart(a[j]) && a[j] != '$') {
                j++;
            }
        }
        if (j >= n || a[j] != '$') {
            return token(Kind.OTHER, i + 1, true);
        }
        String delimiter = s.substring(i, j + 1);
        int close = s.indexOf(delimiter, j + 1);
        return close < 0 ? token(Kind.DOLLAR_STRING, n, false)
                : token(Kind.DOLLAR_STRING, close + delimiter.length(), true);
    }

    /** scan.l {@code {operator}}: cut at a comment start, trailing + and - dropped for SQL compatibility. */
    private int operator(int i) {
        int j = i;
        while (j < n && OP_CHARS.indexOf(a[j]) >= 0) {
            if (j > i && (starts('-', '-', j) || starts('/', '*', j))) {
                break;
            }
            j++;
        }
        int len = j - i;
        if (len > 1 && (a[j - 1] == '+' || a[j - 1] == '-')) {
            boolean nonSql = false;
            for (int k = i; k < j - 1; k++) {
                nonSql |= NON_SQL_OP_CHARS.indexOf(a[k]) >= 0;
            }
            if (!nonSql) {
                while (len > 1 && (a[i + len - 1] == '+' || a[i + len - 1] == '-')) {
                    len--;
                }
            }
        }
        return token(Kind.OPERATOR, i + len, true);
    }
}
