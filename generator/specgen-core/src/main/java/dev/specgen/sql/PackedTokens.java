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

    /** {@code tokens} packed, or an unmodifiable copy of them when a token is too long to pack. */
    static List<Token> of(List<Token> tokens) {
        return shifted(tokens, tokens.size(), 0);
    }

    /**
     * The first {@code count} of {@code tokens}, each moved {@code from} characters to the left, packed as {@link #of}
     * packs them: without a shifted copy of each token first.
     */
    static List<Token> shifted(List<Token> tokens, int count, int from) {
        int[] p = new int[count * 2];
        for (int i = 0; i < count; i++) {
            Token t = tokens.get(i);
            int length = t.end() - t.start();
            if (length >= MAX_LENGTH) {
                List<Token> out = new java.util.ArrayList<>(count);
                for (Token x : tokens.subList(0, count)) {
                    out.add(new Token(x.kind(), x.start() - from, x.end() - from, x.complete()));
                }
                return java.util.Collections.unmodifiableList(out);
            }
            p[2 * i] = t.start() - from;
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
