package dev.specgen.loader;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Which errors end a connection (the batch is retried on a new one, after a pause): connection exceptions (class
 * 08), an administrator's or a crash's shutdown of the backend (57P01, 57P02), a server still starting (57P03), too
 * many connections (53300), a read-only standby after a failover (25006), or a connection the driver closed.
 */
final class Faults {
    private Faults() {
    }

    static boolean lost(SQLException e, Connection c) {
        String s = e.getSQLState() == null ? "" : e.getSQLState();
        if (s.startsWith("08") || s.equals("57P01") || s.equals("57P02") || s.equals("57P03") || s.equals("53300")
                || s.equals("25006")) {
            return true;
        }
        try {
            return c.isClosed();
        } catch (SQLException ignored) {
            return true;
        }
    }

    /** Serialization failures and deadlocks: the batch is retried on the same connection. */
    static boolean transientConflict(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }
}
