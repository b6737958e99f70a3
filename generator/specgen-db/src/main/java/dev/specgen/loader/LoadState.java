package dev.specgen.loader;

import dev.specgen.model.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a load records its progress, in the target database: schema {@code specgen_load} (or {@code --state-schema})
 * with {@code run} (one row per file and action), {@code batch} (one row per committed batch, written in the
 * batch's own transaction, so a batch is recorded exactly when its rows are) and {@code reject} (the rejected input
 * records, with line and error). A re-run of the same file skips the batches already recorded. To start over:
 * {@code specgen load --forget ...}, or {@code DELETE FROM specgen_load.run WHERE file = '...'}; to remove
 * everything: {@code DROP SCHEMA specgen_load CASCADE}.
 */
final class LoadState {
    private final String schema;

    LoadState(String schema) {
        this.schema = Sql.ident(schema);
    }

    String schema() {
        return schema;
    }

    void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".run (load_id text PRIMARY KEY, target text NOT NULL,"
                    + " file text NOT NULL, file_sha256 text NOT NULL, batch_size integer NOT NULL, started_at"
                    + " timestamptz NOT NULL DEFAULT now(), finished_at timestamptz)");
            st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".batch (load_id text NOT NULL REFERENCES " + schema
                    + ".run ON DELETE CASCADE, batch integer NOT NULL, first_line bigint NOT NULL, rows integer NOT NULL,"
                    + " written bigint NOT NULL, rejected integer NOT NULL, committed_at timestamptz NOT NULL DEFAULT"
                    + " now(), PRIMARY KEY (load_id, batch))");
            st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".reject (load_id text NOT NULL REFERENCES " + schema
                    + ".run ON DELETE CASCADE, line bigint NOT NULL, sqlstate text NOT NULL, error text NOT NULL,"
                    + " record text NOT NULL, PRIMARY KEY (load_id, line))");
        }
    }

    /** Starts (or finds) the run; returns the batch size it was started with. */
    int begin(Connection c, String loadId, String target, String file, String sha, int batchSize, boolean forget)
            throws SQLException {
        if (forget) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + schema + ".run WHERE load_id = ?")) {
                ps.setString(1, loadId);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".run (load_id, target, file,"
                + " file_sha256, batch_size) VALUES (?, ?, ?, ?, ?) ON CONFLICT (load_id) DO NOTHING")) {
            ps.setString(1, loadId);
            ps.setString(2, target);
            ps.setString(3, file);
            ps.setString(4, sha);
            ps.setInt(5, batchSize);
            ps.executeUpdate();
        }
        return Jdbc.first(c, "SELECT batch_size FROM " + schema + ".run WHERE load_id = ?", rs -> rs.getInt(1),
                loadId).orElseThrow();
    }

    /** Totals of the batches committed so far: [batches, rows, written, rejected]. */
    long[] totals(Connection c, String loadId) throws SQLException {
        return Jdbc.first(c, "SELECT count(*), coalesce(sum(rows), 0), coalesce(sum(written), 0),"
                + " coalesce(sum(rejected), 0) FROM " + schema + ".batch WHERE load_id = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}, loadId).orElseThrow();
    }

    Set<Integer> committed(Connection c, String loadId) throws SQLException {
        return new HashSet<>(Jdbc.rows(c, "SELECT batch FROM " + schema + ".batch WHERE load_id = ?",
                rs -> rs.getInt(1), loadId));
    }

    /** What a committed batch recorded: its rows, the rows it wrote and the rows it rejected. */
    record Recorded(int rows, long written, int rejected) {
    }

    /** The record of {@code batch}, empty when it did not commit. */
    Optional<Recorded> recorded(Connection c, String loadId, int batch) throws SQLException {
        return Jdbc.first(c, "SELECT rows, written, rejected FROM " + schema + ".batch WHERE load_id = ? AND"
                + " batch = ?", rs -> new Recorded(rs.getInt(1), rs.getLong(2), rs.getInt(3)), loadId, batch);
    }

    /** Records a batch and its rejects; call inside the batch's transaction. */
    void record(Connection c, String loadId, int batch, long firstLine, int rows, long written, List<Reject> rejects)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".batch (load_id, batch, first_line,"
                + " rows, written, rejected) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, loadId);
            ps.setInt(2, batch);
            ps.setLong(3, firstLine);
            ps.setInt(4, rows);
            ps.setLong(5, written);
            ps.setInt(6, rejects.size());
            ps.executeUpdate();
        }
        if (rejects.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".reject (load_id, line, sqlstate,"
                + " error, record) VALUES (?, ?, ?, ?, ?)")) {
            for (Reject r : rejects) {
                ps.setString(1, loadId);
                ps.setLong(2, r.line());
                ps.setString(3, r.sqlState());
                ps.setString(4, r.error());
                ps.setString(5, r.record());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    List<Reject> rejects(Connection c, String loadId) throws SQLException {
        return Jdbc.rows(c, "SELECT line, sqlstate, error, record FROM " + schema + ".reject WHERE load_id = ?"
                + " ORDER BY line", rs -> new Reject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                loadId);
    }

    void finish(Connection c, String loadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema + ".run SET finished_at = now() WHERE"
                + " load_id = ?")) {
            ps.setString(1, loadId);
            ps.executeUpdate();
        }
    }

    /** A rejected input record: its line, PostgreSQL's SQLSTATE and message, and the record as read. */
    public record Reject(long line, String sqlState, String error, String record) {
    }
}
