package dev.specgen.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.Driver;
import org.postgresql.PGConnection;

/**
 * The sessions of one run: each named {@code specgen_<run id>} ({@code application_name}, which is how later runs
 * tell this run's objects from leftovers), and tracked until {@link #stopAll} cancels their statements and closes
 * them. Sessions opened after that (to clean up) are not tracked: there is nothing left to stop.
 */
final class Sessions {
    private static final Driver DRIVER = new Driver();

    private final PgServer server;
    private final Run run;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    Sessions(PgServer server, Run run) {
        this.server = server;
        this.run = run;
    }

    Connection connect(String db) throws SQLException {
        Properties p = server.connectProperties();
        p.setProperty("ApplicationName", run.applicationName());
        Connection c = DRIVER.connect(server.jdbcUrl(db), p);
        if (c == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + DbErrors.redact(server.jdbcUrl(db)),
                    "08001");
        }
        if (!stopped) {
            open.removeIf(Sessions::closed);
            open.add(c);
        }
        return c;
    }

    /** Cancels the running statement of every tracked session, then closes it at once (no goodbye to the server). */
    void stopAll() {
        stopped = true;
        for (Connection c : List.copyOf(open)) {
            try {
                c.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException | RuntimeException ignored) {
                // closed already
            }
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // closed already
            }
        }
        open.clear();
    }

    private static boolean closed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
