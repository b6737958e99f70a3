package dev.specgen.db;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.SpecgenException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGINT/SIGTERM during a verification, as a front door reports them ({@link #interrupt}): the open databases stop
 * their work at once ({@link Database#interrupt}), and one still starting (an embedded server takes a moment)
 * is closed as soon as it is up ({@link #check}). Outside a verification an interrupt is not ours to handle.
 */
public final class Interrupts {
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static volatile String reason;

    private Interrupts() {
    }

    /** A running verification; closing it ends it. */
    public interface Running extends AutoCloseable {
        @Override
        void close();
    }

    /** Marks a verification as running until the returned handle is closed. */
    public static Running running() {
        RUNNING.incrementAndGet();
        return () -> {
            if (RUNNING.decrementAndGet() == 0) {
                reason = null;
            }
        };
    }

    /**
     * Interrupts the running verifications.
     *
     * @return false when none runs (the caller may simply exit)
     */
    public static boolean interrupt(String why) {
        if (RUNNING.get() == 0) {
            return false;
        }
        reason = why;
        Database.interruptAll(why);
        return true;
    }

    public static Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** SG412 if the run was interrupted (call where stopping is safe: nothing half done). */
    static void check(String doing) {
        if (reason != null) {
            throw interrupted(reason, doing);
        }
    }

    static SpecgenException interrupted(String why, String doing) {
        return new SpecgenException(Diagnostic.error(SourcePos.NONE, Code.SG412, "verification interrupted (" + why
                + ") while " + doing).withHint("specgen removes its scratch database and schemas on the way out; if "
                + "it is killed before that, the next run on the same server removes them"));
    }
}
