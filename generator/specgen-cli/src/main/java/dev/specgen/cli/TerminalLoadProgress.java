package dev.specgen.cli;

import dev.specgen.loader.LoadListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Rows, rows/s and the time left, on one line of a terminal; nothing when output is not a terminal. */
final class TerminalLoadProgress {
    private TerminalLoadProgress() {
    }

    static LoadListener forTerminal(PrintWriter err) {
        if (System.console() == null) {
            return LoadListener.NONE;
        }
        return (rows, rejected, read, total, seconds) -> {
            double rate = seconds > 0 ? rows / seconds : 0;
            double left = read > 0 && read < total ? seconds * (total - read) / read : 0;
            err.print(String.format(Locale.ROOT, "\r\033[K%,d rows, %,d rejected, %,.0f rows/s, %.0f%%, %.0f s left",
                    rows, rejected, rate, total > 0 ? 100.0 * read / total : 100, left));
            if (read >= total) {
                err.print("\r\033[K");
            }
            err.flush();
        };
    }
}
