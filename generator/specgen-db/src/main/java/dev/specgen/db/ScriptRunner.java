package dev.specgen.db;

import dev.specgen.sql.SqlSplitter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies statements one by one and stops at the first failure, reporting the failing {@link Stmt} (its origin),
 * SQLSTATE, message, detail, hint and position. The runner owns the transaction: call it on a connection with no
 * open transaction; the connection's auto-commit setting is restored afterwards.
 */
public final class ScriptRunner {

    public enum Mode {
        /** All statements in ONE transaction; committed on success, rolled back on the first failure. */
        TRANSACTIONAL,
        /** Like TRANSACTIONAL, but always rolled back: proves the script applies without leaving anything. */
        DRY_RUN,
        /**
         * Rollout: runs of ordinary statements are committed as one transaction each; statements marked
         * {@link Stmt#nonTransactional()} run alone with auto-commit. A failure rolls back only its own run.
         */
        ROLLOUT
    }

    private ScriptRunner() {
    }

    public static ApplyResult apply(Connection c, List<Stmt> stmts) {
        return apply(c, stmts, Mode.TRANSACTIONAL);
    }

    /**
     * In TRANSACTIONAL and DRY_RUN mode a statement marked non-transactional is refused before anything runs
     * (SQLSTATE 25001, as PostgreSQL would say), so the database is never touched.
     */
    public static ApplyResult apply(Connection c, List<Stmt> stmts, Mode mode) {
        long t0 = System.nanoTime();
        List<String> notices = new ArrayList<>();
        if (mode != Mode.ROLLOUT) {
            for (int i = 0; i < stmts.size(); i++) {
                if (stmts.get(i).nonTransactional()) {
                    return result(0, 0, t0, notices, StmtFailure.refused(i, stmts.get(i)));
                }
            }
        }
        boolean auto = autoCommit(c);
        try {
            return mode == Mode.ROLLOUT ? rollout(c, stmts, t0, notices)
                    : inOneTransaction(c, stmts, mode, t0, notices);
        } finally {
            try {
                c.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // the connection is broken; the failure was already reported
            }
        }
    }

    /** Splits {@code sqlText} with {@link SqlSplitter} and applies it in TRANSACTIONAL mode. */
    public static ApplyResult runScript(Connection c, String sqlText) {
        return runScript(c, sqlText, Mode.TRANSACTIONAL);
    }

    /**
     * Splits {@code sqlText} and applies it. Each statement's origin is its {@link SqlSplitter.Piece} (line number).
     * The script's own {@code BEGIN}/{@code COMMIT} statements are dropped: the runner owns the transaction.
     */
    public static ApplyResult runScript(Connection c, String sqlText, Mode mode) {
        List<Stmt> stmts = Stmt.fromScript(sqlText).stream().filter(s -> !Stmt.isTransactionControl(s.sql())).toList();
        return apply(c, stmts, mode);
    }

    private static ApplyResult inOneTransaction(Connection c, List<Stmt> stmts, Mode mode, long t0,
            List<String> notices) {
        int done = 0;
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            return result(0, 0, t0, notices, StmtFailure.of(0, stmts.isEmpty() ? noop() : stmts.get(0), e));
        }
        for (int i = 0; i < stmts.size(); i++) {
            try {
                execute(c, stmts.get(i).sql(), notices);
                done++;
            } catch (SQLException e) {
                rollbackQuietly(c);
                return result(done, 0, t0, notices, StmtFailure.of(i, stmts.get(i), e));
            }
        }
        try {
            if (mode == Mode.DRY_RUN) {
                c.rollback();
                return result(done, 0, t0, notices, null);
            }
            c.commit();
            return result(done, done, t0, notices, null);
        } catch (SQLException e) {
            rollbackQuietly(c);
            Stmt last = stmts.isEmpty() ? noop() : stmts.get(stmts.size() - 1);
            return result(done, 0, t0, notices, StmtFailure.of(stmts.size() - 1, last, e));
        }
    }

    private static ApplyResult rollout(Connection c, List<Stmt> stmts, long t0, List<String> notices) {
        int done = 0;
        int committed = 0;
        int groupStart = 0;
        int i = 0;
        int at = 0; // the statement to blame if something fails
        try {
            while (i < stmts.size()) {
                Stmt s = stmts.get(i);
                at = i;
                if (s.nonTransactional()) {
                    c.setAutoCommit(true);
                    execute(c, s.sql(), notices);
                    done++;
                    committed++;
                    i++;
                    continue;
                }
                c.setAutoCommit(false);
                groupStart = i;
                while (i < stmts.size() && !stmts.get(i).nonTransactional()) {
                    at = i;
                    execute(c, stmts.get(i).sql(), notices);
                    done++;
                    i++;
                }
                at = i - 1; // a deferred constraint fails at commit
                c.commit();
                committed += i - groupStart;
            }
            return result(done, committed, t0, notices, null);
        } catch (SQLException e) {
            rollbackQuietly(c);
            return result(done, committed, t0, notices, StmtFailure.of(at, stmts.get(at), e));
        }
    }

    static void execute(Connection c, String sql, List<String> notices) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(sql);
            for (SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
                notices.add(DbErrors.oneLine(w));
            }
        }
    }

    private static boolean autoCommit(Connection c) {
        try {
            return c.getAutoCommit();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // nothing more to undo on a broken connection
        }
    }

    private static Stmt noop() {
        return new Stmt("", "connection", false);
    }

    private static ApplyResult result(int done, int committed, long t0, List<String> notices, StmtFailure f) {
        return new ApplyResult(done, committed, Duration.ofNanos(System.nanoTime() - t0), notices,
                Optional.ofNullable(f));
    }
}
