package dev.specgen.bench.generate;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.Stage;
import dev.specgen.diag.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The generator benchmark (issue 12): {@code build} of a spec folder timed stage by stage in this JVM after warm-up
 * runs ({@link #warm}), and as fresh processes ({@link #cold}: what a user waits for at the command line). Every run
 * writes into an empty output folder, so every file is written. Not a test: timings are only comparable side by
 * side, on one machine, in one run.
 */
public final class GeneratorBench {
    private GeneratorBench() {
    }

    /**
     * In-process results: medians over the measured runs.
     *
     * @param stageMillis   median wall time of each stage
     * @param stageCpuMillis median CPU time the process spent during each stage (all threads: the stage's workers,
     *                      and the garbage collector and JIT compiler while it ran); above the wall time when the
     *                      stage used several cores, a steadier figure than wall time on a busy machine
     * @param peakHeapBytes the heap pools' peak use summed, in one more build after the measured ones, started after
     *                      a full GC (so no earlier build's garbage is counted)
     * @param gcCount       median number of garbage collections during a measured build
     * @param gcMillis      median time the collectors report for a measured build (their pauses and concurrent work)
     */
    public record Warm(int entities, int warmups, int iterations, Map<Stage, Double> stageMillis,
            Map<Stage, Double> stageCpuMillis, double totalMillis, double minTotalMillis, long peakHeapBytes, int files,
            long outputBytes, double gcCount, double gcMillis) {
        public double entitiesPerSecond() {
            return entities / (totalMillis / 1000);
        }
    }

    /** Fresh-process results of one variant: wall time of each run, in ms. */
    public record Cold(String name, String specs, List<Double> millis) {
        public double median() {
            return GeneratorBench.median(millis);
        }

        public double min() {
            return millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }
    }

    /**
     * {@code build} of {@code opts.specs()}: {@code warmups} unmeasured runs, then {@code iterations} measured, each
     * into a new, empty folder, back to back as in a JVM that keeps building (a Maven daemon): no forced GC between
     * them. A {@code System.gc()} before each run, as this benchmark did until 6 December 2026, let G1 shrink the heap
     * to about 136 MB each time, so every measured build paid for growing it again; the collections a build does are
     * reported beside its time. The peak heap comes from one more, unmeasured build after a full GC. The runs' folders
     * are left for the caller to delete once nothing more is timed ({@link BenchRun#run} deletes them at its end): on
     * ext4 without a journal (this project's benchmark machine) the kernel does not reuse an inode for a minute or more
     * after its file was deleted, and looks at every such inode again for each file it creates in their block group
     * (ext4's {@code recently_deleted}), so deleting one run's 2,000 files right before the next run made that run's
     * file creation cost several times what a build into a new folder costs otherwise (the write stage's "kernel
     * open"), and deleting them before the cold runs did the same to those.
     */
    public static Warm warm(Options opts, int entities, int warmups, int iterations) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        Map<Stage, List<Double>> stages = new EnumMap<>(Stage.class);
        Map<Stage, List<Double>> cpu = new EnumMap<>(Stage.class);
        List<Double> totals = new ArrayList<>();
        List<Double> gcCounts = new ArrayList<>();
        List<Double> gcTimes = new ArrayList<>();
        long peak = 0;
        int files = 0;
        long bytes = 0;
        Path outs = opts.root().resolve(opts.out());
        delete(outs); // left by a run that was stopped
        for (int i = 0; i < warmups + iterations + 1; i++) {
            boolean measured = i >= warmups && i < warmups + iterations;
            boolean heapRun = i == warmups + iterations;
            OneBuild b = oneBuild(opts.withOut(opts.out().resolve("run-" + i)), heapRun, measured, heap);
            if (measured) {
                b.times().forEach((s, ms) -> stages.computeIfAbsent(s, x -> new ArrayList<>()).add(ms));
                b.cpu().forEach((s, ms) -> cpu.computeIfAbsent(s, x -> new ArrayList<>()).add(ms));
                totals.add(b.total());
                gcCounts.add((double) b.gcCount());
                gcTimes.add((double) b.gcMillis());
                files = b.files();
                bytes = b.bytes();
            }
            if (heapRun) {
                peak = b.peakHeap();
            }
        }
        Map<Stage, Double> medians = new EnumMap<>(Stage.class);
        stages.forEach((s, l) -> medians.put(s, median(l)));
        Map<Stage, Double> cpuMedians = new EnumMap<>(Stage.class);
        cpu.forEach((s, l) -> cpuMedians.put(s, median(l)));
        double min = totals.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        return new Warm(entities, warmups, iterations, medians, cpuMedians, median(totals), min, peak, files, bytes,
                median(gcCounts), median(gcTimes));
    }

    /** What one in-process build measured; the build's own result is not kept. */
    private record OneBuild(Map<Stage, Double> times, Map<Stage, Double> cpu, double total, long gcCount,
            long gcMillis, long peakHeap, int files, long bytes) {
    }

    /**
     * One build into {@code run}'s folder, after a full GC when {@code heapRun}. A method of its own so that the
     * build's result (its whole output and plan) is unreachable once it returns, as a finished build's is in a Maven
     * daemon: held in a local of the caller's loop, which runs interpreted, it stayed reachable through the next
     * build, and through the full GC before the peak-heap build.
     */
    private static OneBuild oneBuild(Options run, boolean heapRun, boolean measured, List<MemoryPoolMXBean> heap) {
        if (heapRun) {
            System.gc();
        }
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long[] gc0 = gcCountAndMillis();
        Map<Stage, Double> times = new EnumMap<>(Stage.class);
        Map<Stage, Double> cpuTimes = new EnumMap<>(Stage.class);
        long[] lastCpu = {processCpuNanos()};
        long t0 = System.nanoTime();
        Result r = Specgen.generate(run, (stage, nanos) -> {
            long now = processCpuNanos();
            times.put(stage, nanos / 1e6);
            cpuTimes.put(stage, (now - lastCpu[0]) / 1e6);
            lastCpu[0] = now;
        });
        double total = (System.nanoTime() - t0) / 1e6;
        long[] gc1 = gcCountAndMillis();
        long used = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (r.hasErrors() || r.output().isEmpty()) {
            throw new IllegalStateException("the benchmark's build failed: " + r.diagnostics().stream()
                    .filter(Diagnostic::isError).map(Diagnostic::format).collect(Collectors.joining("\n")));
        }
        int files = 0;
        long bytes = 0;
        if (measured) {
            files = r.rendered().orElseThrow().files().size();
            bytes = r.rendered().orElseThrow().files().values().stream()
                    .mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
        }
        return new OneBuild(times, cpuTimes, total, gc1[0] - gc0[0], gc1[1] - gc0[1], used, files, bytes);
    }

    /** Collections so far and the milliseconds the collectors report for them, summed over the collectors. */
    private static long[] gcCountAndMillis() {
        long[] out = new long[2];
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out[0] += Math.max(0, gc.getCollectionCount());
            out[1] += Math.max(0, gc.getCollectionTime());
        }
        return out;
    }

    /** CPU time of this process so far, or 0 where the JVM does not tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /**
     * {@code runs} fresh processes of {@code command} (given a new output folder below {@code scratch}, {@code cold-N}
     * with the first N not taken), run in {@code dir}; each must exit 0. The folders are kept: the caller deletes
     * {@code scratch} once nothing more is timed, for the reason {@link #warm} gives (a run of 1,000 entities writes
     * 2,003 files, and each run after it, of this variant or the next, would pay for their deletion).
     */
    public static Cold cold(String name, String specs, Function<Path, List<String>> command, Path dir, Path scratch,
            int runs) {
        List<Double> millis = new ArrayList<>();
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int next = 0;
        for (int i = 0; i < runs; i++) {
            while (Files.exists(scratch.resolve("cold-" + next))) {
                next++;
            }
            Path out = scratch.resolve("cold-" + next);
            Path log = scratch.resolve("cold.log");
            try {
                ProcessBuilder pb = new ProcessBuilder(command.apply(out)).directory(dir.toFile())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile());
                long t0 = System.nanoTime();
                int code = pb.start().waitFor();
                millis.add((System.nanoTime() - t0) / 1e6);
                if (code != 0) {
                    throw new IllegalStateException(name + ": " + String.join(" ", command.apply(out))
                            + " exited with " + code + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (!Files.exists(out)) {
                try {
                    Files.createDirectories(out); // the next run takes another name even when this one wrote nothing
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new Cold(name, specs, List.copyOf(millis));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = values.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** Deletes a folder and everything below it (scratch output only). */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
