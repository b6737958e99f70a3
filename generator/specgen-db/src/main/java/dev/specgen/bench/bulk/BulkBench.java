package dev.specgen.bench.bulk;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.db.ApplyResult;
import dev.specgen.db.Database;
import dev.specgen.db.Databases;
import dev.specgen.db.DbOptions;
import dev.specgen.db.ScriptRunner;
import dev.specgen.db.Stmt;
import dev.specgen.loader.ConnectionSource;
import dev.specgen.loader.LoadListener;
import dev.specgen.loader.LoadOptions;
import dev.specgen.loader.LoadResult;
import dev.specgen.loader.Loader;
import dev.specgen.verify.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.util.PGobject;

/**
 * {@code specgen bench bulk}: every way of writing many rows into the example sales table (with its partitions and
 * indexes), side by side in one run on the embedded PostgreSQL, against binary COPY as the reference: single-row
 * INSERT (sampled, extrapolated), JDBC batches, the generated array and jsonb functions, {@code specgen load} with 1
 * and 2 jobs and with {@code --initial}; then upserts of a set with 10% existing keys by each path; then replacing the
 * references of the DMS example with 10% of the children changed, by the generated function and by the naive
 * delete + insert. Each path starts from the same table state, after a CHECKPOINT; wall time, the server's CPU
 * ({@link ServerUsage}) and WAL bytes are taken around it. Every path runs {@code repeat} times, each round in a
 * rotated order within its group ({@link #rotated}), and each figure is the median of its runs; the server is the
 * benchmark's own ({@link BulkDb}).
 */
public final class BulkBench {
    static final String SINGLE = "single-row INSERT";
    static final String JDBC = "JDBC batch (1000)";
    static final String ARRAY = "array function";
    static final String JSON = "jsonb function";
    static final String COPY = "binary COPY (reference)";
    static final String LOAD = "specgen load";
    static final String LOAD2 = "specgen load --jobs 2";
    static final String INITIAL = "specgen load --initial";
    static final String INITIAL2 = "specgen load --initial --jobs 2";
    static final String UPSERT_LOAD = "upsert: specgen load";
    static final String REPLACE = "replace: generated function";
    static final String NAIVE = "replace: delete + insert";
    static final String SALES = "analytics.sales_transaction";
    /** Every path's name, in the report's order (what {@code --only} takes). */
    public static final java.util.Set<String> PATHS = java.util.Collections.unmodifiableSet(
            new java.util.LinkedHashSet<>(List.of(SINGLE, JDBC, ARRAY, JSON, COPY, LOAD, LOAD2, INITIAL, INITIAL2,
                    "upsert: " + SINGLE, "upsert: " + JDBC, "upsert: " + ARRAY, "upsert: " + JSON, UPSERT_LOAD, NAIVE,
                    REPLACE)));

    /**
     * How a run goes: rows (default 1,000,000), rows per call or batch, rows of the sampled single-row path, and how
     * often each path is measured (the median is reported; default 3).
     */
    public record BenchOptions(Options specs, int rows, int batch, int sample, Path workDir, int repeat,
            java.util.Set<String> only) {
        public BenchOptions {
            if (rows < 1 || batch < 1 || sample < 1 || repeat < 1) {
                throw new IllegalArgumentException("rows, batch, sample and repeat must be positive");
            }
            only = java.util.Set.copyOf(only);
        }

        /** Every path. */
        public BenchOptions(Options specs, int rows, int batch, int sample, Path workDir, int repeat) {
            this(specs, rows, batch, sample, workDir, repeat, java.util.Set.of());
        }

        /**
         * Only the paths named (and binary COPY, the reference); every path when empty. For measuring a few paths
         * side by side while developing: the report's goals show only those measured.
         */
        public BenchOptions withOnly(java.util.Set<String> names) {
            return new BenchOptions(specs, rows, batch, sample, workDir, repeat, names);
        }

        boolean runs(String name) {
            return only.isEmpty() || only.contains(name) || name.equals(COPY);
        }
    }

    private final BenchOptions o;
    private final Database db;
    private final String scratch;
    private final Progress progress;
    private final List<BenchResult.Path> results = new ArrayList<>();
    private BenchData data;
    private ServerUsage usage;

    private BulkBench(BenchOptions o, Database db, String scratch, Progress progress) {
        this.o = o;
        this.db = db;
        this.scratch = scratch;
        this.progress = progress;
    }

    /** The example specs do not build: the benchmark has no table to write into (a user's error, not a bug). */
    public static final class SpecsRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SpecsRefused(String message) {
            super(message);
        }
    }

    public static BenchResult run(BenchOptions o, Progress progress) throws SQLException, IOException {
        Result r = Specgen.render(o.specs());
        if (r.hasErrors() || r.rendered().isEmpty()) {
            throw new SpecsRefused("the specs in " + o.specs().specs() + " have errors: " + r.firstErrors(3));
        }
        progress.begin("starting the embedded PostgreSQL");
        try (BulkDb server = BulkDb.start();
                Database db = Databases.open(DbOptions.url(server.jdbcUrl()).withCredentials("postgres", null))) {
            String scratch = db.createScratchDatabase();
            progress.end("starting the embedded PostgreSQL");
            try (Connection c = db.connect(scratch)) {
                List<Stmt> stmts = r.rendered().get().statements().stream()
                        .map(s -> new Stmt(s.sql(), s.object(), !s.object().transactional())).toList();
                ApplyResult applied = ScriptRunner.apply(c, stmts, ScriptRunner.Mode.ROLLOUT);
                if (!applied.ok()) {
                    throw new IllegalStateException("the generated SQL does not apply: " + applied.failure());
                }
                // The example specs also keep a materialized view and a workflow from this table (statement triggers
                // that capture or queue the inserted rows); they belong to `bench mv`. This benchmark measures the
                // table and its indexes, so every path runs without them.
                try (Statement st = c.createStatement()) {
                    st.execute("DO $b$ DECLARE r regclass; BEGIN FOR r IN SELECT relid FROM pg_partition_tree('"
                            + SALES + "') LOOP EXECUTE format('ALTER TABLE %s DISABLE TRIGGER USER', r); END LOOP;"
                            + " END $b$");
                }
            }
            BulkBench b = new BulkBench(o, db, scratch, progress);
            b.all();
            return new BenchResult(o.rows(), db.serverVersion(), o.repeat(), b.results);
        }
    }

    private Connection connect() {
        return db.connect(scratch);
    }

    private ConnectionSource source() {
        return this::connect;
    }

    private void all() throws SQLException, IOException {
        try (Connection c = connect()) {
            usage = ServerUsage.of(c);
            progress.begin("making " + o.rows() + " rows");
            data = BenchData.make(c, o.rows(), o.workDir());
            progress.end("making " + o.rows() + " rows");
        }
        Insert ins = new Insert();
        warmUp(ins);
        int sample = Math.min(o.sample(), o.rows());
        String insert = "bulk_insert_transactions";
        List<Measure> inserts = List.of(
                new Measure("insert", SINGLE, sample, this::empty, c -> ins.single(c, data.sales, false)),
                new Measure("insert", JDBC, o.rows(), this::empty, c -> ins.jdbc(c, data.sales, false)),
                new Measure("insert", ARRAY, o.rows(), this::empty, c -> ins.array(c, data.sales, insert)),
                new Measure("insert", JSON, o.rows(), this::empty, c -> ins.json(c, data.sales, insert + "_json")),
                new Measure("insert", COPY, o.rows(), this::empty, this::copy),
                new Measure("insert", LOAD, o.rows(), this::empty, c -> load(insert, data.salesCsv, 1, false)),
                new Measure("insert", LOAD2, o.rows(), this::empty, c -> load(insert, data.salesCsv, 2, false)),
                new Measure("insert", INITIAL, o.rows(), this::empty, c -> load(insert, data.salesCsv, 1, true)),
                new Measure("insert", INITIAL2, o.rows(), this::empty, c -> load(insert, data.salesCsv, 2, true)));
        List<Measure> upserts = List.of(
                new Measure("upsert", "upsert: " + SINGLE, sample, this::filled, c -> ins.single(c, data.upserts, true)),
                new Measure("upsert", "upsert: " + JDBC, o.rows(), this::filled, c -> ins.jdbc(c, data.upserts, true)),
                new Measure("upsert", "upsert: " + ARRAY, o.rows(), this::filled,
                        c -> ins.array(c, data.upserts, "upsert_transactions")),
                new Measure("upsert", "upsert: " + JSON, o.rows(), this::filled,
                        c -> ins.json(c, data.upserts, "upsert_transactions_json")),
                new Measure("upsert", UPSERT_LOAD, o.rows(), this::filled,
                        c -> load("upsert_transactions", data.upsertCsv, 1, false)));
        List<Measure> replaces = List.of(
                new Measure("replace", NAIVE, o.rows(), this::references, this::naive),
                new Measure("replace", REPLACE, o.rows(), this::references, this::replace));
        List<List<Measure>> groups = new ArrayList<>();
        for (List<Measure> group : List.of(inserts, upserts, replaces)) {
            List<Measure> kept = group.stream().filter(m -> o.runs(m.name())).toList();
            if (!kept.isEmpty()) {
                groups.add(kept);
            }
        }
        java.util.Map<String, List<BenchResult.Run>> runs = new java.util.HashMap<>();
        for (int r = 0; r < o.repeat(); r++) {
            for (List<Measure> group : groups) {
                for (Measure m : rotated(group, r)) {
                    runs.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(measure(m, r));
                }
            }
        }
        for (List<Measure> group : groups) {
            for (Measure m : group) {
                boolean sampled = m.rows() < o.rows();
                results.add(BenchResult.Path.median(m.group(), m.name(), sampled ? o.rows() : m.rows(), sampled,
                        runs.get(m.name())));
            }
        }
    }

    /**
     * A group's paths in the order of repeat {@code r}: rotated by {@code r}, so that with several repeats no path is
     * always the first or the last of its group (the one after the data was made, or before a CHECKPOINT of the
     * group's worst writer).
     */
    static <T> List<T> rotated(List<T> group, int r) {
        List<T> out = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            out.add(group.get((i + r) % group.size()));
        }
        return out;
    }

    /** One path: its group, its name, the rows it writes (fewer when sampled), its preparation and its body. */
    private record Measure(String group, String name, long rows, Step prepare, Step body) {
    }

    /**
     * Every client path once on a few rows, untimed: class loading and JIT compilation of the client (and the
     * server's caches) would otherwise count against whichever path runs first.
     */
    private void warmUp(Insert ins) throws SQLException, IOException {
        progress.begin("warming up");
        BenchData.Sales few = head(data.sales, Math.min(2000, o.rows()));
        try (Connection c = connect()) {
            empty(c);
            ins.single(c, head(few, 200), false);
            empty(c);
            ins.jdbc(c, few, false);
            c.setAutoCommit(true);
            empty(c);
            ins.array(c, few, "bulk_insert_transactions");
            empty(c);
            ins.json(c, few, "bulk_insert_transactions_json");
            empty(c);
            // the load's warm-up takes two full batches: a batch of 2,000 rows over 12 months is too thin to be
            // routed to the leaves, so the reader's routing and the leaf COPYs were compiled during a measured path
            Path warm = o.workDir().resolve("warm.csv");
            try (var lines = Files.lines(data.salesCsv)) {
                Files.write(warm, (Iterable<String>) lines.limit(warmUpLoadRows(o.rows(), o.batch()) + 1L)::iterator);
            }
            load("bulk_insert_transactions", warm, 1, false);
            empty(c);
        }
        progress.end("warming up");
    }

    /**
     * Rows of the untimed warm-up load: two batches (so that a plain load's batches are routed to the leaves as in the
     * measured paths, and the reader's per-record methods pass the JIT's thresholds), at least 2,000, at most the
     * benchmark's rows.
     */
    static long warmUpLoadRows(long rows, int batch) {
        return Math.min(rows, Math.max(2_000L, 2L * batch));
    }

    private static BenchData.Sales head(BenchData.Sales s, int n) {
        return new BenchData.Sales(java.util.Arrays.copyOf(s.id(), n), java.util.Arrays.copyOf(s.customer(), n),
                java.util.Arrays.copyOf(s.product(), n), java.util.Arrays.copyOf(s.quantity(), n),
                java.util.Arrays.copyOf(s.price(), n), java.util.Arrays.copyOf(s.total(), n),
                java.util.Arrays.copyOf(s.date(), n), java.util.Arrays.copyOf(s.payment(), n),
                java.util.Arrays.copyOf(s.region(), n), java.util.Arrays.copyOf(s.category(), n));
    }

    /** A step with a connection. */
    @FunctionalInterface
    interface Step {
        void run(Connection c) throws SQLException, IOException;
    }

    private BenchResult.Run measure(Measure m, int repeat) throws SQLException, IOException {
        String label = o.repeat() == 1 ? m.name() : m.name() + " (run " + (repeat + 1) + " of " + o.repeat() + ")";
        progress.begin(label);
        try (Connection c = connect()) {
            m.prepare().run(c);
            exec(c, "CHECKPOINT");
            long dead0 = dead(c);
            ServerUsage.Reading r0 = usage.read(c);
            long t0 = System.nanoTime();
            m.body().run(c);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!c.getAutoCommit()) {
                c.commit();
                c.setAutoCommit(true);
            }
            ServerUsage.Reading d = usage.read(c).minus(r0);
            long dead = dead(c) - dead0;
            double scale = (double) o.rows() / m.rows();
            progress.end(label);
            return new BenchResult.Run(seconds * scale, d.cpuSeconds() * scale, Math.round(d.walBytes() * scale),
                    Math.round(dead * scale));
        }
    }

    /** Dead tuples of the two benchmark tables, from statistics flushed now. */
    private static long dead(Connection c) throws SQLException {
        exec(c, "SELECT pg_stat_force_next_flush()");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(sum(n_dead_tup), 0)"
                + " FROM pg_stat_user_tables WHERE schemaname IN ('analytics', 'dms')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void empty(Connection c) throws SQLException {
        exec(c, "TRUNCATE " + SALES);
        exec(c, "DROP SCHEMA IF EXISTS specgen_bench_load CASCADE");
    }

    /** The table holds every row of the insert set (90% of the upsert set is new, 10% changes). */
    private void filled(Connection c) throws SQLException, IOException {
        empty(c);
        copy(c);
        exec(c, "VACUUM ANALYZE " + SALES);
    }

    private void references(Connection c) throws SQLException {
        exec(c, "TRUNCATE dms.reference");
        exec(c, "INSERT INTO dms.reference (" + BenchData.REF_COLUMNS + ") SELECT " + BenchData.REF_COLUMNS
                + " FROM public.bench_refs ORDER BY k");
        exec(c, "VACUUM ANALYZE dms.reference");
    }

    private void copy(Connection c) throws SQLException, IOException {
        try (InputStream in = Files.newInputStream(data.salesBinary)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + SALES + " (" + BenchData.SALES_COLUMNS
                    + ") FROM STDIN (FORMAT binary)", in);
        }
    }

    private void load(String action, Path csv, int jobs, boolean initial) {
        LoadResult r = Loader.run(LoadOptions.of(o.specs(), action, csv).withJobs(jobs).withInitial(initial)
                .withForget(true).withBatchSize(o.batch()).withStateSchema("specgen_bench_load"), source(),
                LoadListener.NONE);
        if (r.rejected() > 0 || !r.complete()) {
            throw new IllegalStateException(action + " rejected " + r.rejected() + " rows");
        }
    }

    /** Per batch of parents: delete all their references, insert the new set (what InsertReferences does). */
    private void naive(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement del = c.prepareStatement("DELETE FROM dms.reference AS r USING (SELECT DISTINCT"
                + " parent_document_partition_key AS pk, parent_document_id AS id FROM public.bench_refs_new WHERE k"
                + " BETWEEN ? AND ?) AS p WHERE r.parent_document_partition_key = p.pk AND r.parent_document_id ="
                + " p.id");
                PreparedStatement ins = c.prepareStatement("INSERT INTO dms.reference (" + BenchData.REF_COLUMNS
                        + ") SELECT " + BenchData.REF_COLUMNS + " FROM public.bench_refs_new WHERE k BETWEEN ? AND ?"
                        + " ORDER BY k")) {
            for (long lo = 0; lo < o.rows(); lo += o.batch()) {
                for (PreparedStatement ps : List.of(del, ins)) {
                    ps.setLong(1, lo);
                    ps.setLong(2, lo + o.batch() - 1);
                    ps.executeUpdate();
                }
                c.commit();
            }
        }
    }

    /** Per batch of parents: the generated replace function, fed from the same rows. */
    private void replace(Connection c) throws SQLException {
        StringBuilder args = new StringBuilder();
        for (String col : BenchData.REF_COLUMNS.split(", ")) {
            args.append(args.length() == 0 ? "" : ", ").append("p_").append(col).append(" => array_agg(").append(col)
                    .append(" ORDER BY k)");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT dms.insert_references(" + args + ") FROM"
                + " public.bench_refs_new WHERE k BETWEEN ? AND ?")) {
            for (long lo = 0; lo < o.rows(); lo += o.batch()) {
                ps.setLong(1, lo);
                ps.setLong(2, lo + o.batch() - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The client-side paths: one row at a time, JDBC batches, the array and jsonb functions. */
    private final class Insert {
        private static final String UPSERT = " ON CONFLICT (transaction_id, transaction_date) DO UPDATE SET"
                + " customer_id = excluded.customer_id, product_id = excluded.product_id, quantity = excluded.quantity,"
                + " unit_price = excluded.unit_price, total_amount = excluded.total_amount, payment_method ="
                + " excluded.payment_method, region = excluded.region, category = excluded.category";

        void single(Connection c, BenchData.Sales s, boolean upsert) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(insertSql(upsert))) {
                for (int k = 0; k < Math.min(o.sample(), s.size()); k++) {
                    bind(ps, s, k);
                    ps.executeUpdate();
                }
            }
        }

        void jdbc(Connection c, BenchData.Sales s, boolean upsert) throws SQLException {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(insertSql(upsert))) {
                for (int k = 0; k < s.size(); k++) {
                    bind(ps, s, k);
                    ps.addBatch();
                    if ((k + 1) % 1000 == 0 || k == s.size() - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
        }

        private String insertSql(boolean upsert) {
            return "INSERT INTO " + SALES + " (" + BenchData.SALES_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + (upsert ? UPSERT : "");
        }

        private void bind(PreparedStatement ps, BenchData.Sales s, int k) throws SQLException {
            ps.setObject(1, s.id()[k]);
            ps.setObject(2, s.customer()[k]);
            ps.setObject(3, s.product()[k]);
            ps.setInt(4, s.quantity()[k]);
            ps.setBigDecimal(5, s.price()[k]);
            ps.setBigDecimal(6, s.total()[k]);
            ps.setObject(7, s.date()[k]);
            ps.setString(8, s.payment()[k]);
            ps.setString(9, s.region()[k]);
            ps.setString(10, s.category()[k]);
        }

        void array(Connection c, BenchData.Sales s, String function) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT analytics." + function + "(p_transaction_id => ?,"
                    + " p_customer_id => ?, p_product_id => ?, p_quantity => ?, p_unit_price => ?, p_total_amount => ?,"
                    + " p_transaction_date => ?::timestamp[], p_payment_method => ?, p_region => ?, p_category => ?)")) {
                for (int lo = 0; lo < s.size(); lo += o.batch()) {
                    int hi = Math.min(s.size(), lo + o.batch());
                    Integer[] q = new Integer[hi - lo];
                    String[] d = new String[hi - lo];
                    for (int k = lo; k < hi; k++) {
                        q[k - lo] = s.quantity()[k];
                        d[k - lo] = s.date()[k].toString();
                    }
                    ps.setArray(1, c.createArrayOf("uuid", java.util.Arrays.copyOfRange(s.id(), lo, hi)));
                    ps.setArray(2, c.createArrayOf("uuid", java.util.Arrays.copyOfRange(s.customer(), lo, hi)));
                    ps.setArray(3, c.createArrayOf("uuid", java.util.Arrays.copyOfRange(s.product(), lo, hi)));
                    ps.setArray(4, c.createArrayOf("int4", q));
                    ps.setArray(5, c.createArrayOf("numeric", java.util.Arrays.copyOfRange(s.price(), lo, hi)));
                    ps.setArray(6, c.createArrayOf("numeric", java.util.Arrays.copyOfRange(s.total(), lo, hi)));
                    ps.setArray(7, c.createArrayOf("text", d));
                    ps.setArray(8, c.createArrayOf("text", java.util.Arrays.copyOfRange(s.payment(), lo, hi)));
                    ps.setArray(9, c.createArrayOf("text", java.util.Arrays.copyOfRange(s.region(), lo, hi)));
                    ps.setArray(10, c.createArrayOf("text", java.util.Arrays.copyOfRange(s.category(), lo, hi)));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                }
            }
        }

        /**
         * One JSON text per batch, bound as a jsonb parameter (as pgjdbc documents for json/jsonb: a {@link PGobject}
         * of that type), so the server reads it with jsonb's input function when the call is bound. Sent as a string
         * and cast in the statement ({@code ?::jsonb}), the same text cost the server about 40% more per call as
         * measured: a varchar copy, the I/O cast's copy, and more page faults while parsing (docs/benchmarks.md).
         */
        void json(Connection c, BenchData.Sales s, String function) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT analytics." + function + "(?)")) {
                for (int lo = 0; lo < s.size(); lo += o.batch()) {
                    int hi = Math.min(s.size(), lo + o.batch());
                    StringBuilder j = new StringBuilder((hi - lo) * 300).append('[');
                    for (int k = lo; k < hi; k++) {
                        j.append(k == lo ? "{" : ",{").append("\"transaction_id\":\"").append(s.id()[k])
                                .append("\",\"customer_id\":\"").append(s.customer()[k])
                                .append("\",\"product_id\":\"").append(s.product()[k])
                                .append("\",\"quantity\":").append(s.quantity()[k])
                                .append(",\"unit_price\":").append(s.price()[k].toPlainString())
                                .append(",\"total_amount\":").append(s.total()[k].toPlainString())
                                .append(",\"transaction_date\":\"").append(s.date()[k])
                                .append("\",\"payment_method\":\"").append(s.payment()[k])
                                .append("\",\"region\":\"").append(s.region()[k])
                                .append("\",\"category\":\"").append(s.category()[k]).append("\"}");
                    }
                    PGobject rows = new PGobject();
                    rows.setType("jsonb");
                    rows.setValue(j.append(']').toString());
                    ps.setObject(1, rows);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                }
            }
        }
    }
}
