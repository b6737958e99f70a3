package dev.specgen.bench.mv;

import dev.specgen.bench.mv.MvBenchReport.Goal;
import dev.specgen.bench.mv.MvBenchReport.Refresh;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The goals of the issue, judged on a report (ratios by server CPU time where it is known). */
final class MvBenchGoals {
    private MvBenchGoals() {
    }

    static List<Goal> of(MvBenchReport r) {
        List<Goal> out = new ArrayList<>();
        Function<String[], Optional<Refresh>> find = k -> r.refreshes().stream().filter(x -> x.workload().equals(k[0])
                && x.change().equals(k[1]) && Math.abs(x.rate() - Double.parseDouble(k[2])) < 1e-9).findFirst();
        find.apply(new String[] {"aggregate", "insert-only", "0.01"}).ifPresent(x -> {
            out.add(ratioGoal("aggregate, 1% insert-only: >= 10x faster than REFRESH CONCURRENTLY",
                    x.vsConcurrent().orElse(0.0), x.vsConcurrentWall().orElse(0.0), 10));
            out.add(ratioGoal("aggregate, 1% insert-only: >= 7x faster than REFRESH", x, 7));
        });
        find.apply(new String[] {"aggregate", "mixed", "0.01"}).ifPresent(x -> out.add(ratioGoal(
                "aggregate, 1% mixed: >= 5x faster than REFRESH", x, 5)));
        for (String kind : List.of("insert-only", "mixed")) {
            find.apply(new String[] {"aggregate", kind, "0.001"}).ifPresent(x -> out.add(ratioGoal(
                    "aggregate, 0.1% " + kind + ": >= 30x faster than REFRESH", x, 30)));
            for (String rate : List.of("0.1", "0.5")) {
                find.apply(new String[] {"aggregate", kind, rate}).ifPresent(x -> out.add(ratioGoal("aggregate, "
                        + MvBenchReport.rate(Double.parseDouble(rate)) + " " + kind + ": never slower than REFRESH",
                        x, 1)));
            }
        }
        find.apply(new String[] {"join aggregate", "insert-only", "0.01"}).ifPresent(x -> out.add(ratioGoal(
                "join aggregate, 1%: >= 3x faster than REFRESH", x, 3)));
        out.add(new Goal("no-op refresh <= 2 ms", MvBenchReport.ms(r.noop().medianMs()) + " ms",
                r.noop().medianMs() <= 2));
        // the rows of CaptureBench: INSERT ... SELECT, the generated bulk insert function, specgen load
        if (r.captures().size() > 2) {
            r.captures().get(1).overhead().ifPresent(ov -> out.add(new Goal(
                    "capture <= 10% on the generated bulk insert function (10k rows)", MvBenchReport.pct(ov),
                    ov <= 0.10)));
            r.captures().get(2).overhead().ifPresent(ov -> out.add(new Goal("capture <= 5% on specgen load",
                    MvBenchReport.pct(ov), ov <= 0.05)));
        }
        out.add(new Goal("immediate mode <= 35% write overhead", MvBenchReport.pct(r.immediate().overhead()),
                r.immediate().overhead() <= 0.35));
        out.add(new Goal("immediate mode, 8 writers: >= 50% of the throughput without the view",
                String.format(Locale.ROOT, "%.0f%%", r.immediate().throughputShare() * 100),
                r.immediate().throughputShare() >= 0.5));
        return out;
    }

    private static Goal ratioGoal(String goal, Refresh x, double target) {
        return ratioGoal(goal, x.vsFull(), x.vsFullWall(), target);
    }

    /** Met by {@code ratio} (CPU times where known); the wall-clock ratio is shown beside it. */
    private static Goal ratioGoal(String goal, double ratio, double wall, double target) {
        return new Goal(goal, MvBenchReport.ratio(ratio) + " (wall " + MvBenchReport.ratio(wall) + ")",
                ratio >= target);
    }
}
