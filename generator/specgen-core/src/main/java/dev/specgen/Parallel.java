package dev.specgen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Independent work of one stage (a file to render, a statement to parse) spread over the available cores, with
 * results in input order, so output and diagnostics are the same as one thread's. Work is done in batches, and each
 * batch's results are handed to a consumer in order before the next batch starts: a consumer that throws (a budget
 * passed) stops the run at the same item every time, holding at most one batch more than one thread would.
 * {@code f} must not throw for bad input (it returns its problem as part of the result): which of several failing
 * items would surface first from parallel work is not defined.
 */
public final class Parallel {
    /** Items per batch: enough to keep the cores busy, few enough to stop soon after a budget is passed. */
    static final int BATCH = 64;

    private Parallel() {
    }

    public static <T, R> List<R> map(List<T> items, Function<T, R> f, Consumer<R> then) {
        return map(items, BATCH, f, then);
    }

    /** {@link #map(List, Function, Consumer)} with batches of {@code batch} items. */
    public static <T, R> List<R> map(List<T> items, int batch, Function<T, R> f, Consumer<R> then) {
        List<R> out = new ArrayList<>(items.size());
        boolean parallel = Runtime.getRuntime().availableProcessors() > 1;
        for (int i = 0; i < items.size(); i += batch) {
            List<T> part = items.subList(i, Math.min(items.size(), i + batch));
            List<R> done = parallel && part.size() > 1 ? part.parallelStream().map(f).toList()
                    : part.stream().map(f).toList();
            for (R r : done) {
                then.accept(r);
                out.add(r);
            }
        }
        return out;
    }

    public static <T, R> List<R> map(List<T> items, Function<T, R> f) {
        return map(items, f, r -> { });
    }
}
