package dev.specgen.cli;

import dev.specgen.Specgen;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a verification: instead of the JVM's default (run shutdown hooks while the
 * main thread, its database gone, reports errors that are not the cause), the running verification is stopped
 * ({@link Specgen#interrupt}) and finishes by itself: it removes its scratch database and schemas, reports
 * "verification interrupted (SIGINT)" (SG412) and exits 4. With nothing to stop, or on a second signal, specgen
 * exits at once (128 + the signal number), and the shutdown hooks still clean up.
 */
final class Signals {
    private static final AtomicInteger RECEIVED = new AtomicInteger();

    private Signals() {
    }

    static void install() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> received("SIG" + name, 128 + s.getNumber()));
            } catch (IllegalArgumentException | LinkageError e) {
                // not on this platform or JVM: the JVM's default handling (shutdown hooks) still cleans up
            }
        }
    }

    private static void received(String name, int exitCode) {
        if (RECEIVED.incrementAndGet() > 1 || !Specgen.interrupt(name)) {
            System.exit(exitCode);
        }
    }
}
