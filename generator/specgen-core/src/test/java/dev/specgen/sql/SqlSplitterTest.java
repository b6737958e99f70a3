package dev.specgen.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.sql.SqlSplitter.Piece;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    private static List<String> sqls(String script) {
        return SqlSplitter.split(script).stream().map(Piece::sql).toList();
    }

    @Test
    void splitsOnSemicolonsAndKeepsStartLines() {
        List<Piece> p = SqlSplitter.split("CREATE SCHEMA a;\n\n  CREATE TABLE a.t (id int);\nSELECT 1");
        assertEquals(List.of(new Piece("CREATE SCHEMA a", 1, 1), new Piece("CREATE TABLE a.t (id int)", 3, 3),
                new Piece("SELECT 1", 4, 1)), p);
    }

    @Test
    void semicolonsInStringsAndIdentifiersDoNotSplit() {
        assertEquals(List.of("SELECT 'a;b', 'it''s;'", "SELECT \"we;ird\"\"x\" FROM t"),
                sqls("SELECT 'a;b', 'it''s;';\nSELECT \"we;ird\"\"x\" FROM t;"));
    }

    @Test
    void escapeStringsHonourBackslashes() {
        assertEquals(List.of("SELECT E'a\\';b'", "SELECT 2"), sqls("SELECT E'a\\';b';SELECT 2;"));
        // a plain string ends at the quote even after a backslash (standard_conforming_strings)
        assertEquals(List.of("SELECT 'a\\'", "SELECT 2"), sqls("SELECT 'a\\';SELECT 2;"));
    }

    @Test
    void commentsDoNotSplitAndLeadingCommentsAreDropped() {
        String script = "-- header; with semicolon\n/* block; /* nested; */ still; */\nSELECT 1 -- trailing; x\n"
                + ";\n/* c */ SELECT 2;";
        List<Piece> p = SqlSplitter.split(script);
        assertEquals(List.of(new Piece("SELECT 1 -- trailing; x", 3, 1), new Piece("SELECT 2", 5, 9)), p);
    }

    @Test
    void dollarQuotedBodiesDoNotSplit() {
        String fn = "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$";
        String tagged = "DO $fn$ BEGIN PERFORM 1; RAISE NOTICE '$$'; END $fn$";
        assertEquals(List.of(fn, tagged, "SELECT $1, a$b FROM t"),
                sqls(fn + ";\n" + tagged + ";\nSELECT $1, a$b FROM t;"));
    }

    @Test
    void beginAtomicBodiesDoNotSplit() {
        String fn = "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
                + "  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\n  SELECT 2;\nEND";
        assertEquals(List.of(fn, "BEGIN", "SELECT 3", "COMMIT"), sqls(fn + ";\nBEGIN;\nSELECT 3;\nCOMMIT;"));
        // without OR REPLACE, and more words before the body: still a routine (the first words are looked at once)
        String plain = "create function g() returns int language sql begin atomic select 1; select 2; end";
        assertEquals(List.of(plain, "SELECT 4"), sqls(plain + "; SELECT 4;"));
        // CREATE OR REPLACE of something else: BEGIN is a word like any other
        assertEquals(List.of("CREATE OR REPLACE VIEW v AS SELECT begin", "END"),
                sqls("CREATE OR REPLACE VIEW v AS SELECT begin; END;"));
    }

    @Test
    void psqlMetaCommandsAndEmptyStatementsAreSkipped() {
        assertEquals(List.of("SELECT plan(1)", "SELECT pass('x')"),
                sqls("\\set ECHO none\n\\pset format unaligned\n;;SELECT plan(1);\n\\echo hi\nSELECT pass('x');\n"));
    }

    @Test
    void unterminatedTailIsOnePiece() {
        assertEquals(List.of("SELECT 1", "SELECT 'open"), sqls("SELECT 1; SELECT 'open"));
        assertEquals(List.of(), sqls("  -- only a comment\n"));
    }

    @Test
    void scriptLineOfAnErrorPosition() {
        Piece p = SqlSplitter.split("\n\nCREATE TABLE t (\n  id int,\n  x nosuchtype\n);").get(0);
        assertEquals(3, p.line());
        int position = p.sql().indexOf("nosuchtype") + 1;
        assertEquals(5, p.scriptLine(position));
    }

    /**
     * Issue 12: the parse gate takes each statement's tokens from the splitter instead of lexing it again; they must
     * be exactly the tokens of the statement's text lexed on its own, whatever ends the statement (the cut falls
     * inside a token only for white space the lexer does not know as such, and then the text is lexed again).
     */
    @Test
    void tokensHandedOnAreThoseOfTheStatementLexedAlone() {
        List<String> parts = List.of("SELECT", " ", "\n", "'a'", "'a'\n'b'", "'a' \n", "E'x\\';'", "\"q;\"",
                "$$ a; $$", "$t$ ; $t$", "$1", "--c;\n", "/* b; /* n */ */", "x$y", "1.", "1..2", "1e", "1e5", ".5",
                "=-", "+", "-", "->>", "::", ":=", ":", "(", ")", ",", "\u3000", "\u001C", "\t", "\f", "BEGIN",
                "END", "CREATE FUNCTION f() BEGIN ATOMIC", "U&'z'", "b'01'", "\\set x\n", "é", ";", ";", ";");
        java.util.Random random = new java.util.Random(12);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder script = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                script.append(parts.get(random.nextInt(parts.size())));
            }
            String text = script.toString();
            List<SqlSplitter.Lexed> lexed = SqlSplitter.splitLexed(text);
            assertEquals(SqlSplitter.split(text), lexed.stream().map(SqlSplitter.Lexed::piece).toList(), text);
            for (SqlSplitter.Lexed l : lexed) {
                assertEquals(SqlLexer.tokens(l.piece().sql()), l.tokens(), text);
            }
        }
    }
}
