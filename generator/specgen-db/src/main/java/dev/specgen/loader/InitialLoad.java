package dev.specgen.loader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import dev.specgen.plan.BulkStatements;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.List;

/**
 * {@code load --initial}: the partition-aware fast path for loads into empty partitions (a first load, a new time
 * range). Instead of dropping indexes on a live table, each empty leaf partition is
 * <ol>
 * <li>detached from its parent, its indexes and key constraints dropped (their definitions are kept in the load
 * state, table {@code initial}), and a CHECK constraint matching its bound added while it is empty;</li>
 * <li>filled standalone, without an index to maintain row by row: for a plain insert, each batch is COPYed straight
 * into the detached leaves through a {@link Shadow shadow} parent that routes every row to its leaf by the leaves'
 * own bounds; a batch that does not go in whole (a bad value, a row outside every detached leaf) takes the staging
 * path instead, where the rows of each leaf go into it with a plain INSERT (the function's rules: the last row of a
 * key wins, key order) and the others through the function;</li>
 * <li>given its indexes back (built once, over all its rows), on at least two sessions, so that</li>
 * <li>ATTACH PARTITION, which finds its bound implied by the CHECK, does not have to scan it; then the CHECK is
 * dropped again.</li>
 * </ol>
 * The leaves have no unique index while they fill, so the COPY does not see a key twice: building the unique indexes
 * does. When that finds a duplicate, the leaf is {@link LeafReload reloaded}: emptied, given its indexes, and its rows
 * read from the file again and written batch by batch with the function's statements, which gives exactly what a load
 * without --initial gives (the last row of a key in a batch wins, a key already loaded by an earlier batch is
 * rejected with its line).
 * Rows for partitions that are not empty go through the generated function as usual. A detached partition is not
 * part of the table while it loads: run this when nothing else writes its range. Triggers of the parent table do not
 * fire for the rows (they are not inserted through it): a view or aggregate that such a trigger maintains must be
 * told about them, which is what {@link AfterAttach} is for. Partitions that stayed empty are attached again as
 * they were. An interrupted run resumes from the load state: detached partitions are still recorded there, and the
 * shadow parent is still there until the leaves are finished.
 */
final class InitialLoad {

    /** Told about each partition once it is attached again with its rows (e.g. to refresh what triggers maintain). */
    @FunctionalInterface
    interface AfterAttach {
        /** Nothing to tell: the leaves' rows are not even counted. */
        AfterAttach NONE = (c, partition, rows) -> { };

        void attached(Connection c, String partition, long rows) throws SQLException;
    }

    /** Sessions that finish the leaves (index builds, ATTACH) at least, whatever --jobs says. */
    static final int FINISH_SESSIONS = 2;

    /** The CHECK a detached leaf carries while it is out, the copy of its partition constraint (see {@link #finish}). */
    static final String BOUND_CHECK = "specgen_initial_bound";

    /** A detached leaf: its qualified name, its parent, its bound and partition constraint, how to rebuild indexes. */
    record Leaf(String name, String parent, String bound, String constraint, List<String> indexes) {
    }

    private final List<Leaf> leaves;
    private final LoadState state;
    private final String loadId;
    private final AfterAttach after;
    /** The parent the leaves hang from while they fill (a plain insert into one level of partitions), if any. */
    private final Optional<Shadow> shadow;

    /** Where a leaf's rows are read again from when it has to be reloaded: the file, its format, the batch size. */
    record Input(Path file, InputFormat format, int batchSize) {
    }

    private InitialLoad(List<Leaf> leaves, LoadState state, String loadId, AfterAttach after,
            Optional<Shadow> shadow) {
        this.leaves = List.copyOf(leaves);
        this.state = state;
        this.loadId = loadId;
        this.after = after;
        this.shadow = shadow;
    }

    /** Runs {@code sql} with the partition's name as parameter 1 and, if it takes one, its row count as 2. */
    static AfterAttach hook(String sql) {
        return (c, partition, rows) -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, partition);
                if (ps.getParameterMetaData().getParameterCount() > 1) {
                    ps.setLong(2, rows);
                }
                ps.execute();
            }
        };
    }

    static InitialLoad none() {
        return new InitialLoad(List.of(), null, "", AfterAttach.NONE, Optional.empty());
    }

    List<Leaf> leaves() {
        return leaves;
    }

    /** Detaches every empty leaf partition of the target (or takes up those an interrupted run detached). */
    static InitialLoad prepare(ConnectionSource source, LoadTarget target, LoadState state, String loadId,
            AfterAttach after) {
        if (!target.entity.isPartitioned()) {
            throw new LoadException("--initial loads into empty partitions, and " + target.table() + " is not"
                    + " partitioned", "leave out --initial (and the disable_indexes hint)");
        }
        try (Connection c = source.open()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + state.schema() + ".initial (load_id text NOT NULL"
                        + " REFERENCES " + state.schema() + ".run ON DELETE CASCADE, leaf text NOT NULL, parent text"
                        + " NOT NULL, bound text NOT NULL, partition_constraint text NOT NULL, indexes text[] NOT NULL,"
                        + " attached boolean NOT NULL DEFAULT false, written_delta bigint NOT NULL DEFAULT 0,"
                        + " rejected_delta bigint NOT NULL DEFAULT 0, PRIMARY KEY (load_id, leaf))");
                // a state schema made before leaves could be reloaded
                st.execute("ALTER TABLE " + state.schema() + ".initial ADD COLUMN IF NOT EXISTS written_delta bigint"
                        + " NOT NULL DEFAULT 0, ADD COLUMN IF NOT EXISTS rejected_delta bigint NOT NULL DEFAULT 0");
            }
            String shadowName = Shadow.name(state, loadId);
            List<Leaf> out = LeafDetach.recorded(c, state, loadId);
            Optional<Shadow> shadow;
            if (out.isEmpty()) {
                List<String> empty = LeafDetach.emptyLeaves(c, target.table());
                shadow = empty.isEmpty() ? Optional.empty() : Shadow.create(c, target, shadowName, empty.size());
                List<LeafDetach.Identity> identity = LeafDetach.identity(c, target.table());
                for (String leaf : empty) {
                    out.add(LeafDetach.detach(c, state, loadId, leaf, shadow, identity));
                }
            } else {
                // resumed: the shadow is there until the leaves are finished (then the batches are all done)
                shadow = Shadow.find(c, shadowName);
            }
            return new InitialLoad(out, state, loadId, after, shadow);
        } catch (SQLException e) {
            throw new LoadException("cannot detach the empty partitions of " + target.table() + ": "
                    + Loader.oneLine(e), "--initial needs to own the table (DETACH/ATTACH PARTITION, CREATE INDEX)");
        }
    }

    /**
     * Where a batch is COPYed first: the shadow parent, which routes each row to its detached leaf; without --initial,
     * a plain insert's table; empty when every batch is staged.
     */
    Optional<String> direct(LoadTarget target) {
        if (leaves.isEmpty()) {
            return target.directTable();
        }
        return shadow.map(Shadow::name);
    }

    /**
     * The statements that write a batch: straight into each detached partition the rows of its bound, and the rest
     * through the generated function.
     */
    List<BulkStatements.Statement> writes(LoadTarget target) {
        if (leaves.isEmpty()) {
            return target.statements("", Optional.empty());
        }
        // partition constraints name bare columns: on the staging table they are its own columns
        List<BulkStatements.Statement> out = new ArrayList<>();
        List<String> none = new ArrayList<>();
        for (Leaf l : leaves) {
            out.addAll(target.statements("(" + l.constraint() + ")", Optional.of(l.name())));
            none.add("(" + l.constraint() + ") IS NOT TRUE");
        }
        out.addAll(target.statements(String.join(" AND ", none), Optional.empty()));
        return out;
    }

    /**
     * Takes the leaves off the shadow parent, then rebuilds indexes (reloading a leaf whose unique index finds a key
     * twice) and attaches each partition again, {@code jobs} (at least {@link #FINISH_SESSIONS}) at a time.
     */
    void finish(ConnectionSource source, int jobs, LoadTarget target, Input input) {
        if (leaves.isEmpty()) {
            return;
        }
        if (shadow.isPresent()) {
            try (Connection c = source.open()) {
                shadow.get().release(c);
            } catch (SQLException e) {
                throw new LoadException("cannot take the partitions off " + shadow.get().name() + ": "
                        + Loader.oneLine(e), null);
            }
        }
        // the leaves are independent: at least two sessions finish them, so that one leaf's index builds, mostly
        // one backend's work, run beside another's even when the rows came through one session (--jobs 1); the
        // DEFAULT partitions go last, so that no ATTACH of a ranged leaf has to scan a DEFAULT partition for its rows
        List<LeafDetach.Identity> identity;
        try (Connection c = source.open()) {
            identity = LeafDetach.identity(c, target.table());
        } catch (SQLException e) {
            throw new LoadException("cannot read the columns of " + target.table() + ": " + Loader.oneLine(e), null);
        }
        int sessions = Math.max(jobs, FINISH_SESSIONS);
        List<Leaf> ranged = leaves.stream().filter(l -> !l.bound().equals("DEFAULT")).toList();
        List<Leaf> defaults = leaves.stream().filter(l -> l.bound().equals("DEFAULT")).toList();
        for (List<Leaf> group : List.of(ranged, defaults)) {
            // leaves being finished or waiting for a session: while there is one for every session, the cores are
            // taken and a parallel worker of an index build would only compete with them (see finishLeaf)
            AtomicInteger unfinished = new AtomicInteger(group.size());
            parallel(group, sessions, source, (c, l) -> {
                finishLeaf(c, l, source, target, input, identity, () -> unfinished.get() >= sessions);
                unfinished.decrementAndGet();
            });
        }
    }

    /**
     * Builds one leaf's indexes (or reloads it), then attaches it without a scan and tells {@link #after}. While
     * {@code everySessionBusy} says so, each build runs without parallel workers ({@code SET LOCAL
     * max_parallel_maintenance_workers = 0}): a btree build of a leaf past min_parallel_table_scan_size takes one by
     * the server's default, whose sort, launch and merge only added CPU beside the other session's builds (and a
     * worker of the other session's); once a session has no leaf left, the last builds take the server's setting.
     */
    private void finishLeaf(Connection c, Leaf l, ConnectionSource source, LoadTarget target, Input input,
            List<LeafDetach.Identity> identity, BooleanSupplier everySessionBusy) throws SQLException {
        c.setAutoCommit(false);
        // a replace's parent and key twice, which no unique index of the leaf may catch: the reload builds the indexes
        boolean reloaded = twice(c, target, l);
        if (reloaded) {
            LeafReload.run(source, target, l, input, state, loadId);
        }
        for (String index : reloaded ? List.<String>of() : l.indexes()) {
            // one transaction per index, so that a resumed run skips the ones built and builds the rest; the
            // sort memory (and the parallel workers) are set for the build only (SET LOCAL), no session setting
            // is left behind
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL maintenance_work_mem = '256MB'");
                if (everySessionBusy.getAsBoolean()) {
                    st.execute("SET LOCAL max_parallel_maintenance_workers = 0");
                }
                st.execute(ifNotExists(index));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) {
                    // a key twice in the leaf: it is loaded again with its indexes in place, which builds them
                    LeafReload.run(source, target, l, input, state, loadId);
                    break;
                }
                if (!exists(e)) {
                    throw e;
                }
            }
        }
        long rows = -1;
        try (Statement st = c.createStatement()) {
            for (LeafDetach.Identity i : identity) {
                // the table's identity again once attached
                st.execute("ALTER TABLE " + l.name() + " ALTER COLUMN " + i.column() + " DROP DEFAULT");
            }
            if (!hasBoundCheck(c, l.name())) {
                st.execute(boundCheck(l.name(), l.constraint())); // detached by a specgen that added it here
            }
            st.execute("ALTER TABLE " + l.parent() + " ATTACH PARTITION " + l.name() + " " + l.bound());
            st.execute("ALTER TABLE " + l.name() + " DROP CONSTRAINT " + BOUND_CHECK);
            if (after != AfterAttach.NONE) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + l.name())) {
                    rs.next();
                    rows = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + state.schema() + ".initial SET attached ="
                    + " true WHERE load_id = ? AND leaf = ?")) {
                ps.setString(1, loadId);
                ps.setString(2, l.name());
                ps.executeUpdate();
            }
            after.attached(c, l.name(), rows);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /**
     * The CHECK that lets ATTACH PARTITION skip its scan of the leaf (PostgreSQL proves the partition constraint from
     * it: "partition constraint ... is implied by existing constraints").
     */
    static String boundCheck(String leaf, String constraint) {
        return "ALTER TABLE " + leaf + " ADD CONSTRAINT " + BOUND_CHECK + " CHECK (" + constraint + ")";
    }

    private static boolean hasBoundCheck(Connection c, String leaf) throws SQLException {
        return Jdbc.first(c, "SELECT EXISTS (SELECT FROM pg_constraint WHERE conrelid = ?::regclass AND conname = ?)",
                rs -> rs.getBoolean(1), leaf, BOUND_CHECK).orElseThrow();
    }

    /**
     * Whether a replace wrote a parent and key twice into {@code l}: the leaves fill as inserts, and batches are
     * de-duplicated one by one, so a child a later batch gives again is there twice, and its table need not have a
     * unique index on parent and key for the index builds to find it.
     */
    private static boolean twice(Connection c, LoadTarget target, Leaf l) throws SQLException {
        if (target.shape.parentKey().isEmpty()) {
            return false;
        }
        String both = LoadTarget.names(target.shape.parentKey(), "") + ", " + LoadTarget.names(target.shape.key(), "");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT FROM " + l.name()
                + " GROUP BY " + both + " HAVING count(*) > 1)")) {
            rs.next();
            boolean twice = rs.getBoolean(1);
            c.commit();
            return twice;
        }
    }

    /** What reloading leaves changed, all runs of this load together: [rows written, rows rejected]. */
    long[] adjustments(ConnectionSource source) {
        if (state == null) {
            return new long[2];
        }
        try (Connection c = source.open(); PreparedStatement ps = c.prepareStatement("SELECT"
                + " coalesce(sum(written_delta), 0), coalesce(sum(rejected_delta), 0) FROM " + state.schema()
                + ".initial WHERE load_id = ?")) {
            ps.setString(1, loadId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new LoadException("cannot read the load state: " + Loader.oneLine(e), null);
        }
    }

    /** A saved index or key definition, made to skip an index a resumed run finds built. */
    static String ifNotExists(String index) {
        return index.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ")
                .replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ");
    }

    /** The index or constraint is there already (a resumed run, a reloaded leaf). */
    static boolean exists(SQLException e) {
        return "42710".equals(e.getSQLState()) || "42P07".equals(e.getSQLState()) || "42P16".equals(e.getSQLState());
    }

    /** Runs {@code task} for each item on {@code jobs} connections at once; the first failure is thrown. */
    static <T> void parallel(List<T> items, int jobs, ConnectionSource source, SqlTask<T> task) {
        BlockingQueue<T> q = new ArrayBlockingQueue<>(Math.max(1, items.size()), false, items);
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < Math.min(jobs, items.size()); i++) {
            Thread t = new Thread(() -> {
                try (Connection c = source.open()) {
                    T item;
                    while (failed.get() == null && (item = q.poll()) != null) {
                        task.run(c, item);
                    }
                } catch (SQLException e) {
                    failed.compareAndSet(null, new LoadException(Loader.oneLine(e), null));
                } catch (RuntimeException e) {
                    failed.compareAndSet(null, e);
                }
            }, "specgen-load-task-" + (i + 1));
            threads.add(t);
            t.start();
        }
        threads.forEach(Loader::joinQuietly);
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    /** Work on one item with a connection. */
    @FunctionalInterface
    interface SqlTask<T> {
        void run(Connection c, T item) throws SQLException;
    }
}
