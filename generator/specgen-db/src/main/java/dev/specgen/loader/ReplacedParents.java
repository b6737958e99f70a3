package dev.specgen.loader;

import dev.specgen.model.Field;
import dev.specgen.model.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The parents a replace load has written so far, so that a file means what the function means for one call: each
 * parent's children become exactly the rows the whole file gives it, however the file is cut. Without this, a parent
 * whose rows fall into two batches (a batch boundary, {@code --jobs}, or a batch halved to find a bad row) would be
 * replaced twice, and the second write would delete the children the first one wrote.
 *
 * <p>The parents live in a table of the load state, one per run ({@code parents_} and the start of the run's id),
 * with the parent key's own types, so that they compare as the table's values do ({@code 1} and {@code 01} are one
 * bigint parent); each write records its parents in its own transaction, as the batch itself is recorded, so a resumed
 * run knows them. Before a write, the current children of the parents it names that the run has written already are
 * staged beside its rows (a row of the batch wins over them: they carry an earlier line and only the keys the batch
 * does not give), so the write keeps them. The table is dropped when the run finishes.
 */
final class ReplacedParents {
    private final String table;
    private final String create;
    private final String carry;
    private final String record;

    private ReplacedParents(LoadTarget target, LoadState state, String loadId) {
        this(target, target.table(), state.schema() + "." + Sql.ident("parents_" + loadId.substring(0, 16)
                .toLowerCase(Locale.ROOT)));
    }

    /**
     * @param source where the children are ({@code target}'s table, or the partition a reload fills)
     * @param table  the run's parents, or null when every child in {@code source} was written by this write
     */
    private ReplacedParents(LoadTarget target, String source, String table) {
        this.table = table;
        List<Field> parent = target.shape.parentKey();
        List<Field> key = target.shape.key();
        String stage = LoadTarget.STAGE;
        String inRange = "s.specgen_line BETWEEN ? AND ?";
        this.create = table == null ? null : "CREATE TABLE IF NOT EXISTS " + table + " (" + parent.stream()
                .map(f -> Sql.ident(f.name()) + " " + f.type().sql() + " NOT NULL").collect(Collectors.joining(", "))
                + ", PRIMARY KEY (" + LoadTarget.names(parent, "") + "))";
        this.carry = "INSERT INTO " + stage + " (specgen_line, " + LoadTarget.names(target.columns, "") + ") SELECT ?, "
                + LoadTarget.names(target.columns, "t.") + " FROM " + source + " AS t WHERE "
                + (table == null ? "" : "EXISTS (SELECT 1 FROM " + table + " AS p WHERE "
                        + LoadTarget.equal(parent, "p.", "t.") + ") AND ")
                + "EXISTS (SELECT 1 FROM " + stage
                + " AS s WHERE " + inRange + " AND " + LoadTarget.equal(parent, "s.", "t.") + ") AND NOT EXISTS (SELECT 1 FROM "
                + stage + " AS s WHERE " + inRange + " AND " + LoadTarget.equal(parent, "s.", "t.") + " AND "
                + LoadTarget.equal(key, "s.", "t.") + ")";
        this.record = table == null ? null : "INSERT INTO " + table + " (" + LoadTarget.names(parent, "")
                + ") SELECT DISTINCT " + LoadTarget.names(parent, "s.") + " FROM " + stage + " AS s WHERE " + inRange
                + " ON CONFLICT DO NOTHING";
    }

    /**
     * For a replace that {@code load --initial} writes again into {@code partition}, emptied in the same transaction:
     * every child there was written by this reload, so each write keeps what the earlier ones gave its parents (a
     * parent whose rows span batches keeps them all). Null for other actions.
     */
    static ReplacedParents inPartition(LoadTarget target, String partition) {
        return target.shape.parentKey().isEmpty() ? null : new ReplacedParents(target, partition, null);
    }

    /** For a replace load: its table created (emptied first when the run starts over); null for other actions. */
    static ReplacedParents prepare(Connection c, LoadTarget target, LoadState state, String loadId, boolean forget)
            throws SQLException {
        if (target.shape.parentKey().isEmpty()) {
            return null;
        }
        ReplacedParents p = new ReplacedParents(target, state, loadId);
        try (Statement st = c.createStatement()) {
            if (forget) {
                st.execute("DROP TABLE IF EXISTS " + p.table);
            }
            st.execute(p.create);
        }
        return p;
    }

    /** Prepared statements of one session: carry before the replace statement, record after it. */
    Session session(Connection c) throws SQLException {
        return new Session(c.prepareStatement(carry), record == null ? null : c.prepareStatement(record));
    }

    /** Drops the table once the run is done: a finished run is not written again. */
    void drop(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /**
     * The two statements, prepared on one connection; each takes the write's first and last input line. No record
     * statement in a reload of a partition (nothing outlives its transaction).
     */
    record Session(PreparedStatement carry, PreparedStatement record) implements AutoCloseable {
        /** Stages the children the run wrote before of the parents lines [first, last] name. */
        void carry(long first, long last) throws SQLException {
            carry.setLong(1, first);
            carry.setLong(2, first);
            carry.setLong(3, last);
            carry.setLong(4, first);
            carry.setLong(5, last);
            carry.executeUpdate();
        }

        /** Records the parents lines [first, last] name as written. */
        void record(long first, long last) throws SQLException {
            if (record == null) {
                return;
            }
            record.setLong(1, first);
            record.setLong(2, last);
            record.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            carry.close();
            if (record != null) {
                record.close();
            }
        }
    }
}
