package dev.specgen.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's own embedded server must stay locked while it lives, even after the same JVM sweeps for orphans (as every
 * start of another embedded server does). Closing any channel to a file releases all of a process's POSIX locks on
 * it; the sweep used to open and close the lock file of the JVM's own folder, after which any other specgen run on
 * the machine took the folder for an orphan and stopped the server under the running tests ("connection refused").
 */
class OwnFolderLockTest {

    @Test
    void sweepingDoesNotReleaseTheLockOfThisJvmsOwnFolder(@TempDir Path tmp) throws Exception {
        EmbeddedServer.Folder own = EmbeddedServer.Folder.create(99);
        try {
            Path lock = own.data().getParent().resolve("owner.lock");
            assertTrue(Files.exists(lock));
            assertEquals("held", otherProcessTriesLock(lock, tmp));
            Orphans.sweep(own.data().getParent().getParent());
            assertEquals("held", otherProcessTriesLock(lock, tmp), "the sweep released this JVM's lock");
            assertTrue(Files.isDirectory(own.data().getParent()));
        } finally {
            own.remove();
        }
    }

    /** "held" when another process cannot lock {@code file}, "free" when it can. */
    private static String otherProcessTriesLock(Path file, Path tmp) throws Exception {
        Path src = tmp.resolve("TryLock.java");
        Files.writeString(src, String.join("\n",
                "import java.nio.channels.FileChannel;",
                "import java.nio.file.*;",
                "public class TryLock {",
                "  public static void main(String[] a) throws Exception {",
                "    try (FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {",
                "      System.out.print(ch.tryLock() == null ? \"held\" : \"free\");",
                "    }",
                "  }",
                "}"), StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, src.toString(), file.toString())).redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
