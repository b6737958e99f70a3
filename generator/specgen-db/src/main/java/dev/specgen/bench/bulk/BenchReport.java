package dev.specgen.bench.bulk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a benchmark run is shown: a text table for the terminal, a section of {@code docs/benchmarks.md} (between
 * markers, so other benchmarks keep their sections), JSON for comparing runs, and the comparison of two JSON files.
 */
public final class BenchReport {
    static final String BEGIN = "<!-- specgen bench bulk: begin -->";
    static final String END = "<!-- specgen bench bulk: end -->";

    private BenchReport() {
    }

    public static String table(BenchResult r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "median of %d run%s per path%n", r.repeat(), r.repeat() == 1 ? "" : "s"));
        s.append(String.format(Locale.ROOT, "%-34s %12s %9s %12s %9s %10s %10s %10s %7s%n", "path", "rows", "seconds",
                "rows/s", "vs COPY", "CPU s", "WAL MB", "dead", "spread"));
        String group = "";
        for (BenchResult.Path p : r.paths()) {
            if (!p.group().equals(group)) {
                group = p.group();
            }
            s.append(String.format(Locale.ROOT, "%-34s %,12d %9.2f %,12.0f %8.2fx %10.2f %10.1f %,10d %6.0f%%%s%n",
                    p.name(), p.rows(), p.seconds(), p.rowsPerSecond(), r.vsCopy(p), p.cpuSeconds(),
                    p.walBytes() / 1e6, p.deadTuples(), p.spread() * 100, p.sampled() ? "  (sampled, extrapolated)"
                    : ""));
        }
        s.append('\n');
        r.goals().forEach(g -> s.append(g).append('\n'));
        return s.toString();
    }

    static String markdown(BenchResult r, String machine) {
        StringBuilder s = new StringBuilder();
        s.append(BEGIN).append('\n');
        s.append("## Bulk writes: `specgen bench bulk`\n\n");
        s.append(String.format(Locale.ROOT, "%,d rows into `analytics.sales_transaction` (12 monthly partitions and a"
                + " DEFAULT one, primary key, BRIN and two btree indexes; the example specs' view capture and workflow"
                + " triggers on it disabled, `bench mv` measures those) on the benchmark's own embedded PostgreSQL %s"
                + " (%s; the same server for every path), %s. Each path starts from the same table state after a"
                + " CHECKPOINT and runs %d time%s, each round in an order rotated within its group; every figure is"
                + " the median of its runs, and spread is (slowest - fastest) / median wall time. CPU is the whole"
                + " server's (backends, WAL writer, checkpointer), from /proc; WAL from pg_current_wal_insert_lsn()."
                + " Batches and calls of %s rows.\n\n", r.rows(), r.postgres(), BulkDb.describe(), machine,
                r.repeat(), r.repeat() == 1 ? "" : "s", "10,000"));
        s.append("| path | rows/s | vs binary COPY | server CPU s | WAL MB | dead tuples | spread |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (BenchResult.Path p : r.paths()) {
            s.append(String.format(Locale.ROOT, "| %s%s | %,.0f | %.2fx | %.1f | %.1f | %,d | %.0f%% |%n", p.name(),
                    p.sampled() ? " (sampled)" : "", p.rowsPerSecond(), r.vsCopy(p), p.cpuSeconds(),
                    p.walBytes() / 1e6, p.deadTuples(), p.spread() * 100));
        }
        s.append("\nGoals (issue 7):\n\n");
        r.goals().forEach(g -> s.append("- ").append(g.trim()).append('\n'));
        s.append(END).append('\n');
        return s.toString();
    }

    /** Puts the section into {@code doc} (replacing an earlier one, keeping everything else). */
    public static void writeSection(Path doc, BenchResult r, String machine) throws IOException {
        String section = markdown(r, machine);
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8)
                : "# Benchmarks\n\nMeasured figures; each section is written by the command it names.\n";
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b >= 0 && e > b) {
            text = text.substring(0, b) + section + text.substring(e + END.length() + 1);
        } else {
            text = text.stripTrailing() + "\n\n" + section;
        }
        Files.writeString(doc, text, StandardCharsets.UTF_8);
    }

    public static String json(BenchResult r) {
        StringBuilder s = new StringBuilder("{\n  \"bench\": \"bulk\",\n  \"rows\": ").append(r.rows())
                .append(",\n  \"postgres\": \"").append(r.postgres()).append("\",\n  \"repeat\": ").append(r.repeat())
                .append(",\n  \"paths\": [\n");
        for (int i = 0; i < r.paths().size(); i++) {
            BenchResult.Path p = r.paths().get(i);
            s.append(String.format(Locale.ROOT, "    {\"group\": \"%s\", \"name\": \"%s\", \"rows\": %d, \"seconds\":"
                    + " %.4f, \"rowsPerSecond\": %.1f, \"vsCopy\": %.4f, \"cpuSeconds\": %.3f, \"walBytes\": %d,"
                    + " \"deadTuples\": %d, \"sampled\": %b, \"runs\": [%s]}%s%n", p.group(), p.name(), p.rows(),
                    p.seconds(), p.rowsPerSecond(), r.vsCopy(p), p.cpuSeconds(), p.walBytes(), p.deadTuples(),
                    p.sampled(), runs(p), i < r.paths().size() - 1 ? "," : ""));
        }
        return s.append("  ]\n}\n").toString();
    }

    private static String runs(BenchResult.Path p) {
        StringBuilder s = new StringBuilder();
        for (BenchResult.Run x : p.runs()) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "{\"seconds\": %.4f,"
                    + " \"cpuSeconds\": %.3f, \"walBytes\": %d, \"deadTuples\": %d}", x.seconds(), x.cpuSeconds(),
                    x.walBytes(), x.deadTuples()));
        }
        return s.toString();
    }

    private static final Pattern PATH = Pattern.compile("\\{\"group\": \"([^\"]*)\", \"name\": \"([^\"]*)\", \"rows\":"
            + " (\\d+), \"seconds\": ([\\d.]+), \"rowsPerSecond\": ([\\d.]+), \"vsCopy\": ([\\d.]+), \"cpuSeconds\":"
            + " ([-\\d.]+), \"walBytes\": (-?\\d+), \"deadTuples\": (-?\\d+), \"sampled\": (true|false)"
            + "(?:, \"runs\": \\[([^\\]]*)\\])?\\}");
    private static final Pattern RUN = Pattern.compile("\\{\"seconds\": ([\\d.]+), \"cpuSeconds\": ([-\\d.]+),"
            + " \"walBytes\": (-?\\d+), \"deadTuples\": (-?\\d+)\\}");

    /** Reads what {@link #json} wrote. */
    public static BenchResult parse(String json) {
        Matcher rows = Pattern.compile("\"rows\": (\\d+),\n").matcher(json);
        Matcher pg = Pattern.compile("\"postgres\": \"([^\"]*)\"").matcher(json);
        if (!rows.find() || !pg.find()) {
            throw new IllegalArgumentException("not a specgen bench bulk JSON file");
        }
        List<BenchResult.Path> paths = new ArrayList<>();
        Matcher m = PATH.matcher(json);
        while (m.find()) {
            List<BenchResult.Run> runs = new ArrayList<>();
            BenchResult.Run one = new BenchResult.Run(Double.parseDouble(m.group(4)), Double.parseDouble(m.group(7)),
                    Long.parseLong(m.group(8)), Long.parseLong(m.group(9)));
            if (m.group(11) != null) {
                Matcher x = RUN.matcher(m.group(11));
                while (x.find()) {
                    runs.add(new BenchResult.Run(Double.parseDouble(x.group(1)), Double.parseDouble(x.group(2)),
                            Long.parseLong(x.group(3)), Long.parseLong(x.group(4))));
                }
            }
            paths.add(new BenchResult.Path(m.group(1), m.group(2), Long.parseLong(m.group(3)), one.seconds(),
                    one.cpuSeconds(), one.walBytes(), one.deadTuples(), Boolean.parseBoolean(m.group(10)),
                    runs.isEmpty() ? List.of(one) : runs));
        }
        // files of runs before --repeat carry neither "repeat" nor "runs": one run each
        Matcher repeat = Pattern.compile("\"repeat\": (\\d+),\n").matcher(json);
        return new BenchResult(Integer.parseInt(rows.group(1)), pg.group(1),
                repeat.find() ? Integer.parseInt(repeat.group(1)) : 1, paths);
    }

    /** Path by path: rows/s and its ratio to COPY in each run, and the change from the first to the second. */
    public static String compare(BenchResult a, BenchResult b) {
        Map<String, BenchResult.Path> second = new LinkedHashMap<>();
        b.paths().forEach(p -> second.put(p.name(), p));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-34s %12s %12s %8s %9s %9s %10s%n", "path",
                "rows/s A", "rows/s B", "B/A", "vsCOPY A", "vsCOPY B", "WAL B/A"));
        for (BenchResult.Path p : a.paths()) {
            BenchResult.Path q = second.get(p.name());
            if (q == null) {
                continue;
            }
            s.append(String.format(Locale.ROOT, "%-34s %,12.0f %,12.0f %7.2fx %8.2fx %8.2fx %9.2fx%n", p.name(),
                    p.rowsPerSecond(), q.rowsPerSecond(), q.rowsPerSecond() / Math.max(1e-9, p.rowsPerSecond()),
                    a.vsCopy(p), b.vsCopy(q), (double) q.walBytes() / Math.max(1, p.walBytes())));
        }
        return s.toString();
    }
}
