package dev.specgen.bench.generate;

import dev.specgen.Stage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code specgen bench generate} prints and keeps: a table, a flat JSON object (one number per key, so two runs
 * compare key by key), and each figure's ratio to an earlier run's JSON ({@link #ratios}).
 *
 * @param machine facts about where it ran (cores, Java, load average), shown with the numbers
 */
public record BenchReport(GeneratorBench.Warm warm, List<GeneratorBench.Cold> cold, Map<String, String> machine) {
    private static final Pattern NUMBER = Pattern.compile("\"([^\"]+)\":\\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)");

    public BenchReport {
        cold = List.copyOf(cold);
        machine = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(machine));
    }

    /** Every figure by a stable key: {@code warm.stage.render.ms}, {@code cold.<variant>.median.ms}, ... */
    public Map<String, Double> figures() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("entities", (double) warm.entities());
        f.put("files", (double) warm.files());
        f.put("output.bytes", (double) warm.outputBytes());
        for (Stage s : Stage.values()) {
            f.put("warm.stage." + key(s.title()) + ".ms", warm.stageMillis().getOrDefault(s, Double.NaN));
            f.put("warm.stage." + key(s.title()) + ".cpu.ms", warm.stageCpuMillis().getOrDefault(s, Double.NaN));
        }
        f.put("warm.total.ms", warm.totalMillis());
        f.put("warm.min.ms", warm.minTotalMillis());
        f.put("warm.entities_per_s", warm.entitiesPerSecond());
        f.put("warm.peak_heap.mib", warm.peakHeapBytes() / 1048576.0);
        f.put("warm.gc.count", warm.gcCount());
        f.put("warm.gc.ms", warm.gcMillis());
        for (GeneratorBench.Cold c : cold) {
            f.put("cold." + key(c.name()) + ".median.ms", c.median());
            f.put("cold." + key(c.name()) + ".min.ms", c.min());
        }
        return f;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    public String json() {
        StringBuilder b = new StringBuilder("{\n");
        machine.forEach((k, v) -> b.append("  \"machine.").append(k).append("\": \"").append(v.replace("\\", "\\\\")
                .replace("\"", "\\\"")).append("\",\n"));
        figures().forEach((k, v) -> b.append("  \"").append(k).append("\": ")
                .append(v.isNaN() ? "null" : String.format(Locale.ROOT, "%.3f", v)).append(",\n"));
        b.setLength(b.length() - 2);
        return b.append("\n}\n").toString();
    }

    /** The numbers of a JSON object this report wrote. */
    public static Map<String, Double> readFigures(String json) {
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = NUMBER.matcher(json);
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }

    /** {@code key: new / old} for every figure both have (below 1 is faster or smaller now). */
    public Map<String, Double> ratios(Map<String, Double> baseline) {
        Map<String, Double> out = new LinkedHashMap<>();
        figures().forEach((k, v) -> {
            Double old = baseline.get(k);
            if (old != null && old > 0 && !v.isNaN() && (k.endsWith(".ms") || k.endsWith(".mib"))) {
                out.put(k, v / old);
            }
        });
        return out;
    }

    /** The table printed at the end of a run. */
    public String table(Optional<Map<String, Double>> baseline) {
        StringBuilder b = new StringBuilder();
        Map<String, Double> ratio = baseline.map(this::ratios).orElse(Map.of());
        b.append(String.format(Locale.ROOT, "specgen bench generate: %,d entities, %,d files, %,.1f MB of SQL%n",
                warm.entities(), warm.files(), warm.outputBytes() / 1e6));
        b.append(String.format(Locale.ROOT, "in-process, warm (median of %d runs after %d warm-up runs):"
                + "        wall      CPU (all threads)%n", warm.iterations(), warm.warmups()));
        double cpuTotal = 0;
        for (Stage s : Stage.values()) {
            double cpu = warm.stageCpuMillis().getOrDefault(s, Double.NaN);
            cpuTotal += cpu;
            row(b, s.title(), warm.stageMillis().getOrDefault(s, Double.NaN), cpu,
                    ratio.get("warm.stage." + key(s.title()) + ".ms"));
        }
        row(b, "total", warm.totalMillis(), cpuTotal, ratio.get("warm.total.ms"));
        b.append(String.format(Locale.ROOT, "  %-28s %10.0f entities/s%n", "throughput", warm.entitiesPerSecond()));
        b.append(String.format(Locale.ROOT, "  %-28s %10.1f ms %10.0f collections (median per build)%n",
                "garbage collection", warm.gcMillis(), warm.gcCount()));
        b.append(String.format(Locale.ROOT, "  %-28s %10.1f MiB%s%n", "peak heap", warm.peakHeapBytes() / 1048576.0,
                Optional.ofNullable(ratio.get("warm.peak_heap.mib"))
                        .map(r -> String.format(Locale.ROOT, "   x%.2f of the baseline", r)).orElse("")));
        if (!cold.isEmpty()) {
            b.append("cold CLI processes (median, min of the runs):\n");
            for (GeneratorBench.Cold c : cold) {
                b.append(String.format(Locale.ROOT, "  %-44s %8.0f ms %8.0f ms  (%s, %d runs)%s%n", c.name(),
                        c.median(), c.min(), c.specs(), c.millis().size(),
                        Optional.ofNullable(ratio.get("cold." + key(c.name()) + ".median.ms"))
                                .map(r -> String.format(Locale.ROOT, "  x%.2f", r)).orElse("")));
            }
        }
        b.append("machine: ");
        machine.forEach((k, v) -> b.append(k).append('=').append(v).append("  "));
        return b.toString().stripTrailing() + "\n";
    }

    private static void row(StringBuilder b, String name, double wall, double cpu, Double ratio) {
        b.append(String.format(Locale.ROOT, "  %-28s %10.1f ms %10.1f ms%s%n", name, wall, cpu,
                ratio == null ? "" : String.format(Locale.ROOT, "   x%.2f of the baseline", ratio)));
    }
}
