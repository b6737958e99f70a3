package dev.specgen.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A sweep must not cost this JVM its own folder's lock. Closing any channel of a file drops every POSIX lock the
 * process holds on it, so a sweep that opened this JVM's own {@code owner.lock} (to find it locked) released the lock
 * in the kernel, and another JVM's next sweep stopped this JVM's server mid-run ("the database system is shutting
 * down" in concurrent test runs).
 */
class OrphansTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void aSweepKeepsThisJvmsOwnLock() throws IOException {
        EmbeddedServer.Folder own = EmbeddedServer.Folder.create(99);
        try {
            Path lock = own.data().getParent().resolve("owner.lock");
            assertEquals(1, locksOf(lock), "held after create");
            List<Path> removed = Orphans.sweep(EmbeddedServer.tempDir());
            assertTrue(Files.exists(lock), "not swept: " + removed);
            assertEquals(1, locksOf(lock), "still held in the kernel after the sweep");
        } finally {
            own.remove();
        }
    }

    /** Locks this process holds on {@code file}, from /proc/locks (by inode). */
    private static long locksOf(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey(); // "(dev=..,ino=N)"
        String ino = key.toString().replaceAll(".*ino=(\\d+).*", "$1");
        String pid = String.valueOf(ProcessHandle.current().pid());
        return Files.readAllLines(Path.of("/proc/locks")).stream().map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length > 5 && f[4].equals(pid) && f[5].endsWith(":" + ino)).count();
    }
}
