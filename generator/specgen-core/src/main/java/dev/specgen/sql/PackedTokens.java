package dev.specgen.sql;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Tokens kept compactly: two ints each instead of an object and a reference. Test statements keep their tokens from
 * rendering until the parse gate (issue 12): at 1,000 entities that is millions of tokens, which as {@link Token}
 * objects took about 130 MB more of the heap; a token is made again when it is read.
 */
final class PackedTokens extends AbstractList<Token> implements RandomAccess {
    private static final Token.Kind[] KINDS = Token.Kind.values();
    /** Token lengths below this fit beside the kind and the completeness flag in one int. */
    private static final int MAX_LENGTH = 1 << 25;

    private final int[] packed;

    private PackedTokens(int[] packed) {
        this.packed = packed;
    }

    /** {@code tokens} packed, or the list itself (unmodifiable) when a token is too long to pack. */
    static List<Token> of(List<Token> tokens) {
        int[] p = new int[tokens.size() * 2];
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int length = t.end() - t.start();
            if (length >= MAX_LENGTH) {
                return java.util.Collections.unmodifiableList(tokens);
            }
            p[2 * i] = t.start();
            p[2 * i + 1] = length << 6 | t.kind().ordinal() << 1 | (t.complete() ? 1 : 0);
        }
        return new PackedTokens(p);
    }

    @Override
    public Token get(int index) {
        int start = packed[2 * index];
        int rest = packed[2 * index + 1];
        return new Token(KINDS[rest >>> 1 & 31], start, start + (rest >>> 6), (rest & 1) != 0);
    }

    @Override
    public int size() {
        return packed.length / 2;
    }
}
