package dev.specgen.loader;

import dev.specgen.loader.InitialLoad.Leaf;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code load --initial}'s first step: finding the empty leaf partitions and detaching each (its indexes and key
 * constraints dropped, their definitions recorded in the load state, a CHECK of its bound added while it is empty, its
 * identity columns defaulting to the table's sequences), or taking up those an interrupted run detached.
 */
final class LeafDetach {
    private LeafDetach() {
    }

    static List<Leaf> recorded(Connection c, LoadState state, String loadId) throws SQLException {
        return Jdbc.rows(c, "SELECT leaf, parent, bound, partition_constraint, indexes FROM " + state.schema()
                + ".initial WHERE load_id = ? AND NOT attached ORDER BY leaf", rs -> new Leaf(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), List.of((String[]) rs.getArray(5).getArray())),
                loadId);
    }

    /** An identity column of the target (quoted) and how to draw its next value from the target's sequence. */
    record Identity(String column, String next) {
    }

    /** The target's identity columns, in column order. */
    static List<Identity> identity(Connection c, String table) throws SQLException {
        return Jdbc.rows(c, "SELECT quote_ident(a.attname), format('nextval(%L::regclass)', pg_get_serial_sequence(?,"
                + " a.attname)) FROM pg_attribute AS a WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT"
                + " a.attisdropped AND a.attidentity <> '' ORDER BY a.attnum",
                rs -> new Identity(rs.getString(1), rs.getString(2)), table, table);
    }

    /** A leaf partition: its qualified name and its bound as PostgreSQL prints it ({@code FOR VALUES ...}, DEFAULT). */
    record Partition(String name, String bound) {
    }

    /** The table's leaf partitions (of every level), in name order. */
    static List<Partition> leaves(Connection c, String table) throws SQLException {
        return Jdbc.rows(c, "SELECT format('%I.%I', n.nspname, k.relname), pg_get_expr(k.relpartbound, k.oid) FROM"
                + " pg_partition_tree(?::regclass) AS t JOIN pg_class AS k ON k.oid = t.relid JOIN pg_namespace AS n"
                + " ON n.oid = k.relnamespace WHERE t.isleaf ORDER BY 1",
                rs -> new Partition(rs.getString(1), rs.getString(2)), table);
    }

    /** The first two columns of a result row: a statement that rebuilds something and the one that drops it. */
    private static String[] twoTexts(ResultSet rs) throws SQLException {
        return new String[] {rs.getString(1), rs.getString(2)};
    }

    /** Leaf partitions (of every level) without a row, qualified, in name order. */
    static List<String> emptyLeaves(Connection c, String table) throws SQLException {
        List<String> empty = new ArrayList<>();
        for (Partition p : leaves(c, table)) {
            String leaf = p.name();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT FROM "
                    + leaf + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    empty.add(leaf);
                }
            }
        }
        return empty;
    }

    /**
     * Records what is needed to put the leaf back, then detaches it, drops its indexes, adds the CHECK of its bound
     * and hangs it from the shadow parent, in one transaction.
     */
    static Leaf detach(Connection c, LoadState state, String loadId, String leaf, Optional<Shadow> shadow,
            List<Identity> identity) throws SQLException {
        c.setAutoCommit(false);
        try {
            String[] of = Jdbc.first(c, "SELECT format('%I.%I', pn.nspname, p.relname),"
                    + " pg_get_expr(k.relpartbound, k.oid), pg_get_partition_constraintdef(k.oid) FROM pg_class AS k"
                    + " JOIN pg_inherits AS i ON i.inhrelid = k.oid JOIN pg_class AS p ON p.oid = i.inhparent"
                    + " JOIN pg_namespace AS pn ON pn.oid = p.relnamespace WHERE k.oid = ?::regclass",
                    rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, leaf)
                    .orElseThrow(() -> new SQLException(leaf + " is not a partition"));
            String parent = of[0];
            String bound = of[1];
            String constraint = of[2];
            List<String> rebuild = new ArrayList<>();
            List<String> drop = new ArrayList<>();
            // key constraints first (ADD CONSTRAINT builds their index), then the other indexes
            List<String[]> pairs = new ArrayList<>(Jdbc.rows(c, "SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', ?,"
                    + " con.conname, pg_get_constraintdef(con.oid)), format('ALTER TABLE %s DROP CONSTRAINT %I', ?,"
                    + " con.conname) FROM pg_constraint AS con WHERE con.conrelid = ?::regclass AND con.contype IN"
                    + " ('p', 'u') ORDER BY con.conname", LeafDetach::twoTexts, leaf, leaf, leaf));
            pairs.addAll(Jdbc.rows(c, "SELECT pg_get_indexdef(x.indexrelid), format('DROP INDEX %I.%I', n.nspname,"
                    + " ic.relname) FROM pg_index AS x JOIN pg_class AS ic ON ic.oid = x.indexrelid JOIN pg_namespace"
                    + " AS n ON n.oid = ic.relnamespace WHERE x.indrelid = ?::regclass AND NOT EXISTS (SELECT FROM"
                    + " pg_constraint AS con WHERE con.conindid = x.indexrelid) ORDER BY ic.relname",
                    LeafDetach::twoTexts, leaf));
            for (String[] p : pairs) {
                rebuild.add(p[0]);
                drop.add(p[1]);
            }
            // a leaf that an earlier run of the same file attached again and that is still empty is detached once more
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + state.schema() + ".initial (load_id,"
                    + " leaf, parent, bound, partition_constraint, indexes) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT"
                    + " (load_id, leaf) DO UPDATE SET parent = excluded.parent, bound = excluded.bound,"
                    + " partition_constraint = excluded.partition_constraint, indexes = excluded.indexes, attached ="
                    + " false")) {
                ps.setString(1, loadId);
                ps.setString(2, leaf);
                ps.setString(3, parent);
                ps.setString(4, bound);
                ps.setString(5, constraint);
                Array a = c.createArrayOf("text", rebuild.toArray());
                ps.setArray(6, a);
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE " + parent + " DETACH PARTITION " + leaf);
                for (String d : drop) {
                    st.execute(d);
                }
                // a detached partition has no identity: rows written straight into it draw from the table's sequence
                for (Identity i : identity) {
                    st.execute("ALTER TABLE " + leaf + " ALTER COLUMN " + i.column() + " SET DEFAULT " + i.next());
                }
                // added while the leaf is empty, the CHECK costs no scan; every row the load writes into the leaf
                // is checked against it as it goes in, so that ATTACH finds the bound proven and scans nothing
                st.execute(InitialLoad.boundCheck(leaf, constraint));
            }
            if (shadow.isPresent()) {
                shadow.get().attach(c, leaf, bound);
            }
            c.commit();
            return new Leaf(leaf, parent, bound, constraint, rebuild);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
