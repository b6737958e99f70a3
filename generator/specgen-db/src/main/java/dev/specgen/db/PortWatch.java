package dev.specgen.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts zonky while watching the server log for a port that another process took between choosing it and the
 * server binding it. zonky itself would then wait its whole start-up timeout (60 s) for a server that never comes
 * (or talk to the other one); the watcher ends the wait within a fraction of a second, and the caller retries on
 * another port.
 */
final class PortWatch {
    /**
     * What PostgreSQL logs when another process has its port. Not any "could not bind": a host without IPv6 logs
     * "could not bind IPv6 address ... Cannot assign requested address" on every start, and starts fine on IPv4.
     */
    private static final List<String> SIGNS = List.of("Address already in use", "could not create any TCP/IP sockets");

    /** The port was taken; the message quotes the server log. */
    static final class PortTaken extends Exception {
        PortTaken(String message) {
            super(message);
        }
    }

    private PortWatch() {
    }

    static EmbeddedPostgres start(EmbeddedPostgres.Builder builder, Path log) throws IOException, PortTaken {
        Thread starter = Thread.currentThread();
        String[] seen = new String[1];
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                String line = sign(log);
                if (line != null) {
                    synchronized (seen) {
                        seen[0] = line;
                    }
                    starter.interrupt(); // zonky's start-up wait returns on an interrupt
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "specgen-embedded-pg-port-watch");
        watcher.setDaemon(true);
        watcher.start();
        EmbeddedPostgres pg = null;
        IOException failure = null;
        try {
            pg = builder.start();
        } catch (IOException e) {
            failure = e;
        } finally {
            watcher.interrupt();
            try {
                watcher.join(1000);
            } catch (InterruptedException e) {
                // our own interrupt from the watcher: cleared below
            }
            Thread.interrupted(); // the watcher's interrupt is not the caller's business
        }
        String sign;
        synchronized (seen) {
            sign = seen[0];
        }
        if (sign == null) {
            sign = sign(log); // the server may have logged it just as zonky gave up
        }
        if (sign != null) {
            if (pg != null) {
                try {
                    pg.close();
                } catch (IOException | RuntimeException ignored) {
                    // the folder is removed, stopping what still runs
                }
            }
            throw new PortTaken("the port was taken by another process while the server started (server log: "
                    + sign + ")");
        }
        if (failure != null) {
            throw failure;
        }
        return pg;
    }

    private static String sign(Path log) {
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                for (String s : SIGNS) {
                    if (line.contains(s)) {
                        return line.strip();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not written yet
        }
        return null;
    }
}
