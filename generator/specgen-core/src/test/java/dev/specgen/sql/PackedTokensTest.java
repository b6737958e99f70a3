package dev.specgen.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedTokensTest {

    /**
     * Every kind, both flags, large positions: read back as they went in, by {@code get} and by index; a token too
     * long to pack beside its kind is read back too, with every other token.
     */
    @Test
    void tokensReadBackAsTheyWentIn() {
        List<Token> tokens = new ArrayList<>();
        int at = 1_000_000_000;
        for (Token.Kind k : Token.Kind.values()) {
            tokens.add(new Token(k, at, at + 3, true));
            tokens.add(new Token(k, at + 3, at + 3 + (1 << 25) - 1, false));
            at += 1 << 25;
        }
        PackedTokens packed = PackedTokens.of(tokens);
        assertEquals(tokens, packed);
        assertSame(packed, PackedTokens.of(packed));
        assertReadByIndex(tokens, packed);
        tokens.add(new Token(Token.Kind.DOLLAR_STRING, 0, 1 << 25, true));
        tokens.add(new Token(Token.Kind.IDENTIFIER, 1 << 25, (1 << 25) + 2, true));
        PackedTokens kept = PackedTokens.of(tokens);
        assertEquals(tokens, kept);
        assertReadByIndex(tokens, kept);
    }

    private static void assertReadByIndex(List<Token> tokens, PackedTokens packed) {
        assertEquals(tokens.size(), packed.size());
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            assertEquals(t.kind(), packed.kind(i));
            assertEquals(t.start(), packed.start(i));
            assertEquals(t.end(), packed.end(i));
            assertEquals(t.complete(), packed.complete(i));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> packed.kind(tokens.size()));
    }

    /** The lexer's packed tokens are those it cuts one at a time ({@link SqlLexer#at(int)}). */
    @Test
    void packedTokensAreTheLexersOneByOne() {
        String sql = "SELECT 'a'\n'b', $t$ x $t$, \"q\"\"r\", x$y, 1.5e3, $1 /* c /* d */ */ -- e\n E'\\'' <> U&'z' ;";
        SqlLexer lexer = SqlLexer.over(sql);
        List<Token> oneByOne = new ArrayList<>();
        for (int i = 0; i < sql.length(); i = oneByOne.get(oneByOne.size() - 1).end()) {
            oneByOne.add(lexer.at(i));
        }
        assertEquals(oneByOne, SqlLexer.packed(sql));
        assertEquals(oneByOne, SqlLexer.tokens(sql));
        assertReadByIndex(oneByOne, SqlLexer.packed(sql));
    }
}
