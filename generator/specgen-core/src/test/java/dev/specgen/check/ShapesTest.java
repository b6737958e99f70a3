package dev.specgen.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which statements share a shape, and so one JSqlParser verdict (issue 12). */
class ShapesTest {
    final Shapes shapes = new Shapes();

    private String shape(String sql) {
        return shapes.of(sql).orElseThrow();
    }

    @Test
    void namesNumbersAndPlainStringsAreCarriedAlong() {
        assertEquals(shape("CREATE TABLE IF NOT EXISTS analytics.sales_0001_p2024_01 PARTITION OF "
                + "analytics.sales_0001 FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')"),
                shape("CREATE TABLE IF NOT EXISTS shop.orders_p2025_12 PARTITION OF "
                        + "shop.orders FOR VALUES FROM ('2025-12-01') TO ('2026-01-01')"));
        assertEquals(shape("CREATE TABLE t_h03 PARTITION OF t FOR VALUES WITH (modulus 16, remainder 3)"),
                shape("CREATE TABLE t_h15 PARTITION OF t FOR VALUES WITH (modulus 16, remainder 15)"));
        assertEquals(shape("SELECT \"is\"(col_x, 'it''s')"), shape("SELECT \"is\"(col_y, 'plain')"));
        assertEquals(shape("CREATE FUNCTION fn_one() RETURNS void AS $specgen$ BEGIN x; END $specgen$"),
                shape("CREATE FUNCTION fn_two() RETURNS void AS $specgen$ anything ' \" ( at all $specgen$"));
    }

    /** Blanks and comments are one blank, whatever their length: JSqlParser skips them. */
    @Test
    void layoutIsOneBlank() {
        assertEquals(shape("SELECT  col_a\n\n  FROM tab_b"), shape("SELECT /* x */ col_c -- y\n FROM tab_d"));
        assertNotEquals(shape("SELECT col_a FROM tab_b"), shape("SELECT col_a FROM tab_b WHERE col_c"));
    }

    /** What JSqlParser reads differently keeps the statement's own shape. */
    @Test
    void keyWordsOfJSqlParserAreKept() {
        // USE, DATE and NAME are key words to JSqlParser (not to PostgreSQL): a table named use does not parse
        assertNotEquals(shape("CREATE TABLE a.use (x int)"), shape("CREATE TABLE a.usr (x int)"));
        assertNotEquals(shape("SELECT date FROM t"), shape("SELECT data FROM t"));
        assertNotEquals(shape("SELECT name FROM t"), shape("SELECT nome FROM t"));
        // a word its grammar compares token text with: kept, even where the lexer sees a plain name
        assertNotEquals(shape("SELECT json_table FROM t"), shape("SELECT json_tablx FROM t"));
        assertNotEquals(shape("SELECT \"use\" FROM t"), shape("SELECT \"usr\" FROM t"));
    }

    @Test
    void stringsJSqlParserMisreadsAreKept() {
        assertNotEquals(shape("SELECT 'a\\'"), shape("SELECT 'ab'"));
        assertNotEquals(shape("SELECT E'a'"), shape("SELECT 'a'"));
        assertNotEquals(shape("SELECT 'caf\u00e9'"), shape("SELECT 'cafe'"));
        assertNotEquals(shape("SELECT 1.5"), shape("SELECT 2.5"));
        assertNotEquals(shape("SELECT 1234567890"), shape("SELECT 1234567891"));
        assertNotEquals(shape("DO $$ a $b$ $$"), shape("DO $$ a b $$"));
    }

    /** A token another lexer could join to its neighbour ({@code @x}, {@code :x}) keeps its text. */
    @Test
    void gluedTokensAreKept() {
        assertNotEquals(shape("SELECT @abc"), shape("SELECT @abd"));
        assertNotEquals(shape("SELECT x:abc"), shape("SELECT x:abd"));
        assertEquals(shape("SELECT col_a+col_b"), shape("SELECT col_c+col_d"));
    }

    @Test
    void markerCharactersHaveNoShape() {
        assertFalse(shapes.of("SELECT '\u0001i'").isPresent());
        assertTrue(shapes.of("SELECT 1").isPresent());
    }

    /** Words looked up in place (the shape's path) get the answer of the word itself, past the table's growth. */
    @org.junit.jupiter.api.Test
    void wordsLookedUpInPlaceGetTheWordsAnswer() {
        JSqlWords inPlace = new JSqlWords();
        JSqlWords alone = new JSqlWords();
        StringBuilder text = new StringBuilder();
        java.util.List<int[]> spans = new java.util.ArrayList<>();
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("select", "SELECT", "use", "date",
                "name", "doc", "json_table", "owned", "text", "x", "a1", "t_1"));
        for (int i = 0; i < 3000; i++) {
            words.add("w" + i);
            words.add(i % 2 == 0 ? "FROM" : "doc_" + i);
        }
        for (String w : words) {
            spans.add(new int[] {text.length() + 1, text.length() + 1 + w.length()});
            text.append(' ').append(w);
        }
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < words.size(); k++) {
                int[] sp = spans.get(k);
                org.junit.jupiter.api.Assertions.assertEquals(alone.plainName(words.get(k)),
                        inPlace.plainName(text.toString(), sp[0], sp[1]), words.get(k));
            }
        }
        org.junit.jupiter.api.Assertions.assertFalse(inPlace.plainName(" use ", 1, 4));
        org.junit.jupiter.api.Assertions.assertTrue(inPlace.plainName(" doc ", 1, 4));
    }

    /**
     * The shape read by index into a reused buffer ({@link Shapes#of(String, dev.specgen.sql.PackedTokens)}) is the
     * shape as it was made before, token objects into a string builder ({@link #shapeAsBefore}), on random statements
     * of every kind of token, short and longer than the buffers (issue 12).
     */
    @Test
    void shapeByIndexIsTheShapeAsBefore() {
        java.util.List<String> parts = java.util.List.of("SELECT", " ", "\n", "col_a", "use", "date", "'a'",
                "'it''s'", "'a\\b'", "'caf\u00e9'", "E'x'", "\"q\"", "\"use\"", "\"\"", "$$ a $$", "$t$ b $t$",
                "$t$ $x $t$", "$u$ open", "42", "1234567890", "1.5", "$1", "--c\n", "/* b */", "x$y", "=", "<>", "||",
                "@", "?", "::", ":", ".", ",", "(", ")", "[", "]", ";", "FROM", "\u00e9t\u00e9", "'open");
        java.util.Random random = new java.util.Random(12);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int count = round % 100 == 0 ? 3000 : random.nextInt(16);
            for (int k = count; k >= 0; k--) {
                text.append(parts.get(random.nextInt(parts.size())));
            }
            String sql = text.toString();
            assertEquals(shapeAsBefore(sql), shapes.of(sql).orElseThrow(), sql);
        }
        String huge = "SELECT " + "col_a, ".repeat(200_000) + "'x'";
        assertEquals(shapeAsBefore(huge), shapes.of(huge).orElseThrow());
        assertEquals(shapeAsBefore("SELECT 1"), shapes.of("SELECT 1").orElseThrow());
    }

    /** The shape as {@code Shapes.of} made it before it read tokens by index (main at f755b9b). */
    private static String shapeAsBefore(String text) {
        JSqlWords words = new JSqlWords();
        java.util.List<dev.specgen.sql.Token> tokens = new java.util.ArrayList<>(dev.specgen.sql.SqlLexer.tokens(text));
        StringBuilder b = new StringBuilder();
        boolean blank = false;
        for (int i = 0; i < tokens.size(); i++) {
            dev.specgen.sql.Token t = tokens.get(i);
            boolean sepBefore = i == 0 || separatesAsBefore(text, tokens.get(i - 1));
            boolean sepAfter = i + 1 == tokens.size() || separatesAsBefore(text, tokens.get(i + 1));
            if (t.kind().isBlank()) {
                blank = true;
                continue;
            }
            b.append(blank ? ' ' : '\u0002');
            blank = false;
            String replaced = sepBefore && sepAfter ? replacementAsBefore(words, text, t) : null;
            if (replaced != null) {
                b.append('\u0001').append(replaced);
            } else {
                b.append(text, t.start(), t.end());
            }
        }
        return b.toString();
    }

    private static boolean separatesAsBefore(String text, dev.specgen.sql.Token t) {
        return switch (t.kind()) {
            case WHITESPACE, LINE_COMMENT, BLOCK_COMMENT, OPEN_PAREN, CLOSE_PAREN, OPEN_BRACKET, CLOSE_BRACKET,
                    COMMA, SEMICOLON, DOT, TYPECAST -> true;
            case OPERATOR -> t.text(text).chars().allMatch(c -> "=<>+-*/%|".indexOf(c) >= 0);
            default -> false;
        };
    }

    private static String replacementAsBefore(JSqlWords words, String text, dev.specgen.sql.Token t) {
        String s = t.text(text);
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
        switch (t.kind()) {
            case IDENTIFIER:
                return word.matcher(s).matches() && words.plainName(s) ? "i" : null;
            case NUMBER:
                return s.length() <= 9 && s.chars().allMatch(c -> c >= '0' && c <= '9') ? "n" : null;
            case STRING:
                return s.charAt(0) == '\'' && t.complete()
                        && s.substring(1, s.length() - 1).chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '\\')
                        ? "s" : null;
            case QUOTED_IDENTIFIER:
                return s.charAt(0) == '"' && t.complete() && s.length() > 2
                        && word.matcher(s.substring(1, s.length() - 1)).matches()
                        && words.plainName(s.substring(1, s.length() - 1)) ? "q" : null;
            case DOLLAR_STRING:
                if (!t.complete()) {
                    return null;
                }
                String tag = s.substring(0, s.indexOf('$', 1) + 1);
                return s.substring(tag.length(), s.length() - tag.length()).indexOf('$') < 0 ? "d" + tag : null;
            default:
                return null;
        }
    }
}
