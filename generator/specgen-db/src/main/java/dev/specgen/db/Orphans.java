package dev.specgen.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Embedded servers whose JVM is gone (killed with kill -9, so no shutdown hook ran): found by their folder's lock
 * ({@code owner.lock}, or zonky's {@code epg-lock} in folders of older specgen versions), which the kernel releases
 * when the process dies, so a lock this JVM can take means nobody owns the folder. Their server is stopped and the
 * folder deleted. Folders of live JVMs (the lock is held) and kept ones ({@code kept}) are left alone.
 */
final class Orphans {
    private Orphans() {
    }

    /** Stops and deletes every orphaned {@code specgen-pg*} folder in {@code tmp}; returns the folders removed. */
    static List<Path> sweep(Path tmp) {
        List<Path> candidates;
        try (Stream<Path> s = Files.list(tmp)) {
            candidates = s.filter(p -> p.getFileName().toString().startsWith(EmbeddedServer.PREFIX)
                    && Files.isDirectory(p)).sorted().toList();
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        List<Path> removed = new java.util.ArrayList<>();
        for (Path dir : candidates) {
            if (Files.exists(dir.resolve("kept")) || EmbeddedServer.Folder.OWN.contains(dir)) {
                continue; // kept on purpose, or this JVM's own (whose lock file it must not open and close)
            }
            Path data = Files.isDirectory(dir.resolve("data")) ? dir.resolve("data") : dir;
            Path lockFile = Files.exists(dir.resolve("owner.lock")) ? dir.resolve("owner.lock")
                    : data.resolve("epg-lock");
            if (!Files.exists(lockFile)) {
                continue; // no lock: cannot tell whether a JVM is about to start it
            }
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    continue; // another live process holds it
                }
                try {
                    stopServer(data);
                    EmbeddedServer.deleteTree(dir);
                    removed.add(dir);
                } finally {
                    if (lock.isValid()) {
                        lock.release();
                    }
                }
            } catch (OverlappingFileLockException e) {
                continue; // this JVM's own server (not in OWN: started by an older class loader)
            } catch (IOException | SecurityException e) {
                continue; // not ours to judge
            }
        }
        return removed;
    }

    /**
     * Stops the postmaster of {@code data} if one runs (its {@code postmaster.pid} names it): {@code pg_ctl stop
     * -m immediate} from the server's own bin folder, else SIGTERM (a smart shutdown; its clients are gone).
     */
    static void stopServer(Path data) {
        Optional<ProcessHandle> pm = postmaster(data);
        if (pm.isEmpty()) {
            return;
        }
        Optional<Path> pgCtl = pm.get().info().command().map(Path::of).map(p -> p.resolveSibling("pg_ctl"))
                .filter(Files::isExecutable);
        if (pgCtl.isPresent()) {
            try {
                Process p = new ProcessBuilder(pgCtl.get().toString(), "stop", "-D", data.toString(), "-m",
                        "immediate", "-w", "-t", "10").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(15, TimeUnit.SECONDS) && !pm.get().isAlive()) {
                    return;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // fall back to a signal
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        pm.get().destroy();
        try {
            pm.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            pm.get().destroyForcibly();
        }
    }

    /** The live postmaster of {@code data}: the pid in postmaster.pid, if that process runs a postgres binary. */
    static Optional<ProcessHandle> postmaster(Path data) {
        List<String> lines;
        try {
            lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

}
