package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.bench.generate.BenchRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench generate}'s row {@value BenchRun#EXAMPLES_AS_SPECGEN} stands for what {@code ./specgen build specs/}
 * runs: the launcher script must start the JVM with the flags and the kind of archive the benchmark uses.
 */
class LauncherTest {
    private static String script() throws IOException {
        return Files.readString(Path.of("specgen"), StandardCharsets.UTF_8);
    }

    @Test
    void theLauncherPassesTheBenchmarksFlags() throws IOException {
        String s = script();
        String flags = "flags=(" + String.join(" ", BenchRun.BASE_FLAGS) + ")";
        assertTrue(s.contains("\n" + flags + "\n"), "./specgen does not set " + flags);
        // huge pages where the kernel offers them, read from the same file with the same test as BenchRun.cliFlags
        assertTrue(s.contains("\nthp=" + BenchRun.THP_SETTING + "\n"), "./specgen does not read " + BenchRun.THP_SETTING);
        assertTrue(s.contains("if [ -r \"$thp\" ] && read -r mode <\"$thp\" && [[ \"$mode\" != *\"[never]\"* ]]; then\n"
                + "  flags+=(" + BenchRun.THP_FLAG + ")\nfi\n"), "./specgen does not add " + BenchRun.THP_FLAG);
    }

    @Test
    void theLauncherMakesAndUsesAStaticArchiveAsTheBenchmarkDoes() throws IOException {
        String s = script();
        for (String piece : new String[] {"-XX:DumpLoadedClassList=", "-Xshare:dump", "-XX:SharedClassListFile=",
            "-XX:SharedArchiveFile=\"$tmp\"", "-cp \"$jar\"",
            "share=(-XX:SharedArchiveFile=\"$archive\" " + BenchRun.SHARE_FLAGS + ")"}) {
            assertTrue(s.contains(piece), "./specgen lacks " + piece);
        }
    }

    /**
     * It keeps the parse gate's memo beside the jar, trains it with the archive and passes it to every run, as the
     * benchmark's rows for it do.
     */
    @Test
    void theLauncherKeepsTheParseGatesMemoAsTheBenchmarkDoes() throws IOException {
        String s = script();
        assertTrue(s.contains("\nmemo=\"${jar%.jar}.gate-memo\"\n"), "./specgen does not keep the memo beside the jar");
        assertTrue(s.contains("\ngate=(-D" + dev.specgen.check.GateMemo.PROPERTY + "=\"$memo\")\n"),
                "./specgen does not name the memo");
        assertTrue(s.contains("java \"${flags[@]}\" \"${gate[@]}\" -XX:DumpLoadedClassList="),
                "./specgen does not fill the memo in its training build");
        assertTrue(s.contains("\"${gate[@]}\" -cp \"$jar\" \"$main\" \"$@\""), "./specgen does not pass the memo");
    }

    /** It starts the CLI's main class on the jar as class path (not -jar), as the benchmark's rows for it do. */
    @Test
    void theLauncherStartsTheMainClassAsTheBenchmarkDoes() throws IOException {
        String s = script();
        assertEquals(dev.specgen.cli.Main.class.getName(), BenchRun.MAIN_CLASS);
        assertTrue(s.contains("\nmain=" + BenchRun.MAIN_CLASS + "\n"),
                "./specgen does not set main=" + BenchRun.MAIN_CLASS);
        assertTrue(s.contains("-XX:DumpLoadedClassList=\"$scratch/classes.txt\" -cp \"$jar\" \"$main\" build"),
                "./specgen does not train its archive on the main class");
        assertTrue(s.contains("--out \"$scratch/out\" " + BenchRun.TRAINING_OPTION + " >/dev/null"),
                "./specgen does not train its archive through picocli as the benchmark does");
        assertTrue(s.contains("-cp \"$jar\" \"$main\" \"$@\""), "./specgen does not start the main class");
        assertFalse(s.contains(" -jar \"$jar\""), "./specgen still starts the jar with -jar");
    }

    /**
     * The archive is made again whenever it may not fit the jar or the JVM (a run with an archive the JVM rejects is
     * slower than one without any, and says nothing): after a rebuild of the jar, when an older jar is put back, and
     * when another java is used; not on the runs in between. The script runs in a copy of the tree with a stand-in
     * {@code java} on the PATH that logs its calls and, for {@code -Xshare:dump}, writes the archive.
     */
    @Test
    void theLauncherMakesTheArchiveAgainWhenTheJarOrTheJavaChanges(@TempDir Path dir) throws Exception {
        Path tree = dir.resolve("tree");
        Path target = Files.createDirectories(tree.resolve("generator/specgen-cli/target"));
        Files.copy(Path.of("specgen"), tree.resolve("specgen"));
        Path jar = Files.writeString(target.resolve("specgen.jar"), "not a jar");
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(now - 3_600_000)); // built an hour ago
        Path log = dir.resolve("java.log");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path javaBin = bin.resolve("java");
        Files.writeString(javaBin, "#!/usr/bin/env bash\n"
                + "echo \"$*\" >>'" + log + "'\n"
                + "for a in \"$@\"; do case $a in -XX:SharedArchiveFile=*) f=${a#*=};; -Xshare:dump) d=1;; esac; done\n"
                + "if [ -n \"${d:-}\" ]; then echo archive >\"$f\"; fi\n");
        Files.setPosixFilePermissions(javaBin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path bin2 = Files.createDirectories(dir.resolve("bin2"));
        Files.copy(javaBin, bin2.resolve("java"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);

        assertEquals(1, dumpsAfter(tree, bin, log), "the first run makes the archive");
        assertEquals(0, dumpsAfter(tree, bin, log), "an archive that fits is kept");
        assertEquals(0, dumpsAfter(tree, bin, log), "an archive that fits is kept");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis())); // rebuilt just now
        assertEquals(1, dumpsAfter(tree, bin, log), "a rebuilt jar makes a new archive");
        assertEquals(0, dumpsAfter(tree, bin, log), "an archive that fits is kept");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(now - 7_200_000)); // a copy of an older build put back
        assertEquals(1, dumpsAfter(tree, bin, log), "an older jar put back makes a new archive");
        Files.setLastModifiedTime(javaBin, FileTime.fromMillis(Files.getLastModifiedTime(javaBin).toMillis() - 60_000));
        assertEquals(1, dumpsAfter(tree, bin, log), "an updated java makes a new archive");
        assertEquals(0, dumpsAfter(tree, bin, log), "an archive that fits is kept");
        assertEquals(1, dumpsAfter(tree, bin2, log), "another java on the PATH makes a new archive");
        assertEquals(0, dumpsAfter(tree, bin2, log), "an archive that fits is kept");
        List<String> last = Files.readAllLines(log);
        assertTrue(last.get(last.size() - 1).contains("-XX:SharedArchiveFile=" + target.resolve("specgen.jsa")),
                "the run uses the archive: " + last);
    }

    /** Runs {@code ./specgen build specs} with {@code bin} first on the PATH; the number of archives it dumped. */
    private static int dumpsAfter(Path tree, Path bin, Path log) throws Exception {
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder("bash", tree.resolve("specgen").toString(), "build", "specs")
                .directory(tree.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        assertEquals(0, pb.start().waitFor());
        return (int) Files.readAllLines(log).stream().filter(l -> l.contains("-Xshare:dump")).count();
    }
}
