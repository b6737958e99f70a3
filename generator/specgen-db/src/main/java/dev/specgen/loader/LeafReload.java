package dev.specgen.loader;

import dev.specgen.loader.BatchWriter.Batch;
import dev.specgen.loader.BatchWriter.Outcome;
import dev.specgen.loader.InitialLoad.Input;
import dev.specgen.loader.InitialLoad.Leaf;
import dev.specgen.loader.LoadState.Reject;
import dev.specgen.loader.RecordReader.Record;
import dev.specgen.plan.BulkStatements;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code load --initial}, when building a leaf's unique index finds a key twice (the leaves fill without one): the
 * leaf is emptied, given its indexes while empty, and its rows are read from the file again and written batch by
 * batch (the same batches as the load) with the function's statements, restricted to the leaf's bound. So the leaf
 * ends exactly as a load without --initial leaves it: within a batch the last row of a key wins; a key an earlier
 * batch wrote is rejected with its line. All of it is one transaction: a run killed meanwhile leaves the leaf as it
 * was, and the same command does it again. What it changes in the totals (rows written, new rejects) is recorded
 * with the leaf in the load state, in that transaction.
 */
final class LeafReload {
    private LeafReload() {
    }

    static void run(ConnectionSource source, LoadTarget target, Leaf l, Input input, LoadState state, String loadId)
            throws SQLException {
        try (BatchWriter w = new BatchWriter(source.open(), target, input.format(), state, loadId,
                target.statementsInto("(" + l.constraint() + ")", l.name()), Optional.empty(),
                ReplacedParents.inPartition(target, l.name()))) {
            Connection c = w.connection();
            try {
                long before = count(c, l.name());
                exec(c, "TRUNCATE " + l.name());
                for (String index : l.indexes()) {
                    Savepoint sp = c.setSavepoint();
                    try {
                        exec(c, InitialLoad.ifNotExists(index));
                        c.releaseSavepoint(sp);
                    } catch (SQLException e) {
                        c.rollback(sp);
                        if (!InitialLoad.exists(e)) {
                            throw e;
                        }
                    }
                }
                List<Reject> rejects = new ArrayList<>();
                eachBatch(input, b -> {
                    Outcome o = w.stage(b);
                    rejects.addAll(o.rejects());
                    // the staged rows go at commit only; each statement reads its own batch's lines
                    exec(c, "TRUNCATE pg_temp." + BulkStatements.STAGE);
                });
                long added = recordRejects(c, state, loadId, rejects);
                long after = count(c, l.name());
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + state.schema() + ".initial SET"
                        + " written_delta = written_delta + ?, rejected_delta = rejected_delta + ? WHERE load_id = ?"
                        + " AND leaf = ?")) {
                    ps.setLong(1, after - before);
                    ps.setLong(2, added);
                    ps.setString(3, loadId);
                    ps.setString(4, l.name());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Work on one batch. */
    @FunctionalInterface
    private interface BatchTask {
        void run(Batch b) throws SQLException;
    }

    /** Reads the file's batches as the load cut them, one at a time. */
    private static void eachBatch(Input input, BatchTask task) throws SQLException {
        try (RecordReader r = new RecordReader(Files.newInputStream(input.file()), input.format())) {
            r.header();
            int index = 0;
            List<Record> cur = new ArrayList<>(input.batchSize());
            Optional<Record> rec;
            while ((rec = r.next()).isPresent()) {
                cur.add(rec.get());
                if (cur.size() == input.batchSize()) {
                    task.run(new Batch(index++, cur));
                    cur = new ArrayList<>(input.batchSize());
                }
            }
            if (!cur.isEmpty()) {
                task.run(new Batch(index, cur));
            }
        } catch (IOException e) {
            throw new LoadException("cannot read " + input.file() + ": " + e.getMessage(), null);
        }
    }

    /** Rejects not recorded yet (a bad value was rejected already when its batch loaded); how many were new. */
    private static long recordRejects(Connection c, LoadState state, String loadId, List<Reject> rejects)
            throws SQLException {
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + state.schema() + ".reject (load_id, line,"
                + " sqlstate, error, record) VALUES (?, ?, ?, ?, ?) ON CONFLICT (load_id, line) DO NOTHING")) {
            for (Reject r : rejects) {
                ps.setString(1, loadId);
                ps.setLong(2, r.line());
                ps.setString(3, r.sqlState());
                ps.setString(4, r.error());
                ps.setString(5, r.record());
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
