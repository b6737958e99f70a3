package dev.specgen.loader;

import dev.specgen.loader.RecordReader.Record;
import dev.specgen.model.Field;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a plain insert's batch straight to the leaf partitions, one COPY per leaf, when the partitioned table has an
 * INSERT trigger with a transition table (a view's capture), even a disabled one. PostgreSQL's COPY into such a
 * parent writes row by row instead of a page at a time (copyfrom.c: no multi-insert into a partitioned table with a
 * transition-table trigger, enabled or not), which costs a WAL record and an index round per row more than COPY into the leaf, where the leaf's own statement
 * trigger captures the rows (a statement trigger fires for the table the statement names, never for its parent).
 *
 * <p>Only when routing the rows changes nothing but that: one level of RANGE partitions on one plain column of the
 * default collation, an integer, date or timestamp that the input supplies; every leaf carries exactly the parent's
 * statement-level INSERT triggers (same name, function, arguments and state: a trigger on the parent alone, e.g. a
 * workflow's, would not fire), may be inserted into by this role, and has no row security (the parent neither); every
 * column the input lacks has the same default on the leaf as on the parent, and none is an identity column.
 * Otherwise every batch goes to the parent as before.
 *
 * <p>The client routes: it reads each row's key with {@link BinaryCopy}'s exact readers (the spellings the server
 * reads the same whatever the session's settings) and finds its leaf among the leaves' bounds by binary search; NULL
 * goes to the DEFAULT leaf. A batch with a key spelled otherwise, or a row no leaf takes, is not routed ({@link #route}
 * gives empty) and goes to the parent, as does a batch spread thinly over several leaves
 * ({@link #MIN_ROWS_PER_LEAF}, or {@link #MIN_ROWS_PER_LEAF_UNTRIGGERED} when no statement trigger fires). COPY
 * into a leaf checks the leaf's bound itself, so a wrong route (a timestamp the column's precision rounds across a
 * bound) fails the batch, which then takes the staging path, rather than misplacing a row. Measured first and not kept: the server routing each batch (the key fields sent as a text array,
 * cast and tested against each leaf's partition constraint) cost about as much server CPU as the multi-row inserts
 * saved (PostgreSQL 15, 10,000 rows, 13 leaves: ~15 ms).
 */
final class LeafRouter {
    /** One leaf's range: keys from {@code lower} (inclusive) to {@code upper} (exclusive), as the codec reads them. */
    private record Range(long lower, long upper, int leaf) {
    }

    /**
     * Each leaf a batch is split into costs a COPY statement and a run of the capture function (about 0.5 ms of server
     * CPU together); what routing saves per row is mostly WAL, little CPU. A batch spread thinner than this over
     * several leaves goes to the parent (measured, PostgreSQL 15: 10,000 rows over 12 leaves cost ~6 ms more server
     * CPU than one COPY into the parent; into one leaf, the same CPU and 20% less WAL).
     */
    static final int MIN_ROWS_PER_LEAF = 2_500;

    /**
     * The same floor when no statement-level INSERT trigger is enabled (the parent's transition-table triggers are
     * all disabled, as {@code bench bulk} has them: COPY into the parent still goes row by row, PostgreSQL's check
     * reads the trigger's definition, not its state). A leaf's COPY then costs the statement alone, about what the
     * parent's COPY spends opening that leaf; what it saves is the row-by-row heap insert and a tenth of the WAL
     * (measured, PostgreSQL 17, 200,000 rows in batches of 10,000 over 12 leaves, ~830 rows a leaf: 86 MB of WAL
     * instead of 96 MB, server CPU the same or lower within the noise).
     */
    static final int MIN_ROWS_PER_LEAF_UNTRIGGERED = 500;

    private final List<String> leaves;
    /** The ranges in key order, none overlapping. */
    private final List<Range> ranges;
    /** The DEFAULT leaf's index in {@link #leaves}, or -1. */
    private final int fallback;
    private final int keyIndex;
    private final BinaryCopy.Codec codec;
    private final int columns;
    /** Rows per leaf below which a batch spread over several leaves goes to the parent. */
    private final int minRowsPerLeaf;

    private LeafRouter(List<String> leaves, List<Range> ranges, int fallback, int keyIndex, BinaryCopy.Codec codec,
            int columns, int minRowsPerLeaf) {
        this.minRowsPerLeaf = minRowsPerLeaf;
        this.leaves = List.copyOf(leaves);
        this.ranges = List.copyOf(ranges);
        this.fallback = fallback;
        this.keyIndex = keyIndex;
        this.codec = codec;
        this.columns = columns;
    }

    /** The router for a plain insert of {@code target} read as {@code format}, or empty when batches go to the parent. */
    static Optional<LeafRouter> of(Connection c, LoadTarget target, InputFormat format) throws SQLException {
        if (format != InputFormat.CSV || target.directTable().isEmpty()) {
            return Optional.empty();
        }
        String table = target.table();
        String[] names = target.columns.stream().map(Field::name).toArray(String[]::new);
        String key;
        int minRowsPerLeaf;
        try (PreparedStatement ps = c.prepareStatement(ELIGIBLE)) {
            ps.setString(1, table);
            ps.setArray(2, c.createArrayOf("text", names));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return Optional.empty();
                }
                key = rs.getString(2);
                minRowsPerLeaf = rs.getBoolean(3) ? MIN_ROWS_PER_LEAF : MIN_ROWS_PER_LEAF_UNTRIGGERED;
            }
        }
        int keyIndex = List.of(names).indexOf(key);
        Optional<BinaryCopy.Codec> codec = BinaryCopy.codec(target.columns.get(keyIndex).type())
                .filter(k -> k == BinaryCopy.Codec.INT2 || k == BinaryCopy.Codec.INT4 || k == BinaryCopy.Codec.INT8
                        || k == BinaryCopy.Codec.DATE || k == BinaryCopy.Codec.TIMESTAMP);
        if (codec.isEmpty()) {
            return Optional.empty();
        }
        List<String> leaves = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        int fallback = -1;
        for (LeafDetach.Partition p : LeafDetach.leaves(c, table)) {
            leaves.add(p.name());
            if (p.bound().equals("DEFAULT")) {
                fallback = leaves.size() - 1;
                continue;
            }
            Matcher m = RANGE.matcher(p.bound());
            OptionalLong lo = m.matches() ? value(codec.get(), m.group(1), Long.MIN_VALUE) : OptionalLong.empty();
            OptionalLong hi = m.matches() ? value(codec.get(), m.group(2), Long.MAX_VALUE) : OptionalLong.empty();
            if (lo.isEmpty() || hi.isEmpty()) {
                return Optional.empty(); // a bound this class does not read: the server routes
            }
            ranges.add(new Range(lo.getAsLong(), hi.getAsLong(), leaves.size() - 1));
        }
        ranges.sort(Comparator.comparingLong(Range::lower));
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i).lower() < ranges.get(i - 1).upper()) {
                return Optional.empty();
            }
        }
        if (ranges.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LeafRouter(leaves, ranges, fallback, keyIndex, codec.get(), names.length,
                minRowsPerLeaf));
    }

    /** {@code FOR VALUES FROM (x) TO (y)} of a range partition on one column. */
    private static final Pattern RANGE = Pattern.compile("FOR VALUES FROM \\((.+)\\) TO \\((.+)\\)");

    /** A bound's value: MINVALUE / MAXVALUE, a number, or a quoted literal the codec reads. */
    private static OptionalLong value(BinaryCopy.Codec codec, String bound, long unbounded) {
        if (bound.equals("MINVALUE") || bound.equals("MAXVALUE")) {
            return OptionalLong.of(unbounded);
        }
        String s = bound.length() >= 2 && bound.startsWith("'") && bound.endsWith("'")
                ? bound.substring(1, bound.length() - 1) : bound;
        byte[] a = s.getBytes(StandardCharsets.UTF_8);
        return s.indexOf('\'') >= 0 ? OptionalLong.empty() : read(codec, a, 0, a.length);
    }

    /** The key as the binary encoder reads it (the same exact spellings), or empty. */
    private static OptionalLong read(BinaryCopy.Codec codec, byte[] s, int o, int n) {
        BinaryCopy.Buf b = new BinaryCopy.Buf(16);
        boolean ok = switch (codec) {
            case INT2 -> BinaryCopy.integer(b, s, o, n, 8, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT4 -> BinaryCopy.integer(b, s, o, n, 8, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT8 -> BinaryCopy.integer(b, s, o, n, 8, Long.MIN_VALUE, Long.MAX_VALUE);
            case DATE -> BinaryCopy.date(b, s, o, n);
            case TIMESTAMP -> BinaryCopy.timestamp(b, s, o, n);
            default -> false;
        };
        if (!ok) {
            return OptionalLong.empty();
        }
        byte[] a = b.toArray(); // int32 length, then the value (int32 for a date, int64 else)
        long v = 0;
        for (int i = 4; i < a.length; i++) {
            v = (v << 8) | (a[i] & 0xff);
        }
        return OptionalLong.of(a.length == 8 ? (int) v : v);
    }

    /**
     * The batch's records per leaf (qualified name), in input order within each leaf; empty when a record's key is
     * not one the client reads exactly, or no leaf takes it (the batch then goes to the parent).
     */
    Optional<Map<String, List<Record>>> route(List<Record> records) {
        List<List<Record>> per = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            per.add(new ArrayList<>());
        }
        BinaryCopy.Fields f = new BinaryCopy.Fields();
        for (Record r : records) {
            if (!f.split(r.bytes(), columns)) {
                return Optional.empty();
            }
            int leaf = fallback;
            if (!f.isNull(keyIndex)) {
                byte[] a = f.value(keyIndex);
                OptionalLong v = read(codec, a, f.offset(), f.length());
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                leaf = find(v.getAsLong());
            }
            if (leaf < 0) {
                return Optional.empty();
            }
            per.get(leaf).add(r);
        }
        Map<String, List<Record>> out = new LinkedHashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            if (!per.get(i).isEmpty()) {
                out.put(leaves.get(i), per.get(i));
            }
        }
        return thin(records.size(), out.size()) ? Optional.empty() : Optional.of(out);
    }

    /** Whether {@code rows} spread over {@code used} leaves is too thin to route ({@link #minRowsPerLeaf}). */
    private boolean thin(int rows, int used) {
        return used > 1 && rows < (long) minRowsPerLeaf * used;
    }

    /** The input column the leaves are chosen by: {@link #slices} routes an encoding that kept its values. */
    int keyColumn() {
        return keyIndex;
    }

    /**
     * {@link #route} of records already encoded with their keys ({@link BinaryCopy#tuples(List, boolean, int)} with
     * {@link #keyColumn}): per leaf, in the same order, the binary COPY data of its records in input order, cut out of
     * the encoding; empty where {@link #route} is. The load's reader does this beside the encoding, so that a session
     * only sends: the keys are the numbers {@link #route} reads from the same text with the same readers.
     */
    Optional<Map<String, byte[]>> slices(BinaryCopy.Tuples t) {
        long[] keys = t.keys();
        boolean[] nulls = t.nullKeys();
        int[] leafOf = new int[keys.length];
        int[] count = new int[leaves.size()];
        for (int k = 0; k < keys.length; k++) {
            int leaf = nulls[k] ? fallback : find(keys[k]);
            if (leaf < 0) {
                return Optional.empty();
            }
            leafOf[k] = leaf;
            count[leaf]++;
        }
        int used = 0;
        for (int c : count) {
            used += c > 0 ? 1 : 0;
        }
        if (thin(keys.length, used)) {
            return Optional.empty();
        }
        int[][] picks = new int[leaves.size()][];
        int[] filled = new int[leaves.size()];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = new int[count[i]];
        }
        for (int k = 0; k < keys.length; k++) {
            picks[leafOf[k]][filled[leafOf[k]]++] = k;
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            if (count[i] > 0) {
                out.put(leaves.get(i), t.select(picks[i]));
            }
        }
        return Optional.of(out);
    }

    /** The leaf whose range holds {@code v} (binary search), else the DEFAULT leaf, else -1. */
    private int find(long v) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Range r = ranges.get(mid);
            if (v < r.lower()) {
                hi = mid - 1;
            } else if (v >= r.upper()) {
                lo = mid + 1;
            } else {
                return r.leaf();
            }
        }
        return fallback;
    }

    /**
     * Whether the table (first parameter) can take its batches in its leaves, the input naming the columns of the
     * second (see the class comment): true only
     * when the parent has an INSERT trigger with a transition table, else COPY into it keeps its multi-row inserts.
     * Disabled or not: PostgreSQL's COPY goes row by row into a partitioned table with such a trigger whatever its
     * state (copyfrom.c tests trig_insert_new_table, which counts every trigger of the table). Then the table's key
     * column, and whether a statement-level INSERT trigger is enabled (each leaf's COPY runs it).
     */
    private static final String ELIGIBLE = """
            SELECT p.partexprs IS NULL AND p.partstrat = 'r' AND p.partnatts = 1
               AND NOT c.relrowsecurity
               AND EXISTS (SELECT 1 FROM pg_trigger AS g
                            WHERE g.tgrelid = c.oid AND g.tgnewtable IS NOT NULL AND (g.tgtype & 4) <> 0)
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
                   , (SELECT a.attname::text FROM pg_attribute AS a
                       WHERE a.attrelid = c.oid AND a.attnum = p.partattrs[0])
                   , EXISTS (SELECT 1 FROM pg_trigger AS g
                              WHERE g.tgrelid = c.oid AND (g.tgtype & 5) = 4 AND NOT g.tgisinternal
                                AND g.tgenabled <> 'D')
              FROM (SELECT ?::regclass AS rel, ?::text[] AS cols) AS x
              JOIN pg_class AS c ON c.oid = x.rel JOIN pg_partitioned_table AS p ON p.partrelid = c.oid
            """;
}
