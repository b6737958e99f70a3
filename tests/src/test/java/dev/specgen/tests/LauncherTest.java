package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.bench.generate.BenchRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
        String flags = "flags=(" + String.join(" ", BenchRun.CLI_FLAGS) + ")";
        assertTrue(s.contains("\n" + flags + "\n"), "./specgen does not set " + flags);
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
}
