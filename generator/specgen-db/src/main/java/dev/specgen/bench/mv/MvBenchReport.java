package dev.specgen.bench.mv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run of {@code specgen bench mv} measured, as data: printed as a table, written as JSON (to compare runs)
 * and as the "specgen bench mv" section of docs/benchmarks.md.
 */
record MvBenchReport(String postgres, MvBenchOptions options, List<Refresh> refreshes, Noop noop,
        List<Capture> captures, Immediate immediate, List<Goal> goals) {

    MvBenchReport {
        Objects.requireNonNull(postgres, "postgres == null");
        refreshes = List.copyOf(refreshes);
        captures = List.copyOf(captures);
        goals = List.copyOf(goals);
    }

    /**
     * The median wall time, the median CPU time of the server process (NaN where not known) and the WAL of the run
     * with the median wall time.
     */
    record Measured(double ms, double cpuMs, long wal) {
        boolean hasCpu() {
            return !Double.isNaN(cpuMs);
        }

        /** {@code other}'s time over this one's: CPU times where both are known, else wall times. */
        double speedup(Measured other) {
            return hasCpu() && other.hasCpu() && cpuMs > 0 ? other.cpuMs / cpuMs : other.ms / ms;
        }

        String text() {
            return MvBenchReport.ms(ms) + " ms" + (hasCpu() ? " (cpu " + MvBenchReport.ms(cpuMs) + ")" : "");
        }
    }

    /**
     * One change scenario: {@code workload} (aggregate, join aggregate), {@code change} (insert-only or mixed),
     * the share of the source changed, the strategy specgen's refresh chose and why, and the three refreshes.
     */
    record Refresh(String workload, String change, double rate, long changedRows, Measured incremental,
            String strategy, Measured full, Optional<Measured> concurrent, boolean sameRows) {
        /** How many times faster than REFRESH: by CPU time where known (see {@link Measured#speedup}). */
        double vsFull() {
            return incremental.speedup(full);
        }

        Optional<Double> vsConcurrent() {
            return concurrent.map(incremental::speedup);
        }

        double vsFullWall() {
            return full.ms() / incremental.ms();
        }

        Optional<Double> vsConcurrentWall() {
            return concurrent.map(c -> c.ms() / incremental.ms());
        }
    }

    /** A refresh with nothing pending: median and 95th percentile of many calls. */
    record Noop(int calls, double medianMs, double p95Ms) {
    }

    /** A write with capture triggers against the same write into a twin table without them. */
    record Capture(String write, Optional<Measured> with, Optional<Measured> without, String note) {
        /** The extra time of the write with capture: by CPU time where known. */
        Optional<Double> overhead() {
            return with.flatMap(w -> without.map(o -> 1 / w.speedup(o) - 1));
        }
    }

    /**
     * Immediate mode: a single-row insert with and without the view (wall and server CPU time per insert), and
     * concurrent writers' throughput.
     */
    record Immediate(Measured with, Measured without, int writers, double perSecondWith, double perSecondWithout) {
        double overhead() {
            return 1 / with.speedup(without) - 1;
        }

        double throughputShare() {
            return perSecondWith / perSecondWithout;
        }
    }

    /** A goal of the issue, what was measured, whether it was met. */
    record Goal(String goal, String measured, boolean met) {
    }

    /** The table of immediate mode (also what {@code --only immediate} prints). */
    static String immediateTable(Immediate immediate) {
        StringBuilder b = new StringBuilder();
        b.append("| immediate mode | with the view | without | |\n|---|---:|---:|---:|\n");
        b.append("| single-row INSERT | ").append(immediate.with().text()).append(" | ")
                .append(immediate.without().text()).append(" | ").append(pct(immediate.overhead()))
                .append(" |\n");
        b.append("| ").append(immediate.writers()).append(" concurrent writers | ")
                .append(String.format(Locale.ROOT, "%.0f", immediate.perSecondWith())).append(" rows/s | ")
                .append(String.format(Locale.ROOT, "%.0f", immediate.perSecondWithout())).append(" rows/s | ")
                .append(String.format(Locale.ROOT, "%.0f%%", immediate.throughputShare() * 100)).append(" |\n");
        return b.toString();
    }

    static String ms(double v) {
        return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : v < 100 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.0f", v);
    }

    static String ratio(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.1fx" : "%.0fx", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%+.1f%%", v * 100);
    }

    static String bytes(long b) {
        if (b < 10_000) {
            return b + " B";
        }
        if (b < 10_000_000) {
            return String.format(Locale.ROOT, "%.0f kB", b / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f MB", b / 1e6);
    }

    static String rate(double r) {
        return new java.math.BigDecimal(Double.toString(r)).movePointRight(2).stripTrailingZeros().toPlainString()
                + "%";
    }

    /** The tables, in markdown (the terminal prints them as they are). */
    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("Measured with `").append(options.command()).append("`.\n\n");
        b.append("PostgreSQL ").append(postgres).append(" (embedded), ").append(options.rows())
                .append(" source rows, ").append(options.groups()).append(" groups, changes in statements of ")
                .append(options.batch()).append(" rows, median of ").append(options.repeat())
                .append(options.repeat() == 1 ? " run" : " runs").append(".\n\n");
        b.append("Times: wall clock (JDBC round trip included) and, in parentheses, CPU time of the server process"
                + " (/proc/PID/schedstat). Ratios and goals use the CPU times where known: on a shared machine the"
                + " wall clock also counts waiting for a CPU.\n\n");
        b.append("| workload | change | rows changed | specgen | strategy | REFRESH | REFRESH CONCURRENTLY | vs REFRESH"
                + " | vs CONCURRENTLY | WAL specgen / REFRESH / CONCURRENTLY | same rows |\n");
        b.append("|---|---|---:|---:|---|---:|---:|---:|---:|---|---|\n");
        for (Refresh r : refreshes) {
            b.append("| ").append(r.workload()).append(" | ").append(r.change()).append(' ').append(rate(r.rate()))
                    .append(" | ").append(r.changedRows()).append(" | ").append(r.incremental().text())
                    .append(" | ").append(r.strategy()).append(" | ").append(r.full().text()).append(" | ")
                    .append(r.concurrent().map(Measured::text).orElse("")).append(" | ")
                    .append(ratio(r.vsFull())).append(" (wall ").append(ratio(r.vsFullWall())).append(") | ")
                    .append(r.vsConcurrent().map(v -> ratio(v) + " (wall " + ratio(r.vsConcurrentWall().orElseThrow())
                            + ")").orElse("")).append(" | ").append(bytes(r.incremental().wal())).append(" / ")
                    .append(bytes(r.full().wal())).append(r.concurrent().map(c -> " / " + bytes(c.wal())).orElse(""))
                    .append(" | ").append(r.sameRows() ? "yes" : "NO").append(" |\n");
        }
        b.append("\nA refresh with nothing pending: median ").append(ms(noop.medianMs())).append(" ms, 95th percentile ")
                .append(ms(noop.p95Ms())).append(" ms (").append(noop.calls()).append(" calls).\n\n");
        b.append(captureTable(captures));
        b.append("\n").append(immediateTable(immediate));
        b.append("\n| goal | measured | met |\n|---|---|---|\n");
        for (Goal g : goals) {
            b.append("| ").append(g.goal()).append(" | ").append(g.measured()).append(" | ")
                    .append(g.met() ? "yes" : "**no**").append(" |\n");
        }
        return b.toString();
    }

    /** The capture table: each write with and without the view's capture triggers. */
    static String captureTable(List<Capture> captures) {
        StringBuilder b = new StringBuilder();
        b.append("| capture (statement-level triggers) | with | without | overhead | WAL with / without |\n");
        b.append("|---|---:|---:|---:|---|\n");
        for (Capture c : captures) {
            b.append("| ").append(c.write()).append(" | ").append(c.with().map(Measured::text).orElse("-"))
                    .append(" | ").append(c.without().map(Measured::text).orElse("-")).append(" | ")
                    .append(c.overhead().map(MvBenchReport::pct).orElse(c.note())).append(" | ")
                    .append(c.with().isPresent() ? bytes(c.with().get().wal()) + " / "
                            + bytes(c.without().orElseThrow().wal()) : "").append(" |\n");
        }
        return b.toString();
    }

    /** JSON for comparing runs (hand-written: the schema is this record). */
    String json() {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"benchmark\": \"specgen bench mv\",\n");
        b.append("  \"postgres\": ").append(str(postgres)).append(",\n");
        b.append("  \"rows\": ").append(options.rows()).append(", \"groups\": ").append(options.groups())
                .append(", \"repeat\": ").append(options.repeat()).append(", \"batch\": ").append(options.batch())
                .append(",\n");
        b.append("  \"refreshes\": [\n");
        List<String> items = new ArrayList<>();
        for (Refresh r : refreshes) {
            items.add("    {\"workload\": " + str(r.workload()) + ", \"change\": " + str(r.change()) + ", \"rate\": "
                    + r.rate() + ", \"changedRows\": " + r.changedRows() + ", \"incremental\": " + m(r.incremental())
                    + ", \"strategy\": " + str(r.strategy()) + ", \"full\": " + m(r.full()) + ", \"concurrent\": "
                    + r.concurrent().map(MvBenchReport::m).orElse("null") + ", \"sameRows\": " + r.sameRows() + "}");
        }
        b.append(String.join(",\n", items)).append("\n  ],\n");
        b.append("  \"noop\": {\"calls\": ").append(noop.calls()).append(", \"medianMs\": ").append(num(noop.medianMs()))
                .append(", \"p95Ms\": ").append(num(noop.p95Ms())).append("},\n");
        items.clear();
        for (Capture c : captures) {
            items.add("    {\"write\": " + str(c.write()) + ", \"with\": " + c.with().map(MvBenchReport::m)
                    .orElse("null") + ", \"without\": " + c.without().map(MvBenchReport::m).orElse("null")
                    + ", \"note\": " + str(c.note()) + "}");
        }
        b.append("  \"captures\": [\n").append(String.join(",\n", items)).append("\n  ],\n");
        b.append("  \"immediate\": {\"with\": ").append(m(immediate.with())).append(", \"without\": ")
                .append(m(immediate.without())).append(", \"writers\": ").append(immediate.writers())
                .append(", \"perSecondWith\": ").append(num(immediate.perSecondWith()))
                .append(", \"perSecondWithout\": ").append(num(immediate.perSecondWithout())).append("},\n");
        items.clear();
        for (Goal g : goals) {
            items.add("    {\"goal\": " + str(g.goal()) + ", \"measured\": " + str(g.measured()) + ", \"met\": "
                    + g.met() + "}");
        }
        b.append("  \"goals\": [\n").append(String.join(",\n", items)).append("\n  ]\n}\n");
        return b.toString();
    }

    private static String m(Measured x) {
        return "{\"ms\": " + num(x.ms()) + ", \"cpuMs\": " + num(x.cpuMs()) + ", \"walBytes\": " + x.wal() + "}";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
