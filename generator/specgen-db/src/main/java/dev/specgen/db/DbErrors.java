package dev.specgen.db;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.SpecgenException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;

/** One-line, stack-trace-free errors for start-up and connection problems, and what an SQLSTATE says. */
public final class DbErrors {
    /** {@code password=...} (and {@code sslpassword=...}) in a URL query string, up to the next {@code &}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&](?:ssl)?password=)[^&\\s]*");
    /** {@code //user:secret@host}: pgjdbc does not read it, but a user may still type it. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s]*:)[^/@\\s]*@");

    private DbErrors() {
    }

    /**
     * What a failed statement's SQLSTATE says about its cause, so that only a statement's own error is blamed on
     * the spec line it came from: a lost server, a timeout or a server out of memory are not spec errors.
     */
    public enum Cause {
        /** The statement itself: SG402 at its spec position. */
        STATEMENT,
        /** The connection is gone (class 08, admin shutdown 57P01..57P03). */
        CONNECTION,
        /** Out of a server resource: class 53 (out of shared memory for locks, disk full, too many connections). */
        RESOURCE,
        /** {@code lock_timeout} (55P03) or {@code statement_timeout} (57014 "due to statement timeout"). */
        TIMEOUT,
        /** The session is read-only (25006): a standby, or {@code default_transaction_read_only = on}. */
        READ_ONLY
    }

    public static Cause cause(String sqlState, String message) {
        String s = sqlState == null ? "" : sqlState;
        if (s.startsWith("08") || s.equals("57P01") || s.equals("57P02") || s.equals("57P03")) {
            return Cause.CONNECTION;
        }
        if (s.startsWith("53")) {
            return Cause.RESOURCE;
        }
        if (s.equals("55P03") || (s.equals("57014") && message != null && message.contains("timeout"))) {
            return Cause.TIMEOUT;
        }
        if (s.equals("25006")) {
            return Cause.READ_ONLY;
        }
        return Cause.STATEMENT;
    }

    static SpecgenException unavailable(String message, String hint) {
        return new SpecgenException(Diagnostic.error(SourcePos.NONE, Code.SG405, message).withHint(hint));
    }

    static SpecgenException badOption(String message, String hint) {
        return new SpecgenException(Diagnostic.error(SourcePos.NONE, Code.SG003, message).withHint(hint));
    }

    /** SG405 for a failed connection, with a hint chosen by SQLSTATE and message. */
    static SpecgenException connectFailed(String where, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String msg = oneLine(e);
        String hint;
        if (state.equals("28P01") || state.equals("28000")) {
            hint = "check the user and password (--db-user/--db-password, SPECGEN_DB_USER/SPECGEN_DB_PASSWORD or "
                    + "PGUSER/PGPASSWORD)";
        } else if (msg.contains("no password was provided")) {
            // pgjdbc says so before the server is even asked (08004): the server wants a password we do not have
            hint = "the server asks for a password: pass --db-password, or set SPECGEN_DB_PASSWORD or PGPASSWORD";
        } else if (state.equals("3D000")) {
            hint = "create the database first, or point --db-url at an existing one";
        } else if (state.equals("53300")) {
            hint = "the server has no free connection slots (max_connections): close some sessions and retry";
        } else if (state.startsWith("08")) {
            hint = "is the server running and reachable at that host and port?";
        } else {
            hint = "check --db-url and that the server accepts connections from this machine";
        }
        return unavailable("cannot connect to " + redact(where) + ": " + msg, hint);
    }

    /** The oldest server the generated SQL runs on: the refresh functions of kept views use MERGE (PostgreSQL 15). */
    public static final int MIN_SERVER_VERSION_NUM = 150000;

    /**
     * SG428 when the server at {@code where} (version {@code version}, {@code server_version_num} {@code versionNum})
     * is older than {@link #MIN_SERVER_VERSION_NUM}; empty otherwise.
     */
    static java.util.Optional<SpecgenException> tooOld(String where, int versionNum, String version) {
        if (versionNum >= MIN_SERVER_VERSION_NUM) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new SpecgenException(Diagnostic.error(SourcePos.NONE, Code.SG428, "PostgreSQL "
                + version + " at " + redact(where) + " is older than the generated SQL needs (PostgreSQL 15 or later)")
                .withHint("the generated functions use MERGE, which PostgreSQL has since version 15: point --db-url at "
                        + "a server of version 15 or later, or leave it out to use the embedded PostgreSQL 17")));
    }

    /** SG405 for a session the server makes read-only: a standby, or default_transaction_read_only = on. */
    static SpecgenException readOnly(java.sql.Connection c, String label, SQLException e) {
        boolean standby = false;
        try (java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
            standby = rs.next() && rs.getBoolean(1);
        } catch (SQLException ignored) {
            // the hint below covers both
        }
        return unavailable(label + " runs this session read-only: " + oneLine(e) + " (" + e.getSQLState() + ")",
                standby ? "this server is a standby (in recovery); point --db-url at the primary"
                        : "default_transaction_read_only is on for this user or database; verify has to write: use a "
                        + "user or database where it is off (ALTER ROLE ... SET default_transaction_read_only = off)");
    }

    /**
     * {@code url} with the values of {@code password=} and {@code sslpassword=} query parameters and of a
     * {@code user:password@} part replaced by {@code ***}: nothing specgen prints (errors, progress, reports, the
     * {@code --keep} line) may show a password.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String s = URL_PASSWORD.matcher(text).replaceAll("$1***");
        return USER_INFO.matcher(s).replaceAll("$1***@");
    }

    /** The message of {@code t} (or its class name), on one line, without "ERROR:" prefixes, stack frames or passwords. */
    public static String oneLine(Throwable t) {
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
        return redact(nl < 0 ? s : s.substring(0, nl).strip());
    }
}
