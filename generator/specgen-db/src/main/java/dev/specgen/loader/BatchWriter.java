package dev.specgen.loader;

import dev.specgen.loader.LoadState.Reject;
import dev.specgen.loader.RecordReader.Record;
import dev.specgen.plan.BulkStatements;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Writes batches through one connection, each in one transaction. A plain insert first tries the direct path: COPY
 * the records straight into the target table, record the batch in the load state, commit (COPY's server work once,
 * instead of COPY into staging and then INSERT ... SELECT from it). When that fails for any reason but a lost
 * connection (a key twice in the batch or already in the table, a row no partition takes, a bad value, a deadlock),
 * the transaction is rolled back and the batch takes the staging path, which gives exactly the function's result: COPY
 * the records into the session's staging table, run the generated function's statements on the staged rows, record
 * the batch (and its rejects) in the load state, commit. Either COPY first sends the batch in binary when the client
 * can encode every value exactly ({@link BinaryCopy}: the server then parses no uuid, numeric or timestamp text); a
 * batch it cannot encode, or whose binary COPY fails, goes as the input's text, so that bad rows are found and
 * reported by the server exactly as without it. Bad rows are isolated inside the transaction with savepoints, as
 * pgloader does: a COPY error names its
 * line, so that record is set aside and the rest copied again; a failing call is split in halves until each failing
 * row stands alone. Every rejected row keeps PostgreSQL's error. A lost connection is not handled here: it is
 * thrown, and the caller reconnects and retries the batch (the load state says whether it committed).
 */
final class BatchWriter implements AutoCloseable {
    private static final Pattern COPY_LINE = Pattern.compile("line (\\d+)");

    /**
     * A batch: its number, the records, and the records in binary COPY format when the reader encoded them (so that
     * the worker's session sends its first byte at once: encoding here, while the server waits, was most of the
     * client time a batch added to its COPY).
     */
    record Batch(int index, List<Record> records, Optional<Encoded> encoded) {
        Batch(int index, List<Record> records) {
            this(index, records, Optional.empty());
        }

        long firstLine() {
            return records.get(0).line();
        }
    }

    /**
     * The reader's binary encoding of a batch's records, each led by its line when {@code lines} (staging) or not
     * (straight into the table); {@code tuples} empty when the encoder declined them (they go as text). A batch that
     * a {@link LeafRouter} splits over the leaves sends each leaf its records' tuples cut out of this encoding: as
     * the reader cut them ({@code routed}, when it routed the batch), else cut here.
     */
    record Encoded(boolean lines, Optional<BinaryCopy.Tuples> tuples, Optional<Routed> routed) {
        Encoded(boolean lines, Optional<BinaryCopy.Tuples> tuples) {
            this(lines, tuples, Optional.empty());
        }

        Optional<byte[]> data() {
            return tuples.map(BinaryCopy.Tuples::data);
        }
    }

    /**
     * The reader's {@link LeafRouter#slices routing} of an encoded batch (a plain insert's, without lines): each leaf's
     * COPY data, or empty when the batch goes to the parent. A session that routes (with the load's router) sends
     * these as they are.
     */
    record Routed(Optional<Map<String, byte[]>> leaves) {
    }

    /**
     * What one batch did: rows written by the function (inserted, changed...), the rejected records, and whether it
     * was copied straight into the table.
     */
    record Outcome(int rows, long written, List<Reject> rejects, boolean direct) {
    }

    /** After a direct COPY failed, the next batches take the staging path, this many at most (doubling from 1). */
    private static final int MAX_PENALTY = 64;

    private final Connection c;
    private final LoadTarget target;
    private final InputFormat format;
    private final LoadState state;
    private final String loadId;
    private final CopyManager copy;
    private final String copySql;
    private final List<PreparedStatement> writes = new ArrayList<>();
    private final List<BulkStatements.Statement.Kind> kinds = new ArrayList<>();
    /**
     * An insert's de-duplication of the staged rows before a failed batch is split (null for other actions): the rows
     * a later row of the same key supersedes leave staging, so that halves written one after the other still let the
     * last row of a key win (the earlier one in the first half would otherwise be written, and the later one
     * rejected as a duplicate).
     */
    private final PreparedStatement supersede;
    private boolean superseded;
    /** A replace's parents written so far in this run (null for other actions). */
    private final ReplacedParents.Session parents;
    /** COPY straight into the target (a plain insert), or null when every batch is staged. */
    private String directSql;
    /** The binary encoder of the input's records, for batches the reader did not encode in the form needed. */
    private final BinaryCopy.Tries binary;
    private final String binaryCopySql;
    private final String binaryDirectSql;
    /** A plain insert's routing of each batch to the leaf partitions (see {@link LeafRouter}), or null. */
    private final LeafRouter router;
    /** Batches COPYed into the leaves by {@link #router}: for tests. */
    private int routedBatches;
    /** Of those, batches sent as slices of the reader's encoding: for tests. */
    private int slicedBatches;
    /** Batches whose COPY (direct or staged) went in binary: for tests. */
    private int binaryBatches;
    private int penalty;
    private int skip;

    /**
     * @param writeSql the statements that write the staged rows with lines in [?, ?]: the function call, and with
     *                 --initial the direct inserts into detached partitions; each returns a row count
     * @param direct   the relation a batch is COPYed into first (a plain insert: the table; --initial: the shadow
     *                 parent of the detached leaves), or empty when every batch is staged
     * @param parents   a replace's record of the parents it wrote, or null
     */
    BatchWriter(Connection c, LoadTarget target, InputFormat format, LoadState state, String loadId,
            List<BulkStatements.Statement> writeSql, Optional<String> direct, ReplacedParents parents)
            throws SQLException {
        this(c, target, format, state, loadId, writeSql, direct, parents, null);
    }

    /**
     * @param known the load's {@link LeafRouter} for a plain insert's COPY straight into the table, read from the
     *              catalog once for the load (empty: batches go to the parent), or null to read it on this session
     */
    BatchWriter(Connection c, LoadTarget target, InputFormat format, LoadState state, String loadId,
            List<BulkStatements.Statement> writeSql, Optional<String> direct, ReplacedParents parents,
            Optional<LeafRouter> known) throws SQLException {
        this.c = c;
        this.target = target;
        this.format = format;
        this.state = state;
        this.loadId = loadId;
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("SET application_name = 'specgen load'");
            st.execute(target.createStage());
        }
        boolean table = direct.isPresent() && direct.get().equals(target.table());
        this.router = !table ? null : known != null ? known.orElse(null) : LeafRouter.of(c, target, format).orElse(null);
        c.setAutoCommit(false);
        this.copy = c.unwrap(PGConnection.class).getCopyAPI();
        this.copySql = target.copy(format);
        this.directSql = direct.map(r -> target.copyInto(r, "", format.copyOptions())).orElse(null);
        this.binary = new BinaryCopy.Tries(BinaryCopy.of(target.columns, format));
        this.binaryCopySql = target.copyBinary();
        this.binaryDirectSql = direct.map(r -> target.copyInto(r, "", "FORMAT binary")).orElse(null);
        for (BulkStatements.Statement st : writeSql) {
            writes.add(c.prepareStatement(st.sql()));
            kinds.add(st.kind());
        }
        this.parents = parents == null ? null : parents.session(c);
        Optional<String> supersedeSql = target.supersede();
        this.supersede = supersedeSql.isEmpty() ? null : c.prepareStatement(supersedeSql.get());
    }

    Connection connection() {
        return c;
    }

    /** The backend's process id, for tests that terminate it. */
    int backendPid() throws SQLException {
        return c.unwrap(PGConnection.class).getBackendPID();
    }

    /** What {@code batch} recorded if it committed (a connection lost at commit leaves that open). */
    Optional<LoadState.Recorded> committed(int batch) throws SQLException {
        Optional<LoadState.Recorded> done = state.recorded(c, loadId, batch);
        c.rollback();
        return done;
    }

    Outcome write(Batch b) throws SQLException {
        if (directSql != null && skip == 0) {
            Optional<Outcome> direct = writeDirect(b);
            if (direct.isPresent()) {
                return direct.get();
            }
        } else if (skip > 0) {
            skip--;
        }
        try {
            Outcome o = stage(b);
            state.record(c, loadId, b.index(), b.firstLine(), b.records().size(), o.written(), o.rejects());
            c.commit();
            return o;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /**
     * The staging path without its transaction: COPY the batch into staging, run the statements on it; the caller
     * records and commits (or, reloading a leaf of --initial, goes on with the next batch).
     */
    Outcome stage(Batch b) throws SQLException {
        List<Reject> rejects = new ArrayList<>();
        superseded = false;
        List<Record> staged = copyToStage(b, rejects);
        long written = call(staged, rejects);
        return new Outcome(b.records().size(), written, rejects, false);
    }

    /**
     * The direct path: the batch COPYed straight into the table (or into its leaf partitions, one COPY per leaf, when
     * a {@link LeafRouter} routes it) and recorded in one transaction; empty (rolled back)
     * when it failed for another reason than a lost connection. A failure makes the next batches take the staging
     * path (1, 2, 4... up to 64 of them, back to none after a success), so that a file with a bad row in every batch
     * does not COPY each batch twice; a table that refuses COPY itself (row-level security) is never tried again.
     */
    private Optional<Outcome> writeDirect(Batch b) throws SQLException {
        try {
            Optional<Routed> routed = router == null ? Optional.empty()
                    : b.encoded().filter(e -> !e.lines()).flatMap(Encoded::routed);
            Optional<Map<String, List<Record>>> leaves = router == null || routed.isPresent() ? Optional.empty()
                    : router.route(b.records());
            long n = 0;
            if (routed.isPresent() && routed.get().leaves().isPresent()) {
                for (Map.Entry<String, byte[]> leaf : routed.get().leaves().get().entrySet()) {
                    n += copyBinary(target.copyInto(leaf.getKey(), "", "FORMAT binary"), leaf.getValue());
                }
                routedBatches++;
                slicedBatches++;
            } else if (leaves.isPresent()) {
                Optional<BinaryCopy.Tuples> tuples = b.encoded().filter(e -> !e.lines()).flatMap(Encoded::tuples);
                Map<Record, Integer> at = tuples.isPresent() ? positions(b.records()) : Map.of();
                for (Map.Entry<String, List<Record>> leaf : leaves.get().entrySet()) {
                    n += tuples.isPresent() ? copyBinary(target.copyInto(leaf.getKey(), "", "FORMAT binary"),
                            tuples.get().select(picks(leaf.getValue(), at)))
                            : copyDirect(leaf.getKey(), leaf.getValue());
                }
                routedBatches++;
                if (tuples.isPresent()) {
                    slicedBatches++;
                }
            } else {
                Optional<byte[]> bin = binary(b, false);
                n = bin.isPresent() ? copyBinary(binaryDirectSql, bin.get()) : copyIn(directSql, b.records(), false);
            }
            state.record(c, loadId, b.index(), b.firstLine(), b.records().size(), n, List.of());
            c.commit();
            penalty = 0;
            return Optional.of(new Outcome(b.records().size(), n, List.of(), true));
        } catch (SQLException e) {
            rollbackQuietly();
            if (Faults.lost(e, c)) {
                throw e;
            }
            if ("0A000".equals(e.getSQLState())) {
                directSql = null;
            }
            penalty = Math.min(MAX_PENALTY, Math.max(1, penalty * 2));
            skip = penalty;
            return Optional.empty();
        }
    }

    /** COPYs {@code records} straight into the leaf partition {@code leaf}, in binary if they encode. */
    private long copyDirect(String leaf, List<Record> records) throws SQLException {
        Optional<byte[]> bin = binary.encode(records, false);
        return bin.isPresent() ? copyBinary(target.copyInto(leaf, "", "FORMAT binary"), bin.get())
                : copyIn(target.copyInto(leaf, "", format.copyOptions()), records, false);
    }

    /** Each record's index in {@code records} (by identity: two equal lines are two records). */
    private static Map<Record, Integer> positions(List<Record> records) {
        Map<Record, Integer> at = new java.util.IdentityHashMap<>(records.size() * 2);
        for (int k = 0; k < records.size(); k++) {
            at.put(records.get(k), k);
        }
        return at;
    }

    private static int[] picks(List<Record> leaf, Map<Record, Integer> at) {
        int[] out = new int[leaf.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = at.get(leaf.get(k));
        }
        return out;
    }

    /** Routed batches whose leaves got slices of the reader's encoding, nothing encoded again (tests). */
    int slicedBatches() {
        return slicedBatches;
    }

    /** Batches COPYed straight into the leaf partitions, one COPY per leaf (tests). */
    int routedBatches() {
        return routedBatches;
    }

    /**
     * The batch in binary, with or without lines: as the reader encoded it when it did so in that form (empty if it
     * declined), else encoded here (empty when the encoder is off or declines).
     */
    private Optional<byte[]> binary(Batch b, boolean lines) {
        if (b.encoded().isPresent() && b.encoded().get().lines() == lines) {
            return b.encoded().get().data();
        }
        return binary.encode(b.records(), lines);
    }

    /** Batches COPYed in binary so far (tests). */
    int binaryBatches() {
        return binaryBatches;
    }

    /**
     * COPYs the batch's records into staging, in binary if they encode and go in whole; otherwise as text
     * ({@link #copy}), which finds the rows COPY refuses by their lines.
     */
    private List<Record> copyToStage(Batch b, List<Reject> rejects) throws SQLException {
        List<Record> records = b.records();
        Optional<byte[]> bin = binary(b, true);
        if (bin.isPresent()) {
            Savepoint sp = c.setSavepoint();
            try {
                copyBinary(binaryCopySql, bin.get());
                c.releaseSavepoint(sp);
                return records;
            } catch (SQLException e) {
                if (Faults.lost(e, c) || Faults.transientConflict(e)) {
                    throw e;
                }
                c.rollback(sp);
            }
        }
        return copy(records, rejects);
    }

    /** COPYs {@code records} into staging; returns those that went in, rejecting the ones COPY refuses. */
    private List<Record> copy(List<Record> records, List<Reject> rejects) throws SQLException {
        List<Record> todo = new ArrayList<>(records);
        while (!todo.isEmpty()) {
            Savepoint sp = c.setSavepoint();
            try {
                copyIn(copySql, todo, true);
                c.releaseSavepoint(sp);
                return todo;
            } catch (SQLException e) {
                if (Faults.lost(e, c) || Faults.transientConflict(e)) {
                    throw e;
                }
                c.rollback(sp);
                OptionalInt line = copyLine(e);
                if (line.isEmpty() || line.getAsInt() < 1 || line.getAsInt() > todo.size()) {
                    return bisectCopy(todo, rejects, e);
                }
                rejects.add(reject(todo.remove(line.getAsInt() - 1), e));
            }
        }
        return todo;
    }

    /** Without a line number to go by: copy halves, each on its own, down to single records. */
    private List<Record> bisectCopy(List<Record> records, List<Reject> rejects, SQLException first)
            throws SQLException {
        if (records.size() == 1) {
            rejects.add(reject(records.get(0), first));
            return List.of();
        }
        List<Record> out = new ArrayList<>();
        int mid = records.size() / 2;
        for (List<Record> half : List.of(records.subList(0, mid), records.subList(mid, records.size()))) {
            out.addAll(copy(half, rejects));
        }
        return out;
    }

    /** COPYs the records, each led by its input line when {@code lines} (the staging table's first column). */
    private long copyIn(String sql, List<Record> records, boolean lines) throws SQLException {
        ByteArrayOutputStream data = new ByteArrayOutputStream(records.size() * 128);
        for (Record r : records) {
            if (lines) {
                data.writeBytes(Long.toString(r.line()).getBytes(StandardCharsets.US_ASCII));
                data.write(format.delimiter());
            }
            data.writeBytes(r.bytes());
            data.write('\n');
        }
        return copyBytes(sql, data.toByteArray());
    }

    /** {@link #copyBytes} of a batch the client encoded, counted for the tests. */
    private long copyBinary(String sql, byte[] data) throws SQLException {
        long n = copyBytes(sql, data);
        binaryBatches++;
        return n;
    }

    /** COPYs {@code data} in one write (the driver sends it as it is, without a copy through a stream's buffer). */
    private long copyBytes(String sql, byte[] data) throws SQLException {
        CopyIn in = copy.copyIn(sql);
        try {
            in.writeToCopy(data, 0, data.length);
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Calls the function on {@code rows} (staged, in line order); a failing call is split until rows stand alone. */
    private long call(List<Record> rows, List<Reject> rejects) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        Savepoint sp = c.setSavepoint();
        try {
            long n = 0;
            long first = rows.get(0).line();
            long last = rows.get(rows.size() - 1).line();
            for (int i = 0; i < writes.size(); i++) {
                PreparedStatement call = writes.get(i);
                if (parents != null && i == writes.size() - 1) {
                    // after the lock on the parents, before the replace: keep what earlier writes gave them
                    parents.carry(first, last);
                }
                if (kinds.get(i) != BulkStatements.Statement.Kind.SETTING) {
                    call.setLong(1, first);
                    call.setLong(2, last);
                }
                switch (kinds.get(i)) {
                    case UPDATE_COUNT -> n += call.executeUpdate();
                    case QUERY_COUNT -> {
                        try (ResultSet rs = call.executeQuery()) {
                            n += rs.next() ? rs.getLong(1) : 0;
                        }
                    }
                    case LOCK, SETTING -> call.execute();
                }
            }
            if (parents != null) {
                parents.record(first, last);
            }
            c.releaseSavepoint(sp);
            return n;
        } catch (SQLException e) {
            if (Faults.lost(e, c) || Faults.transientConflict(e)) {
                throw e;
            }
            c.rollback(sp);
            if (rows.size() == 1) {
                rejects.add(reject(rows.get(0), e));
                return 0;
            }
            if (supersede != null && !superseded) {
                supersede.setLong(1, rows.get(0).line());
                supersede.setLong(2, rows.get(rows.size() - 1).line());
                supersede.executeUpdate();
                superseded = true;
            }
            int mid = rows.size() / 2;
            return call(rows.subList(0, mid), rejects) + call(rows.subList(mid, rows.size()), rejects);
        }
    }

    static OptionalInt copyLine(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null
                && p.getServerErrorMessage().getWhere() != null) {
            Matcher m = COPY_LINE.matcher(p.getServerErrorMessage().getWhere());
            if (m.find()) {
                return OptionalInt.of(Integer.parseInt(m.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    private static Reject reject(Record r, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String msg = String.valueOf(e.getMessage());
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            msg = m.getMessage();
            if (m.getDetail() != null) {
                msg += " (" + m.getDetail() + ")";
            }
            if (m.getWhere() != null && m.getWhere().startsWith("COPY ")) {
                int col = m.getWhere().indexOf(", column ");
                if (col > 0) {
                    msg += " [" + m.getWhere().substring(col + 2).replaceFirst(":.*$", "") + "]";
                }
            }
        }
        return new Reject(r.line(), state, msg.strip(), new String(r.bytes(), StandardCharsets.UTF_8));
    }

    private void rollbackQuietly() {
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is gone; the caller reconnects
        }
    }

    @Override
    public void close() {
        try {
            for (PreparedStatement p : writes) {
                p.close();
            }
            if (parents != null) {
                parents.close();
            }
            if (supersede != null) {
                supersede.close();
            }
            c.close();
        } catch (SQLException ignored) {
            // closing a dead connection
        }
    }
}
