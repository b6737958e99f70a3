package dev.specgen.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Token boundaries as PostgreSQL's scan.l draws them; each case is one PostgreSQL rule. */
class SqlLexerTest {

    /** Significant tokens as {@code KIND:text}, one per line; {@code !} marks an unterminated one. */
    private static String lex(String sql) {
        return SqlLexer.significant(sql).stream()
                .map(t -> t.kind() + ":" + t.text(sql) + (t.complete() ? "" : "!"))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void dollarContinuesAnIdentifier() {
        // issue 6: x$a$ is an identifier, so nothing after it is a dollar-quoted string
        assertEquals("""
                IDENTIFIER:x$a$
                OPERATOR:>
                NUMBER:0
                CLOSE_PAREN:)
                CLOSE_PAREN:)
                SEMICOLON:;
                IDENTIFIER:DROP""", lex("x$a$ > 0)) ; DROP"));
        assertEquals("IDENTIFIER:q$a$", lex("q$a$"));
    }

    @Test
    void dollarQuotesParametersAndLoneDollars() {
        assertEquals("DOLLAR_STRING:$a$ x; ' $b$ $a$\nIDENTIFIER:y", lex("$a$ x; ' $b$ $a$ y"));
        assertEquals("DOLLAR_STRING:$$a$$", lex("$$a$$"));
        assertEquals("DOLLAR_STRING:$a$ open!", lex("$a$ open"));
        assertEquals("PARAMETER:$1\nOPERATOR:+\nPARAMETER:$22", lex("$1+$22"));
        assertEquals("OTHER:$\nIDENTIFIER:abc", lex("$abc"));
        // a tag holds no $, and a digit cannot start it
        assertEquals("PARAMETER:$1\nIDENTIFIER:a$", lex("$1a$"));
        // after a number, $ starts a quote (scan.l has no rule joining them)
        assertEquals("NUMBER:1\nDOLLAR_STRING:$a$b$a$", lex("1$a$b$a$"));
    }

    @Test
    void stringPrefixesOnlyAtTheStartOfAToken() {
        assertEquals("ESCAPE_STRING:E'a\\'b'\nIDENTIFIER:c", lex("E'a\\'b' c"));
        assertEquals("STRING:'a\\'\nIDENTIFIER:b", lex("'a\\' b"));
        assertEquals("IDENTIFIER:xe\nSTRING:'a'", lex("xe'a'"));
        assertEquals("STRING:N'a'", lex("N'a'"));
        assertEquals("BIT_STRING:B'01'\nHEX_STRING:x'1F'", lex("B'01' x'1F'"));
        assertEquals("UNICODE_STRING:U&'d\\0061t'\nIDENTIFIER:UESCAPE\nSTRING:'\\'", lex("U&'d\\0061t' UESCAPE '\\'"));
        assertEquals("QUOTED_IDENTIFIER:U&\"d!0061t\"", lex("U&\"d!0061t\""));
        assertEquals("IDENTIFIER:U\nOPERATOR:&\nIDENTIFIER:x", lex("U&x"));
        assertEquals("STRING:'it''s'", lex("'it''s'"));
        assertEquals("ESCAPE_STRING:e'it''s\\\\'", lex("e'it''s\\\\'"));
        assertEquals("QUOTED_IDENTIFIER:\"a\"\"b\"\nQUOTED_IDENTIFIER:\"open!", lex("\"a\"\"b\" \"open"));
        assertEquals("STRING:'open!", lex("'open"));
        assertEquals("ESCAPE_STRING:E'a\\'!", lex("E'a\\'"));
    }

    @Test
    void stringsContinueAcrossANewline() {
        assertEquals("STRING:'a'\n  'b'", lex("'a'\n  'b'"));
        assertEquals("STRING:'a'\nSTRING:'b'", lex("'a' 'b'"));
        assertEquals("STRING:'a' -- c\n'b'", lex("'a' -- c\n'b'"));
        assertEquals("ESCAPE_STRING:E'a'\n'\\''", lex("E'a'\n'\\''"));
    }

    @Test
    void commentsNestAndOperatorsStopAtThem() {
        assertEquals("NUMBER:1\nOPERATOR:+\nNUMBER:2", lex("1 +/* a /* b */ c */2"));
        assertEquals("NUMBER:1\nOPERATOR:+", lex("1 +-- x\n"));
        List<Token> all = SqlLexer.tokens("a /* open /* */");
        assertEquals(Token.Kind.BLOCK_COMMENT, all.get(2).kind());
        assertFalse(all.get(2).complete());
        assertEquals("OPERATOR:*\nOPERATOR:/", lex("*/*x*/ /"));
    }

    @Test
    void operatorsDropATrailingPlusOrMinusUnlessNonSql() {
        assertEquals("IDENTIFIER:a\nOPERATOR:=\nOPERATOR:-\nNUMBER:1", lex("a=-1"));
        assertEquals("IDENTIFIER:a\nOPERATOR:@-\nNUMBER:1", lex("a@-1"));
        assertEquals("IDENTIFIER:a\nOPERATOR:<>\nIDENTIFIER:b\nOPERATOR:->>\nSTRING:'k'", lex("a<>b->>'k'"));
        assertEquals("IDENTIFIER:r\nOPERATOR:-|-\nIDENTIFIER:s", lex("r -|- s"));
    }

    @Test
    void punctuationNumbersAndOther() {
        assertEquals("""
                IDENTIFIER:a
                TYPECAST:::
                IDENTIFIER:int
                OPEN_BRACKET:[
                NUMBER:1
                COLON::
                IDENTIFIER:n
                CLOSE_BRACKET:]
                COLON_EQUALS::=
                NUMBER:1
                DOT_DOT:..
                NUMBER:2""", lex("a::int[1:n] := 1..2"));
        assertEquals("NUMBER:1.5e-3\nNUMBER:.5\nNUMBER:0x1F\nNUMBER:1_000\nNUMBER:1.", lex("1.5e-3 .5 0x1F 1_000 1."));
        assertEquals("OTHER:\\\nIDENTIFIER:x\nOTHER:{\nOTHER:}", lex("\\x { }"));
        assertEquals("IDENTIFIER:s\nDOT:.\nIDENTIFIER:t", lex("s.t"));
        assertEquals("IDENTIFIER:\u00e9t\u00e9\u00a0x", lex("\u00e9t\u00e9\u00a0x"));
    }

    @Test
    void tokensCoverTheTextWithoutGaps() {
        String sql = "SELECT E'\\'' || $q$;$q$ /* c */ -- d\n, \"x\"\"\" FROM t;";
        int at = 0;
        for (Token t : SqlLexer.tokens(sql)) {
            assertEquals(at, t.start());
            at = t.end();
        }
        assertEquals(sql.length(), at);
        assertEquals(List.of("SELECT", "FROM", "T"), SqlLexer.words(sql));
    }
}
