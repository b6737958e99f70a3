package dev.specgen.render;

import dev.specgen.diag.SourcePos;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The bytes of SQL a run may render (issue 12, {@code Limits.outputBytes}), counted statement by statement while
 * rendering, so a run that would pass the limit stops at the statement that passes it, holding at most the limit
 * in memory rather than gigabytes. The model-based estimate before planning ({@code plan.Workload}) catches most
 * such runs earlier; this count is exact (UTF-8 bytes of every statement and test step, the install script's
 * copies of the DDL included; file headers are not counted).
 */
public final class OutputBudget {
    public static final OutputBudget UNLIMITED = new OutputBudget(Long.MAX_VALUE);

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public OutputBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used.get();
    }

    /**
     * Counts {@code copies} copies of {@code text}; past the limit, {@link Exceeded} at {@code origin}, naming
     * {@code what} was rendered. The name is asked for only then: it is text built per statement ({@code "partition
     * sales_2024_01 of sales"}) that a run within its limit never shows (issue 12).
     */
    public void spend(String text, int copies, SourcePos origin, Supplier<String> what) {
        if (limit != Long.MAX_VALUE) {
            spendBytes(utf8Length(text) * copies, origin, what);
        }
    }

    /** Counts {@code bytes}; past the limit, {@link Exceeded} at {@code origin} ({@code what} asked for only then). */
    public void spendBytes(long bytes, SourcePos origin, Supplier<String> what) {
        long total = used.addAndGet(bytes);
        if (total > limit) {
            throw new Exceeded(origin, what.get(), total, limit);
        }
    }

    /** Bytes of {@code s} in UTF-8. */
    public static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // a surrogate pair is 4 bytes: 2 for each half
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    /** Rendering passed the limit at {@code pos}, while rendering {@code what}. */
    public static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SourcePos pos;
        private final long used;
        private final long limit;

        Exceeded(SourcePos pos, String what, long used, long limit) {
            super("the generated SQL passed the limit of " + String.format(java.util.Locale.ROOT, "%,d", limit)
                    + " bytes while rendering " + what, null, false, false);
            this.pos = pos;
            this.used = used;
            this.limit = limit;
        }

        public SourcePos pos() {
            return pos;
        }

        public long used() {
            return used;
        }

        public long limit() {
            return limit;
        }
    }
}
