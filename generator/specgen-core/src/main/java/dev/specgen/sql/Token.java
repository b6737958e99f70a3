package dev.specgen.sql;

import java.util.Locale;

/**
 * One token of SQL text as PostgreSQL's lexer ({@code src/backend/parser/scan.l}) cuts it: {@code [start, end)} in
 * the text. {@code complete} is false for a string, quoted identifier, dollar-quoted string or block comment that
 * the text ends inside of.
 */
public record Token(Kind kind, int start, int end, boolean complete) {

    /** What a token is. Strings are split by prefix because their escapes (and so their ends) differ. */
    public enum Kind {
        /** Spaces, tabs, newlines, form feeds, vertical tabs. */
        WHITESPACE,
        /** {@code -- ...} up to the end of the line (the newline is not part of it). */
        LINE_COMMENT,
        /** {@code /* ... *}{@code /}, nested. */
        BLOCK_COMMENT,
        /** A bare word: identifier or key word ({@code x$a$} is one: {@code $} continues an identifier). */
        IDENTIFIER,
        /** {@code "..."} or {@code U&"..."}. */
        QUOTED_IDENTIFIER,
        /** {@code '...'} or {@code N'...'}: backslashes are plain characters (standard_conforming_strings on). */
        STRING,
        /** {@code E'...'}: backslash escapes; the same under either standard_conforming_strings setting. */
        ESCAPE_STRING,
        /** {@code U&'...'}: PostgreSQL refuses it when standard_conforming_strings is off. */
        UNICODE_STRING,
        /** {@code B'0101'}. */
        BIT_STRING,
        /** {@code X'1F'}. */
        HEX_STRING,
        /** {@code $$...$$} or {@code $tag$...$tag$}. */
        DOLLAR_STRING,
        /** {@code 42}, {@code 1.5e3}, {@code .5}, {@code 0x1F}, {@code 1_000}. */
        NUMBER,
        /** {@code $1}. */
        PARAMETER,
        /** A run of operator characters ({@code <>}, {@code ||}, {@code ->>}, {@code =}, {@code +}). */
        OPERATOR,
        OPEN_PAREN,
        CLOSE_PAREN,
        OPEN_BRACKET,
        CLOSE_BRACKET,
        COMMA,
        SEMICOLON,
        DOT,
        /** A single {@code :} (array slices; psql reads {@code :name} as a variable). */
        COLON,
        /** {@code ::}. */
        TYPECAST,
        /** {@code :=}. */
        COLON_EQUALS,
        /** {@code ..}. */
        DOT_DOT,
        /** A character PostgreSQL's lexer does not accept here ({@code \}, <code>{</code>, a lone {@code $}). */
        OTHER;

        /** Whitespace or a comment: nothing the parser sees. */
        public boolean isBlank() {
            return this == WHITESPACE || this == LINE_COMMENT || this == BLOCK_COMMENT;
        }

        /** A string constant of any kind. */
        public boolean isString() {
            return this == STRING || this == ESCAPE_STRING || this == UNICODE_STRING || this == BIT_STRING
                    || this == HEX_STRING || this == DOLLAR_STRING;
        }
    }

    public Token {
        if (kind == null) {
            throw new NullPointerException("kind == null");
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The token's text in {@code sql}, the text it was cut from. */
    public String text(String sql) {
        return sql.substring(start, end);
    }

    /** For an {@link Kind#IDENTIFIER}: its text upper-cased (key words compare this way); else empty. */
    public String word(String sql) {
        return kind == Kind.IDENTIFIER ? text(sql).toUpperCase(Locale.ROOT) : "";
    }

    /** True for an identifier spelling {@code keyword} in any case. */
    public boolean is(String sql, String keyword) {
        return kind == Kind.IDENTIFIER && spells(sql, start, end, keyword);
    }

    /** Whether {@code sql}'s characters from {@code start} to {@code end} spell {@code keyword} in any case. */
    static boolean spells(String sql, int start, int end, String keyword) {
        return end - start == keyword.length() && sql.regionMatches(true, start, keyword, 0, keyword.length());
    }
}
