package dev.specgen.cli;

import dev.specgen.Specgen;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code specgen build SPECS [--out DIR]}, the command {@code ./specgen build specs/} and the benchmark's cold runs
 * are, run without picocli. Setting picocli up for a command (reading its annotations by reflection, which spins
 * accessor and proxy classes, and its type converters, which load {@code java.time} and friends) costs a fresh JVM's
 * main thread about a tenth of a second before the build can start. Only that exact form is taken: a first word
 * {@code build}, one spec path and at most one {@code --out}/{@code -o} with its folder, no word starting with
 * {@code -} or {@code @} (another option, {@code --out=DIR}, {@code --}, an {@code @file}) and no empty word. Anything
 * else, including every mistake picocli reports, goes to picocli as before. What it prints and the exit code are
 * {@link BuildCommand}'s for the same words.
 */
public final class PlainBuild {
    private final Path specs;
    private final Path out;

    private PlainBuild(Path specs, Path out) {
        this.specs = specs;
        this.out = out;
    }

    /** The plain build these words ask for, or empty: picocli reads them. */
    public static Optional<PlainBuild> of(String... args) {
        if (args.length < 2 || !args[0].equals("build")) {
            return Optional.empty();
        }
        String specs = null;
        String out = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--out") || a.equals("-o")) && out == null && i + 1 < args.length && plain(args[i + 1])) {
                out = args[++i];
            } else if (plain(a) && specs == null) {
                specs = a;
            } else {
                return Optional.empty();
            }
        }
        return specs == null ? Optional.empty()
                : Optional.of(new PlainBuild(Path.of(specs), Path.of(out == null ? "generated" : out)));
    }

    /** The spec file or folder, as given. */
    public Path specs() {
        return specs;
    }

    /** The output folder, as given ({@code generated} when not). */
    public Path out() {
        return out;
    }

    /** A word picocli takes as it is: not an option, not an {@code @file}, not empty. */
    private static boolean plain(String word) {
        return !word.isEmpty() && word.charAt(0) != '-' && word.charAt(0) != '@';
    }

    /** Builds, prints as {@link BuildCommand} does and returns the exit code; an internal error as picocli's handler. */
    int run(PrintWriter stdout, PrintWriter stderr) {
        try {
            SpecOptions opts = new SpecOptions();
            opts.specs = specs;
            opts.out = out;
            return BuildCommand.reported(Specgen.generate(opts.toOptions()), stdout, stderr);
        } catch (Exception e) {
            return Main.internalError(e, false, stderr);
        }
    }
}
