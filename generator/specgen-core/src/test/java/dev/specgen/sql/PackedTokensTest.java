package dev.specgen.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedTokensTest {

    /** Every kind, both flags, large positions: read back as they went in; a token too long to pack is kept. */
    @Test
    void tokensReadBackAsTheyWentIn() {
        List<Token> tokens = new ArrayList<>();
        int at = 1_000_000_000;
        for (Token.Kind k : Token.Kind.values()) {
            tokens.add(new Token(k, at, at + 3, true));
            tokens.add(new Token(k, at + 3, at + 3 + (1 << 25) - 1, false));
            at += 1 << 25;
        }
        List<Token> packed = PackedTokens.of(tokens);
        assertTrue(packed instanceof PackedTokens);
        assertEquals(tokens, packed);
        tokens.add(new Token(Token.Kind.DOLLAR_STRING, 0, 1 << 25, true));
        List<Token> kept = PackedTokens.of(tokens);
        assertFalse(kept instanceof PackedTokens);
        assertEquals(tokens, kept);
    }
}
