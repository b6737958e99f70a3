package dev.specgen.bench.generate;

import dev.specgen.check.GateMemo;
import dev.specgen.Options;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run of {@code specgen bench generate}: synthetic specs written, the in-process warm measurement, then the cold
 * CLI variants side by side (JVM flags and a class-data-sharing archive, the examples, older jars to compare with),
 * so every ratio in one report comes from one machine at one time.
 */
public final class BenchRun {
    /** The flags {@code ./specgen} always starts the CLI with (its {@code flags=(...)} line). */
    public static final List<String> BASE_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:CICompilerCount=1");

    /**
     * The flag {@code ./specgen} adds where the kernel offers transparent huge pages ({@link #THP_SETTING} exists and
     * is not {@code [never]}): the heap and the code cache are then faulted in 2 MiB at a time instead of 4 KiB, and a
     * cold build of the examples touches about 100 MiB of young heap (issue 12: a fifth of its CPU went to page
     * faults). Linux-only; elsewhere the JVM does not know the flag, and the file is not there.
     */
    public static final String THP_FLAG = "-XX:+UseTransparentHugePages";

    /** Where Linux says whether a process may ask for transparent huge pages. */
    public static final Path THP_SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    /** The flags {@code ./specgen} starts the CLI with on this machine: {@link #BASE_FLAGS}, and {@link #THP_FLAG}. */
    public static final List<String> CLI_FLAGS = cliFlags(THP_SETTING);

    /** {@link #BASE_FLAGS}, and {@link #THP_FLAG} when {@code setting} is readable and not {@code [never]}. */
    static List<String> cliFlags(Path setting) {
        List<String> flags = new ArrayList<>(BASE_FLAGS);
        try {
            if (!Files.readString(setting).contains("[never]")) {
                flags.add(THP_FLAG);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no such file (not Linux, or a kernel without them): no huge pages
        }
        return List.copyOf(flags);
    }

    /** The flags {@code ./specgen} adds to use its class-data-sharing archive, which follows them. */
    public static final String SHARE_FLAGS = "-Xshare:auto -Xlog:cds=off";

    /**
     * The class {@code ./specgen} starts, on the jar as class path ({@code -cp JAR MAIN}, not {@code -jar JAR}: that
     * opens the jar once more for its manifest). The rows that stand for {@code ./specgen} start it so.
     */
    public static final String MAIN_CLASS = "dev.specgen.cli.Main";

    /**
     * @param work       scratch folder (specs, outputs, the archive); kept, so a run can be looked at
     * @param jar        the CLI jar, for the cold runs (none: in-process only)
     * @param examples   a spec folder built cold too (the repository's {@code specs/})
     * @param otherJars  more CLI jars (an older build) run cold with default flags beside this one, by name
     */
    public record Settings(Path work, int entities, int warmups, int iterations, int coldRuns, Optional<Path> jar,
            Optional<Path> examples, Map<String, Path> otherJars) {
        public Settings {
            otherJars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(otherJars));
        }
    }

    private BenchRun() {
    }

    public static BenchReport run(Settings s, Consumer<String> progress) {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("load_before", load());
        Path specs = s.work().resolve("specs");
        SyntheticSpecs.write(specs, s.entities());
        progress.accept("in-process: " + s.warmups() + " warm-up and " + s.iterations() + " measured builds of "
                + s.entities() + " entities");
        GeneratorBench.Warm warm = GeneratorBench.warm(Options.of(s.work(), Path.of("specs"), Path.of("out")),
                s.entities(), s.warmups(), s.iterations());
        List<GeneratorBench.Cold> cold = new ArrayList<>();
        if (s.jar().isPresent()) {
            cold.addAll(cold(s, progress));
        }
        machine.put("load_after", load());
        // every run's output is deleted only now, when nothing more is timed (GeneratorBench.warm says why)
        GeneratorBench.delete(s.work().resolve("out"));
        GeneratorBench.delete(s.work().resolve("cold"));
        return new BenchReport(warm, cold, machine);
    }

    private static List<GeneratorBench.Cold> cold(Settings s, Consumer<String> progress) {
        Path jar = s.jar().orElseThrow().toAbsolutePath();
        Path scratch = s.work().resolve("cold");
        GeneratorBench.delete(scratch); // left by a run that was stopped
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        progress.accept("cold: making a class-data-sharing archive (one training build of 20 entities)");
        Path training = s.work().resolve("specs-cds");
        GeneratorBench.delete(training);
        SyntheticSpecs.write(training, 20);
        List<String> cds = archive(java, jar, training.toAbsolutePath(), s.work().resolve("cds"), s.work(), scratch);
        List<String> cli = CLI_FLAGS;
        Path cdsMemo = s.work().resolve("cds").resolve(MEMO).toAbsolutePath();
        List<String> cliSmallHeap = new ArrayList<>(cli);
        cliSmallHeap.add("-Xmx512m");
        String synthetic = s.entities() + " entities";
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("java -jar (default flags)", List.of());
        variants.put("-XX:TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1"));
        variants.put("CDS archive", cds);
        variants.put("./specgen flags (C1, SerialGC)", cli);
        variants.put(AS_SPECGEN, cds);
        variants.put("./specgen flags, -Xmx512m", cliSmallHeap);
        List<GeneratorBench.Cold> out = new ArrayList<>();
        String specs = s.work().resolve("specs").toAbsolutePath().toString();
        for (Map.Entry<String, List<String>> v : variants.entrySet()) {
            progress.accept("cold: " + v.getKey() + ", " + synthetic);
            boolean asSpecgen = v.getKey().equals(AS_SPECGEN);
            out.add(GeneratorBench.cold(v.getKey(), synthetic,
                    o -> command(java, asSpecgen ? asSpecgen(cds, cdsMemo, o) : v.getValue(), jar, asSpecgen, specs,
                            o), s.work(), scratch, s.coldRuns()));
        }
        for (Map.Entry<String, Path> other : s.otherJars().entrySet()) {
            progress.accept("cold: " + other.getKey() + ", " + synthetic);
            Path otherJar = other.getValue().toAbsolutePath();
            out.add(GeneratorBench.cold(other.getKey() + " (default flags)", synthetic,
                    o -> command(java, List.of(), otherJar, false, specs, o), s.work(), scratch, s.coldRuns()));
        }
        if (s.examples().isPresent()) {
            Path examples = s.examples().get().toAbsolutePath();
            String ex = examples.toString();
            String name = "examples " + s.examples().get().getFileName();
            progress.accept("cold: " + name + ": a class-data-sharing archive trained on them, as ./specgen makes");
            List<String> exampleCds = archive(java, jar, examples, s.work().resolve("cds-examples"), s.work(), scratch);
            Path exampleMemo = s.work().resolve("cds-examples").resolve(MEMO).toAbsolutePath();
            progress.accept("cold: " + name);
            out.add(GeneratorBench.cold("examples, default flags", name,
                    o -> command(java, List.of(), jar, false, ex, o), s.work(), scratch, s.coldRuns()));
            out.add(GeneratorBench.cold("examples, ./specgen flags", name, o -> command(java, cli, jar, false, ex, o),
                    s.work(), scratch, s.coldRuns()));
            out.add(GeneratorBench.cold(EXAMPLES_AS_SPECGEN, name,
                    o -> command(java, asSpecgen(exampleCds, exampleMemo, o), jar, true, ex, o), s.work(), scratch,
                    s.coldRuns()));
            for (Map.Entry<String, Path> other : s.otherJars().entrySet()) {
                Path otherJar = other.getValue().toAbsolutePath();
                out.add(GeneratorBench.cold("examples, " + other.getKey() + " (default flags)", name,
                        o -> command(java, List.of(), otherJar, false, ex, o), s.work(), scratch, s.coldRuns()));
            }
        }
        return out;
    }

    /** The synthetic row that is what {@code ./specgen build} runs: its flags, its kind of archive, its launch. */
    public static final String AS_SPECGEN = "./specgen flags and CDS archive";

    /** The examples row that is what {@code ./specgen build specs/} runs: its flags and its archive. */
    public static final String EXAMPLES_AS_SPECGEN = "examples, ./specgen flags and CDS archive";

    /**
     * The word the training build adds after {@code build SPECS --out DIR}: with it the CLI reads the line with
     * picocli (its plain form, {@code dev.specgen.cli.PlainBuild}, does not), so the archive also holds picocli's
     * classes, which every other command loads (the plain form's class is looked at first, so it is archived too).
     */
    public static final String TRAINING_OPTION = "--stacktrace";

    /** The parse gate's memo beside an archive, as {@code ./specgen} keeps one beside its jar. */
    static final String MEMO = "specgen.gate-memo";

    /**
     * {@code ./specgen}'s flags for one cold run: {@link #CLI_FLAGS}, the archive's, and the parse gate's memo as the
     * training build left it (a fresh copy per run, next to the run's output folder: a run adds what it parsed to its
     * memo, and the next run of the row is to start from the training build's memo again, not from that).
     */
    private static List<String> asSpecgen(List<String> archive, Path trainedMemo, Path out) {
        List<String> flags = new ArrayList<>(CLI_FLAGS);
        flags.addAll(archive);
        Path memo = out.toAbsolutePath().resolveSibling(out.getFileName() + ".gate-memo");
        try {
            if (Files.isRegularFile(trainedMemo)) {
                Files.copy(trainedMemo, memo, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(memo);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        flags.add("-D" + GateMemo.PROPERTY + "=" + memo);
        return flags;
    }

    /**
     * A class-data-sharing archive made as {@code ./specgen} makes its own: one training build of {@code specs} with
     * {@link #CLI_FLAGS} lists the classes it loads (and fills the parse gate's memo {@link #MEMO} in the archive's
     * folder), and {@code -Xshare:dump} archives them (a static archive: JDK 17's dynamic one leaves out picocli's
     * Java 5 classes). Returns the flags that use the archive.
     */
    private static List<String> archive(String java, Path jar, Path specs, Path folder, Path work, Path scratch) {
        Path archive = folder.resolve("specgen.jsa").toAbsolutePath();
        Path classes = folder.resolve("classes.txt").toAbsolutePath();
        GeneratorBench.delete(folder);
        folder.toFile().mkdirs();
        List<String> list = new ArrayList<>(CLI_FLAGS);
        list.add("-XX:DumpLoadedClassList=" + classes);
        list.add("-D" + GateMemo.PROPERTY + "=" + folder.resolve(MEMO).toAbsolutePath());
        GeneratorBench.cold("training", specs.toString(), o -> {
            List<String> c = command(java, list, jar, true, specs.toString(), o);
            c.add(TRAINING_OPTION);
            return c;
        }, work, scratch, 1);
        List<String> dump = new ArrayList<>(List.of(java));
        dump.addAll(CLI_FLAGS);
        dump.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classes, "-XX:SharedArchiveFile=" + archive,
                "-Xlog:cds=off", "-cp", jar.toString()));
        GeneratorBench.cold("archive", specs.toString(), o -> dump, work, scratch, 1);
        List<String> flags = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive));
        flags.addAll(List.of(SHARE_FLAGS.split(" ")));
        return flags;
    }

    /** {@code java FLAGS -jar JAR build ...}, or as {@code ./specgen} starts it ({@code -cp JAR MAIN}). */
    private static List<String> command(String java, List<String> flags, Path jar, boolean launcher, String specs,
            Path out) {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.addAll(flags);
        c.addAll(launcher ? List.of("-cp", jar.toString(), MAIN_CLASS) : List.of("-jar", jar.toString()));
        c.addAll(List.of("build", specs, "--out", out.toAbsolutePath().toString()));
        return c;
    }

    private static String load() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
    }
}
