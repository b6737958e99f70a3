package dev.specgen.loader;

import dev.specgen.model.Action;
import dev.specgen.model.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * {@code load --initial}'s shadow parent: a partitioned table in the load state's schema, with the target's columns,
 * defaults and partition key but no index, constraint or trigger, from which the detached leaves hang while they
 * fill. A batch is COPYed into it, and PostgreSQL routes each row to its leaf by the leaf's own bound, as it would in
 * the target: the client neither parses the partition key nor knows the bounds, and the rows are written once, with
 * no staging table and no index to maintain. A row outside every detached leaf has no partition here: the COPY fails
 * and the batch takes the staging path, where such rows go through the generated function.
 *
 * <p>Only for a plain insert (an upsert or replace decides per key against rows already written, which the leaves
 * cannot tell without their unique indexes) into one level of partitions. A DEFAULT leaf hangs from it only when every
 * leaf is detached: otherwise it would take rows that belong to the partitions left in the target.
 *
 * @param name     the qualified name
 * @param withDefault whether a DEFAULT leaf hangs from it
 */
record Shadow(String name, boolean withDefault) {

    /** One name per load (the load state schema is the loader's own). */
    static String name(LoadState state, String loadId) {
        return state.schema() + "." + Sql.ident("initial_" + loadId.substring(0, 16));
    }

    /**
     * Creates the shadow of the target if a load of this action into these leaves can use one; {@code detached} of the
     * target's leaves are about to be detached.
     */
    static Optional<Shadow> create(Connection c, LoadTarget target, String name, int detached) throws SQLException {
        if (target.action.operation() != Action.Operation.INSERT) {
            return Optional.empty();
        }
        record Tree(String key, int leaves, boolean flat) {
        }
        String t = target.table();
        // an aggregate without GROUP BY: always one row
        Tree tree = Jdbc.first(c, "SELECT pg_get_partkeydef(?::regclass), count(*), bool_and("
                + "t.parentrelid = ?::regclass) FROM pg_partition_tree(?::regclass) AS t WHERE t.isleaf",
                rs -> new Tree(rs.getString(1), rs.getInt(2), rs.getBoolean(3)), t, t, t).orElseThrow();
        if (!tree.flat()) {
            return Optional.empty(); // sub-partitions: a row would need the middle level to find its leaf
        }
        String key = tree.key();
        int leaves = tree.leaves();
        // identity columns are not copied by LIKE: the shadow draws from the target's own sequences
        List<LeafDetach.Identity> identity = LeafDetach.identity(c, target.table());
        List<String> stale = hanging(c, name);
        if (!stale.isEmpty()) {
            // an earlier run of this file, forgotten (--forget) before it finished: its partitions are still out
            throw new LoadException("partitions of an unfinished --initial load of this file still hang from " + name
                    + ": " + String.join(", ", stale), "run the same command without --forget to finish that load, or"
                            + " attach them back to " + target.table() + " (ALTER TABLE ... ATTACH PARTITION)");
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + name);
            st.execute("CREATE TABLE " + name + " (LIKE " + target.table() + " INCLUDING DEFAULTS"
                    + " INCLUDING GENERATED) PARTITION BY " + key);
            for (LeafDetach.Identity i : identity) {
                st.execute("ALTER TABLE " + name + " ALTER COLUMN " + i.column() + " SET DEFAULT " + i.next());
            }
        }
        return Optional.of(new Shadow(name, detached == leaves));
    }

    /** The shadow an interrupted run left, if it is still there. */
    static Optional<Shadow> find(Connection c, String name) throws SQLException {
        return Jdbc.first(c, "SELECT to_regclass(?) IS NOT NULL", rs -> rs.getBoolean(1), name).orElseThrow()
                ? Optional.of(new Shadow(name, false)) : Optional.empty();
    }

    /** Hangs a detached (empty) leaf from the shadow with its bound, in the caller's transaction. */
    void attach(Connection c, String leaf, String bound) throws SQLException {
        if (bound.equals("DEFAULT") && !withDefault) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + name + " ATTACH PARTITION " + leaf + " " + bound);
        }
    }

    /** Takes every leaf off the shadow and drops it, in one transaction (a resumed run does it again if need be). */
    void release(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                for (String leaf : hanging(c, name)) {
                    st.execute("ALTER TABLE " + name + " DETACH PARTITION " + leaf);
                }
                st.execute("DROP TABLE IF EXISTS " + name);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The partitions hanging from the shadow {@code name}, if it exists. */
    private static List<String> hanging(Connection c, String name) throws SQLException {
        return Jdbc.rows(c, "SELECT format('%I.%I', n.nspname, k.relname) FROM pg_inherits AS i JOIN pg_class AS k"
                + " ON k.oid = i.inhrelid JOIN pg_namespace AS n ON n.oid = k.relnamespace WHERE i.inhparent ="
                + " to_regclass(?) ORDER BY 1", rs -> rs.getString(1), name);
    }
}
