package dev.specgen.cli;

import dev.specgen.verify.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/** Shows the slow steps on a terminal ({@code ... starting embedded PostgreSQL 17} then its time); silent otherwise. */
final class TerminalProgress implements Progress {
    private final PrintWriter err;
    private long started;
    private String current = "";

    private TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    /** A progress display on stderr when it is a terminal, else {@link Progress#NONE}. */
    static Progress forTerminal(PrintWriter err) {
        return System.console() != null ? new TerminalProgress(err) : Progress.NONE;
    }

    @Override
    public void begin(String step) {
        current = step;
        started = System.nanoTime();
        err.print("\r\033[K... " + step);
        err.flush();
    }

    @Override
    public void end(String step) {
        double s = (System.nanoTime() - started) / 1e9;
        err.print(String.format(Locale.ROOT, "\r\033[K    %s (%.1f s)%n", current, s));
        err.flush();
    }
}
