package dev.specgen.bench.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flags the benchmark's {@code ./specgen} rows start the CLI with, as the script chooses them. */
class BenchRunTest {
    @TempDir
    Path dir;

    private List<String> flagsFor(String setting) throws IOException {
        Path f = dir.resolve("enabled");
        Files.writeString(f, setting);
        return BenchRun.cliFlags(f);
    }

    @Test
    void hugePagesWhereTheKernelOffersThem() throws IOException {
        List<String> with = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1",
                "-XX:+UseTransparentHugePages");
        assertEquals(with, flagsFor("always [madvise] never\n"));
        assertEquals(with, flagsFor("[always] madvise never\n"));
    }

    @Test
    void noHugePagesWhereTheyAreOffOrUnknown() throws IOException {
        List<String> without = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1");
        assertEquals(without, flagsFor("always madvise [never]\n"));
        assertEquals(without, BenchRun.cliFlags(dir.resolve("missing")));
        assertEquals(without, BenchRun.BASE_FLAGS);
    }
}
