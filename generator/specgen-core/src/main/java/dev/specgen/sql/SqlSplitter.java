package dev.specgen.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits SQL script text into statements the way psql does: a semicolon ends a statement unless it is inside a
 * string, a quoted identifier, a comment, a dollar-quoted body or a {@code BEGIN ATOMIC ... END} routine body.
 * Leading whitespace and comments are dropped from each piece (so its line is that of its first keyword), the
 * terminating semicolon is dropped, and psql meta-commands ({@code \set ...} lines between statements) are
 * skipped. Pure function; no JDBC.
 */
public final class SqlSplitter {

    /**
     * One statement of a script.
     *
     * @param sql    the statement text, without leading comments and without the terminating semicolon
     * @param line   1-based line in the script where the statement starts
     * @param column 1-based column of that first character
     */
    public record Piece(String sql, int line, int column) {
        public Piece {
            Objects.requireNonNull(sql, "sql == null");
        }

        /** The script line of a 1-based character position inside {@link #sql()} (as PostgreSQL reports it). */
        public int scriptLine(int position) {
            return line + lineOffset(sql, position);
        }

        @Override
        public String toString() {
            return "line " + line;
        }
    }

    private SqlSplitter() {
    }

    /**
     * A statement of a script with its tokens ({@link SqlLexer#tokens} of {@link Piece#sql()}, positions in that
     * text): the tokens the splitter cut anyway, handed on so that the parse gate need not lex the statement again.
     */
    public record Lexed(Piece piece, List<Token> tokens) {
        public Lexed {
            Objects.requireNonNull(piece, "piece == null");
            Objects.requireNonNull(tokens, "tokens == null");
        }
    }

    public static List<Piece> split(String script) {
        List<Piece> out = new ArrayList<>();
        split(script, (piece, tokens) -> out.add(piece), false);
        return List.copyOf(out);
    }

    /** {@link #split}, each statement with its tokens. */
    public static List<Lexed> splitLexed(String script) {
        List<Lexed> out = new ArrayList<>();
        split(script, (piece, tokens) -> out.add(new Lexed(piece, tokens)), true);
        return List.copyOf(out);
    }

    private interface Sink {
        void accept(Piece piece, List<Token> tokens);
    }

    private static void split(String script, Sink out, boolean keepTokens) {
        Objects.requireNonNull(script, "script == null");
        SqlLexer lexer = SqlLexer.over(script);
        // the statement's tokens as they are cut, packed: no Token is made per token (issue 12)
        // sized by the text (most step texts are one statement of a few dozen tokens): a fixed 256 tokens cost 2 KB per
        // step text, more than the tokens themselves
        PackedTokens.Builder tokens = keepTokens ? new PackedTokens.Builder(Math.min(256, 8 + script.length() / 8))
                : null;
        int n = script.length();
        int i = 0;
        int line = 1;
        int lineStart = 0;
        int start = -1; // start of the current statement, -1 while only whitespace/comments were seen
        int startLine = 0;
        int startCol = 0;
        // the first words, compared in place: CREATE [OR REPLACE] FUNCTION|PROCEDURE (isRoutineWord)
        int words = 0;
        boolean create = false;
        boolean orReplace = false;
        boolean routine = false;
        int atomicDepth = 0;
        // the next line break at or after the current token: found by one intrinsic scan per line rather than a
        // look at every character of every token (issue 12)
        int nextBreak = script.indexOf('\n');
        while (i < n) {
            if (start < 0 && script.charAt(i) == '\\') { // psql meta-command: skip the rest of the line
                int nl = script.indexOf('\n', i);
                i = nl < 0 ? n : nl;
                continue;
            }
            int end = lexer.scan(i);
            Token.Kind kind = lexer.kind();
            if (start < 0 && !kind.isBlank() && kind != Token.Kind.SEMICOLON) {
                start = i;
                startLine = line;
                startCol = i - lineStart + 1;
                words = 0;
                create = false;
                orReplace = false;
                routine = false;
                atomicDepth = 0;
                if (keepTokens) {
                    tokens.clear();
                }
            }
            if (start >= 0 && kind == Token.Kind.IDENTIFIER) {
                // a script is mostly identifiers, and this loop runs for every generated test statement: every word
                // is compared in place, none copied
                if (words < 4) {
                    switch (words) {
                        case 0 -> create = Token.spells(script, i, end, "CREATE");
                        case 1 -> {
                            routine = create && isRoutineWord(script, i, end);
                            orReplace = create && Token.spells(script, i, end, "OR");
                        }
                        case 2 -> orReplace &= Token.spells(script, i, end, "REPLACE");
                        default -> routine |= orReplace && isRoutineWord(script, i, end);
                    }
                    words++;
                }
                if (routine) {
                    if (Token.spells(script, i, end, "BEGIN") || Token.spells(script, i, end, "CASE")) {
                        atomicDepth++;
                    } else if (Token.spells(script, i, end, "END") && atomicDepth > 0) {
                        atomicDepth--;
                    }
                }
            } else if (start >= 0 && kind == Token.Kind.SEMICOLON && atomicDepth == 0) {
                emit(script, start, i, startLine, startCol, tokens, out);
                start = -1;
            }
            if (start >= 0 && keepTokens) {
                tokens.add(kind, i, end, lexer.complete());
            }
            while (nextBreak >= 0 && nextBreak < end) {
                line++;
                lineStart = nextBreak + 1;
                nextBreak = script.indexOf('\n', nextBreak + 1);
            }
            i = end;
        }
        if (start >= 0) {
            int to = strippedEnd(script, start, n);
            if (to > start) {
                emit(script, start, n, startLine, startCol, tokens, out);
            }
        }
    }

    private static void emit(String script, int from, int to, int line, int col, PackedTokens.Builder tokens,
            Sink out) {
        Piece piece = piece(script, from, to, line, col);
        out.accept(piece, tokens == null ? null : pieceTokens(piece.sql(), from, tokens));
    }

    /**
     * The tokens of a statement's text, from those the splitter cut in the script starting at {@code from}, shifted to
     * the text's positions: the same as lexing the text on its own ({@link SqlLexer#tokens}). Lexing from the same
     * start gives the same tokens as long as a token's end does not depend on what lies past the text's end: the
     * text ends before a {@code ;}, blanks or the script's end, where every token ends anyway (a string's
     * continuation, a dollar quote's close and a comment's end are inside the token that holds them). The text drops
     * trailing white space as {@link String#stripTrailing()} knows it, which is more than the lexer's (U+3000 is part
     * of an identifier to PostgreSQL): when that cut falls inside a token, the text is lexed on its own.
     */
    private static PackedTokens pieceTokens(String sql, int from, PackedTokens.Builder cut) {
        int end = from + sql.length();
        int count = 0;
        for (int k = 0; k < cut.size(); k++) {
            if (cut.start(k) >= end) {
                break;
            }
            if (cut.end(k) > end) {
                return SqlLexer.packed(sql);
            }
            count++;
        }
        return cut.shifted(count, from);
    }

    /**
     * FUNCTION or PROCEDURE, after CREATE [OR REPLACE]: only routines may hold a BEGIN ATOMIC body with semicolons.
     */
    private static boolean isRoutineWord(String script, int start, int end) {
        return Token.spells(script, start, end, "FUNCTION") || Token.spells(script, start, end, "PROCEDURE");
    }

    /** {@code script.substring(from, to).stripTrailing()}, copied once. */
    private static Piece piece(String script, int from, int to, int line, int col) {
        return new Piece(script.substring(from, strippedEnd(script, from, to)), line, col);
    }

    /**
     * Where {@code script.substring(from, to).stripTrailing()} ends in {@code script}: before the white space
     * ({@link Character#isWhitespace(int)}) that ends the range. No supplementary character is white space, so a
     * look at each char is a look at each code point.
     */
    private static int strippedEnd(String script, int from, int to) {
        int end = to;
        while (end > from && Character.isWhitespace(script.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** Number of line breaks before the 1-based character position {@code position} of {@code text}. */
    public static int lineOffset(String text, int position) {
        int end = Math.min(Math.max(position - 1, 0), text.length());
        int lines = 0;
        for (int k = 0; k < end; k++) {
            if (text.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
