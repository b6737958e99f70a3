package dev.specgen.sql;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Tokens kept compactly: two ints each instead of an object and a reference. Test statements keep their tokens from
 * rendering until the parse gate (issue 12): at 1,000 entities that is millions of tokens, which as {@link Token}
 * objects took about 130 MB more of the heap. A loop over every token reads them by index ({@link #kind(int)},
 * {@link #start(int)}, {@link #end(int)}, {@link #complete(int)}, {@link #is(String, int, String)}) without making a
 * {@link Token}; {@link #get(int)} makes one, for everything else.
 */
public final class PackedTokens extends AbstractList<Token> implements RandomAccess {
    private static final Token.Kind[] KINDS = Token.Kind.values();
    /** Token lengths below this fit beside the kind and the completeness flag in one int. */
    private static final int MAX_LENGTH = 1 << 25;

    private final int[] packed;
    private final int size;
    /** The end of each token, only when some token is too long to pack ({@link #MAX_LENGTH}); else null. */
    private final int[] ends;

    private PackedTokens(int[] packed, int size, int[] ends) {
        this.packed = packed;
        this.size = size;
        this.ends = ends;
    }

    /** {@code tokens} packed ({@code tokens} itself when it is packed already). */
    public static PackedTokens of(List<Token> tokens) {
        if (tokens instanceof PackedTokens p) {
            return p;
        }
        Builder b = new Builder(Math.max(tokens.size(), 1));
        for (Token t : tokens) {
            b.add(t.kind(), t.start(), t.end(), t.complete());
        }
        return b.build();
    }

    @Override
    public Token get(int index) {
        return new Token(kind(index), start(index), end(index), complete(index));
    }

    @Override
    public int size() {
        return size;
    }

    /** The kind of token {@code index}. */
    public Token.Kind kind(int index) {
        check(index);
        return KINDS[packed[2 * index + 1] >>> 1 & 31];
    }

    /** Where token {@code index} starts. */
    public int start(int index) {
        check(index);
        return packed[2 * index];
    }

    /** Where token {@code index} ends. */
    public int end(int index) {
        check(index);
        return end(packed, ends, index);
    }

    /** Where token {@code index} of {@code packed} ends: its packed start and length, or {@code ends} when kept. */
    private static int end(int[] packed, int[] ends, int index) {
        return ends != null ? ends[index] : packed[2 * index] + (packed[2 * index + 1] >>> 6);
    }

    /** Whether token {@code index} is complete ({@link Token#complete()}). */
    public boolean complete(int index) {
        check(index);
        return (packed[2 * index + 1] & 1) != 0;
    }

    /** {@link Token#is(String, String)} of token {@code index}, cut from {@code sql}. */
    public boolean is(String sql, int index, String keyword) {
        return kind(index) == Token.Kind.IDENTIFIER && Token.spells(sql, start(index), end(index), keyword);
    }

    private void check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("token " + index + " of " + size);
        }
    }

    /** Tokens added one by one, packed as they come. */
    static final class Builder {
        private int[] packed;
        private int size;
        private int[] ends;

        Builder(int capacity) {
            packed = new int[2 * Math.max(capacity, 1)];
        }

        void add(Token.Kind kind, int start, int end, boolean complete) {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
            }
            if (2 * size == packed.length) {
                packed = Arrays.copyOf(packed, 2 * packed.length);
            }
            int length = end - start;
            if (length >= MAX_LENGTH && ends == null) {
                ends = new int[packed.length / 2];
                for (int i = 0; i < size; i++) {
                    ends[i] = PackedTokens.end(packed, null, i);
                }
            }
            if (ends != null) {
                if (ends.length < packed.length / 2) {
                    ends = Arrays.copyOf(ends, packed.length / 2);
                }
                ends[size] = end;
            }
            packed[2 * size] = start;
            packed[2 * size + 1] = Math.min(length, MAX_LENGTH - 1) << 6 | kind.ordinal() << 1 | (complete ? 1 : 0);
            size++;
        }

        int size() {
            return size;
        }

        int start(int index) {
            return packed[2 * index];
        }

        int end(int index) {
            return PackedTokens.end(packed, ends, index);
        }

        void clear() {
            size = 0;
            ends = null;
        }

        /** What was added, in an array of its own size. */
        PackedTokens build() {
            return shifted(size, 0);
        }

        /** The first {@code count} tokens, each moved {@code from} characters to the left. */
        PackedTokens shifted(int count, int from) {
            int[] p = Arrays.copyOf(packed, 2 * count);
            if (from != 0) {
                for (int i = 0; i < p.length; i += 2) {
                    p[i] -= from;
                }
            }
            int[] e = null;
            if (ends != null) {
                e = Arrays.copyOf(ends, count);
                for (int i = 0; i < count; i++) {
                    e[i] -= from;
                }
            }
            return new PackedTokens(p, count, e);
        }
    }
}
