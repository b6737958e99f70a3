package dev.specgen.loader;

import dev.specgen.loader.RecordReader.Record;
import dev.specgen.model.Field;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a plain insert's batch straight to the leaf partitions, one COPY per leaf, when the partitioned table has an
 * INSERT trigger with a transition table (a view's capture). PostgreSQL's COPY into such a parent writes row by row
 * instead of a page at a time (copyfrom.c: no multi-insert into a partitioned table with a transition-table trigger),
 * which costs a WAL record and an index round per row more than COPY into the leaf, where the leaf's own statement
 * trigger captures the rows (a statement trigger fires for the table the statement names, never for its parent).
 *
 * <p>Only when routing the rows changes nothing but that: one level of partitions keyed by plain columns of the default
 * collation, all in the input; every leaf carries exactly the parent's statement-level INSERT triggers (same name,
 * function, arguments and state: a trigger on the parent alone, e.g. a workflow's, would not fire), may be inserted
 * into by this role, and has no row security (the parent neither); every column the input lacks has the same default
 * on the leaf as on the parent, and none is an identity column. Otherwise every batch goes to the parent as before.
 *
 * <p>The server tells each row's leaf: the key fields are sent as text and cast as COPY would cast them, then tested
 * against each leaf's partition constraint ({@code pg_get_partition_constraintdef}), in the session's own settings. A
 * batch with a row that no leaf takes, or a field the client does not split, is not routed ({@link #route} gives
 * empty) and goes to the parent. COPY into a leaf checks the leaf's constraint itself, so a wrong route fails the
 * batch rather than misplacing a row.
 */
final class LeafRouter {
    private final List<String> leaves;
    private final List<Integer> keyIndexes;
    private final String routeSql;
    private final int columns;

    private LeafRouter(List<String> leaves, List<Integer> keyIndexes, String routeSql, int columns) {
        this.leaves = List.copyOf(leaves);
        this.keyIndexes = List.copyOf(keyIndexes);
        this.routeSql = routeSql;
        this.columns = columns;
    }

    /** The router for a plain insert of {@code target} read as {@code format}, or empty when batches go to the parent. */
    static Optional<LeafRouter> of(Connection c, LoadTarget target, InputFormat format) throws SQLException {
        if (format != InputFormat.CSV || target.directTable().isEmpty()) {
            return Optional.empty();
        }
        String table = target.table();
        String[] names = target.columns.stream().map(Field::name).toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement(ELIGIBLE)) {
            ps.setString(1, table);
            ps.setArray(2, c.createArrayOf("text", names));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        List<String> keySql = new ArrayList<>();
        List<Integer> keyIndexes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(a.attname::text), format_type(a.atttypid,"
                + " a.atttypmod), a.attname::text FROM pg_partitioned_table AS p, unnest(p.partattrs::int2[]) WITH"
                + " ORDINALITY AS k(attnum, i) JOIN pg_attribute AS a ON a.attnum = k.attnum WHERE p.partrelid ="
                + " ?::regclass AND a.attrelid = p.partrelid ORDER BY k.i")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int at = List.of(names).indexOf(rs.getString(3));
                    keySql.add("specgen_u.specgen_k" + keyIndexes.size() + "::" + rs.getString(2) + " AS "
                            + rs.getString(1));
                    keyIndexes.add(at);
                }
            }
        }
        List<String> leaves = new ArrayList<>();
        StringBuilder cases = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("SELECT format('%I.%I', n.nspname, k.relname),"
                + " coalesce(pg_get_partition_constraintdef(t.relid), 'true') FROM pg_partition_tree(?::regclass) AS t"
                + " JOIN pg_class AS k ON k.oid = t.relid JOIN pg_namespace AS n ON n.oid = k.relnamespace"
                + " WHERE t.isleaf ORDER BY 1")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leaves.add(rs.getString(1));
                    cases.append(" WHEN ").append(rs.getString(2)).append(" THEN ").append(leaves.size());
                }
            }
        }
        if (leaves.isEmpty() || keyIndexes.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder unnest = new StringBuilder();
        StringBuilder aliases = new StringBuilder();
        for (int i = 0; i < keyIndexes.size(); i++) {
            unnest.append(i == 0 ? "" : ", ").append("?::text[]");
            aliases.append("specgen_k").append(i).append(", ");
        }
        String sql = "SELECT array_agg(CASE" + cases + " ELSE 0 END ORDER BY specgen_u.specgen_ord) FROM unnest("
                + unnest + ") WITH ORDINALITY AS specgen_u(" + aliases + "specgen_ord) CROSS JOIN LATERAL (SELECT "
                + String.join(", ", keySql) + ") AS specgen_r";
        return Optional.of(new LeafRouter(leaves, keyIndexes, sql, names.length));
    }

    /**
     * The batch's records per leaf (qualified name), in input order within each leaf, leaves in name order; empty when
     * a record is not split here or no leaf takes it. Runs one query in the caller's transaction.
     */
    Optional<Map<String, List<Record>>> route(Connection c, List<Record> records) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        for (int k = 0; k < keyIndexes.size(); k++) {
            keys.add(new String[records.size()]);
        }
        BinaryCopy.Fields f = new BinaryCopy.Fields();
        for (int r = 0; r < records.size(); r++) {
            if (!f.split(records.get(r).bytes(), columns)) {
                return Optional.empty();
            }
            for (int k = 0; k < keyIndexes.size(); k++) {
                int at = keyIndexes.get(k);
                keys.get(k)[r] = f.isNull(at) ? null : new String(f.value(at), StandardCharsets.UTF_8);
            }
        }
        Object[] leafOf;
        try (PreparedStatement ps = c.prepareStatement(routeSql)) {
            for (int k = 0; k < keys.size(); k++) {
                ps.setArray(k + 1, c.createArrayOf("text", keys.get(k)));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Array a = rs.getArray(1);
                leafOf = (Object[]) a.getArray();
            }
        }
        List<List<Record>> per = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            per.add(new ArrayList<>());
        }
        for (int r = 0; r < records.size(); r++) {
            int leaf = ((Number) leafOf[r]).intValue();
            if (leaf < 1) {
                return Optional.empty();
            }
            per.get(leaf - 1).add(records.get(r));
        }
        Map<String, List<Record>> out = new LinkedHashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            if (!per.get(i).isEmpty()) {
                out.put(leaves.get(i), per.get(i));
            }
        }
        return Optional.of(out);
    }

    /**
     * Whether the table (first parameter) can take its batches in its leaves, the input naming the columns of the
     * second (see the class comment): true only
     * when the parent has an INSERT trigger with a transition table, else COPY into it keeps its multi-row inserts.
     */
    private static final String ELIGIBLE = """
            SELECT p.partexprs IS NULL
               AND NOT c.relrowsecurity
               AND EXISTS (SELECT 1 FROM pg_trigger AS g
                            WHERE g.tgrelid = c.oid AND g.tgnewtable IS NOT NULL AND (g.tgtype & 4) <> 0
                              AND g.tgenabled <> 'D')
               AND NOT EXISTS (SELECT 1 FROM unnest(p.partattrs::int2[]) AS k(attnum)
                                 JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = k.attnum
                                WHERE a.attname::text <> ALL (x.cols) OR a.attcollation NOT IN (0, 100))
               AND NOT EXISTS (SELECT 1 FROM pg_attribute AS a
                                WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                  AND a.attname::text <> ALL (x.cols) AND a.attidentity <> '')
               AND NOT EXISTS (
                   SELECT 1 FROM pg_partition_tree(c.oid) AS t JOIN pg_class AS l ON l.oid = t.relid
                    WHERE t.isleaf
                      AND (t.parentrelid <> c.oid OR l.relrowsecurity OR NOT has_table_privilege(l.oid, 'INSERT')
                           -- the parent's statement-level INSERT triggers, each on the leaf too, and no other
                           OR EXISTS (SELECT 1 FROM pg_trigger AS g
                                       WHERE g.tgrelid IN (c.oid, l.oid) AND (g.tgtype & 5) = 4 AND NOT g.tgisinternal
                                         AND g.tgenabled <> 'D'
                                         AND NOT EXISTS (SELECT 1 FROM pg_trigger AS h
                                                          WHERE h.tgrelid = CASE WHEN g.tgrelid = c.oid THEN l.oid
                                                                                 ELSE c.oid END
                                                            AND h.tgname = g.tgname AND h.tgfoid = g.tgfoid
                                                            AND h.tgtype = g.tgtype AND h.tgargs = g.tgargs
                                                            AND h.tgenabled = g.tgenabled))
                           -- a column the input lacks takes the same default in the leaf
                           OR EXISTS (SELECT 1 FROM pg_attribute AS a
                                        JOIN pg_attribute AS b ON b.attrelid = l.oid AND b.attname = a.attname
                                        LEFT JOIN pg_attrdef AS da ON da.adrelid = a.attrelid AND da.adnum = a.attnum
                                        LEFT JOIN pg_attrdef AS db ON db.adrelid = b.attrelid AND db.adnum = b.attnum
                                       WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                         AND a.attgenerated = '' AND a.attname::text <> ALL (x.cols)
                                         AND pg_get_expr(da.adbin, da.adrelid)
                                             IS DISTINCT FROM pg_get_expr(db.adbin, db.adrelid))))
              FROM (SELECT ?::regclass AS rel, ?::text[] AS cols) AS x
              JOIN pg_class AS c ON c.oid = x.rel JOIN pg_partitioned_table AS p ON p.partrelid = c.oid
            """;
}
