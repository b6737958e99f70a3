package dev.specgen.db;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared pgTAP fixture in {@code tests/pgtap/fixture} (also run under real pgTAP by run-pg-prove.sh). */
final class Fixtures {
    private Fixtures() {
    }

    /** The fixture directory, found by walking up from the working directory; skips the test if absent. */
    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("tests/pgtap/fixture");
            if (Files.isDirectory(f)) {
                return f;
            }
        }
        assumeTrue(false, "tests/pgtap/fixture not found above " + Path.of("").toAbsolutePath());
        return null;
    }

    static String read(String relative) {
        try {
            return Files.readString(dir().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
