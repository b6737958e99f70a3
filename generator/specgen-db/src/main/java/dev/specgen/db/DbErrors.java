package dev.specgen.db;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.SpecgenException;
import java.sql.SQLException;
import java.util.Locale;

/** One-line, stack-trace-free SG405 errors for start-up and connection problems. */
final class DbErrors {
    private DbErrors() {
    }

    static SpecgenException unavailable(String message, String hint) {
        return new SpecgenException(Diagnostic.error(SourcePos.NONE, Code.SG405, message).withHint(hint));
    }

    static SpecgenException badOption(String message, String hint) {
        return new SpecgenException(Diagnostic.error(SourcePos.NONE, Code.SG003, message).withHint(hint));
    }

    /** SG405 for a failed connection, with a hint chosen by SQLSTATE. */
    static SpecgenException connectFailed(String where, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String hint;
        if (state.equals("28P01") || state.equals("28000")) {
            hint = "check the user and password (--db-user/--db-password, SPECGEN_DB_USER/SPECGEN_DB_PASSWORD or "
                    + "PGUSER/PGPASSWORD)";
        } else if (state.equals("3D000")) {
            hint = "create the database first, or point --db-url at an existing one";
        } else if (state.startsWith("08")) {
            hint = "is the server running and reachable at that host and port?";
        } else {
            hint = "check --db-url and that the server accepts connections from this machine";
        }
        return unavailable("cannot connect to " + where + ": " + oneLine(e), hint);
    }

    /** The message of {@code t} (or its class name), on one line, without "ERROR:" prefixes or stack frames. */
    static String oneLine(Throwable t) {
        Throwable cur = t;
        String msg = null;
        while (cur != null && msg == null) {
            msg = cur.getMessage();
            if (msg != null && msg.isBlank()) {
                msg = null;
            }
            cur = msg == null ? cur.getCause() : null;
        }
        if (msg == null) {
            return t.getClass().getSimpleName();
        }
        String s = msg.strip();
        if (s.toUpperCase(Locale.ROOT).startsWith("ERROR: ")) {
            s = s.substring(7);
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }
}
