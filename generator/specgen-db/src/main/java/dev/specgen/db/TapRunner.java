package dev.specgen.db;

import dev.specgen.sql.SqlSplitter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Runs one pgTAP test file over JDBC the way pg_prove runs it through psql: statement by statement (split by
 * {@link SqlSplitter}; psql meta-commands are skipped), stopping at the first statement that fails (psql
 * {@code ON_ERROR_STOP=1}), collecting every text value of every result set in order as the TAP stream.
 * The file's own {@code BEGIN ... ROLLBACK} is honoured; whatever it leaves open is rolled back afterwards.
 */
public final class TapRunner {
    private TapRunner() {
    }

    /** Runs the file with the TAP functions of {@code tap} on the search_path, as under pg_prove. */
    public static TapResult run(Connection c, String sqlText, TapInstaller.TapSetup tap) {
        return run(c, sqlText, tap.searchPath(), Map.of());
    }

    /**
     * @param searchPath the session search_path for the file; must include the schema of the TAP functions
     *                   ({@link TapInstaller.TapSetup#searchPath()}); the files put their own schema in front
     * @param settings   session settings for the file's run, reset afterwards: e.g. {@code specgen.seeded_tests
     *                   = off}, which makes the generated files skip their seeded tests
     */
    public static TapResult run(Connection c, String sqlText, String searchPath, Map<String, String> settings) {
        long t0 = System.nanoTime();
        List<String> values = new ArrayList<>();
        Optional<TapResult.TapError> error = Optional.empty();
        String oldPath = null;
        boolean auto = true;
        try {
            auto = c.getAutoCommit();
            c.setAutoCommit(true);
            oldPath = query(c, "SELECT current_setting('search_path')");
            exec(c, "SELECT set_config('search_path', " + literal(searchPath) + ", false)");
            for (Map.Entry<String, String> s : new TreeMap<>(settings).entrySet()) {
                exec(c, "SELECT set_config(" + literal(s.getKey()) + ", " + literal(s.getValue()) + ", false)");
            }
        } catch (SQLException e) {
            error = Optional.of(new TapResult.TapError(0, state(e), message(e), "SET search_path"));
        }
        if (error.isEmpty()) {
            for (SqlSplitter.Piece p : SqlSplitter.split(sqlText)) {
                try {
                    collect(c, p.sql(), values);
                } catch (SQLException e) {
                    error = Optional.of(new TapResult.TapError(p.line(), state(e), message(e),
                            Stmt.firstLine(p.sql())));
                    break;
                }
            }
        }
        cleanUp(c, oldPath, settings.keySet(), auto);
        return TapParser.parse(values, Duration.ofNanos(System.nanoTime() - t0), error);
    }

    private static void collect(Connection c, String sql, List<String> values) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            boolean isResult = st.execute(sql);
            while (true) {
                if (isResult) {
                    try (ResultSet rs = st.getResultSet()) {
                        ResultSetMetaData md = rs.getMetaData();
                        while (rs.next()) {
                            for (int i = 1; i <= md.getColumnCount(); i++) {
                                String v = rs.getString(i);
                                if (v != null) {
                                    values.add(v);
                                }
                            }
                        }
                    }
                } else if (st.getUpdateCount() == -1) {
                    return;
                }
                isResult = st.getMoreResults();
            }
        }
    }

    /** Rolls back what the file left open, drops pgTAP's session state, restores search_path and auto-commit. */
    private static void cleanUp(Connection c, String oldPath, java.util.Set<String> settings, boolean auto) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            c.setAutoCommit(true);
            exec(c, "ROLLBACK"); // a BEGIN without ROLLBACK/COMMIT in the file; a warning when idle
            exec(c, "DROP TABLE IF EXISTS pg_temp.__tcache__");
            exec(c, "DROP SEQUENCE IF EXISTS pg_temp.__tresults___numb_seq");
            if (oldPath != null) {
                exec(c, "SELECT set_config('search_path', " + literal(oldPath) + ", false)");
            }
            for (String name : settings) {
                exec(c, "RESET " + name);
            }
            c.setAutoCommit(auto);
        } catch (SQLException ignored) {
            // a broken connection: the caller discards it
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String state(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState();
    }

    private static String message(SQLException e) {
        ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        return m != null && m.getMessage() != null ? m.getMessage() : DbErrors.oneLine(e);
    }
}
