package dev.specgen.bench.mv;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.bench.mv.BenchDb.Timed;
import dev.specgen.bench.mv.MvBenchReport.Capture;
import dev.specgen.bench.mv.MvBenchReport.Immediate;
import dev.specgen.bench.mv.MvBenchReport.Measured;
import dev.specgen.bench.mv.MvBenchReport.Noop;
import dev.specgen.bench.mv.MvBenchReport.Refresh;
import dev.specgen.diag.Diagnostic;
import dev.specgen.render.RenderedStatement;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code specgen bench mv}: specgen's incremental refresh against PostgreSQL's REFRESH MATERIALIZED VIEW and REFRESH
 * ... CONCURRENTLY, measured side by side in one run on an embedded PostgreSQL, from specs rendered by specgen itself
 * (so it measures exactly the SQL users get). An aggregate (count, two sums, avg, max over stores x products) and a
 * fact-to-dimension join aggregate, after insert-only and mixed changes (70% updates, a fifth of them moving rows to
 * another group, 15% deletes, 15% inserts) of each rate; a refresh with nothing pending; the write cost of capture
 * ({@link CaptureBench}); immediate mode's cost on single-row inserts and its throughput with concurrent
 * writers. Every figure is a median of {@code repeat} runs; each incremental result is compared with the full
 * REFRESH, row for row.
 */
public final class MvBench {
    static final int STORES = 100;
    static final long SIDE_ROWS = 100_000;

    private final MvBenchOptions o;
    private final PrintWriter out;
    private final Random random = new Random(42);
    private final int products;
    private Connection c;
    private long nextId;
    /** The folder with the bench's specs/ (and the CSV file of the load). */
    private Path dir;

    private MvBench(MvBenchOptions o, PrintWriter out) {
        this.o = o;
        this.out = out;
        this.products = o.groups() / STORES;
    }

    /** Runs the benchmark; prints progress and the tables to {@code out}; writes the JSON and the docs section. */
    public static String run(MvBenchOptions o, PrintWriter out) {
        if (o.only().isPresent()) {
            return runSection(o, out);
        }
        MvBenchReport report = measure(o, out);
        String md = report.markdown();
        out.println();
        out.println(md);
        out.flush();
        o.json().ifPresent(p -> write(p, report.json()));
        o.doc().ifPresent(p -> write(p, BenchDoc.withSection(read(p), BenchDoc.MV, BenchDoc.MV_TITLE, md)));
        return md;
    }

    /**
     * One section by itself ({@code --only}): installs the specs, loads only what it reads, prints its table; writes
     * neither the JSON nor the docs section (a partial run is not the benchmark's).
     */
    private static String runSection(MvBenchOptions o, PrintWriter out) {
        MvBenchOptions.Section section = o.only().orElseThrow();
        try (BenchDb db = BenchDb.start()) {
            MvBench b = new MvBench(o, out);
            String md;
            try (Connection conn = db.connect()) {
                b.c = conn;
                String table;
                if (section == MvBenchOptions.Section.IMMEDIATE) {
                    b.step("installing the specs; loading the ledger tables (" + Math.min(SIDE_ROWS, o.rows())
                            + " rows, " + o.groups() + " groups)");
                    b.install();
                    b.loadLedgers();
                    b.refreshAll();
                    BenchDb.exec(conn, "VACUUM ANALYZE");
                    table = MvBenchReport.immediateTable(b.immediate(db));
                } else {
                    b.step("installing the specs (" + o.rows() + " source rows, " + o.groups() + " groups)");
                    b.install();
                    b.load();
                    b.step("capture overhead: INSERT ... SELECT, the bulk insert function, specgen load");
                    table = MvBenchReport.captureTable(new CaptureBench(conn, db, b.dir, Math.min(SIDE_ROWS,
                            o.rows()), Math.max(5, o.repeat()), b.products).measure());
                }
                md = "`" + o.command() + "` on PostgreSQL " + BenchDb.one(conn, "SHOW server_version") + ":\n\n"
                        + table;
            }
            out.println();
            out.println(md);
            out.flush();
            return md;
        } catch (SQLException e) {
            throw new IllegalStateException("bench mv: " + e.getMessage(), e);
        }
    }

    /** The measurements, on an embedded PostgreSQL of the benchmark's own (started and stopped here). */
    static MvBenchReport measure(MvBenchOptions o, PrintWriter out) {
        try (BenchDb db = BenchDb.start()) {
            return new MvBench(o, out).run(db);
        } catch (SQLException e) {
            throw new IllegalStateException("bench mv: " + e.getMessage(), e);
        }
    }

    private void step(String what) {
        out.println("bench mv: " + what);
        out.flush();
    }

    private MvBenchReport run(BenchDb db) throws SQLException {
        try (Connection conn = db.connect()) {
            c = conn;
            step("installing the specs (" + o.rows() + " source rows, " + o.groups() + " groups)");
            install();
            load();
            List<Refresh> refreshes = new ArrayList<>();
            for (String change : List.of("insert", "mixed")) {
                for (double rate : o.rates()) {
                    refreshes.add(scenario("aggregate", change, rate, "refresh_sale_agg", "sale_agg",
                            "sale_agg_full", Optional.of("sale_agg_conc")));
                }
            }
            refreshes.add(scenario("join aggregate", "insert", 0.01, "refresh_region_sales", "region_sales",
                    "region_sales_full", Optional.empty()));
            refreshes.add(scenario("join aggregate", "mixed", 0.01, "refresh_region_sales", "region_sales",
                    "region_sales_full", Optional.empty()));
            Noop noop = noop();
            step("capture overhead: INSERT ... SELECT, the bulk insert function, specgen load");
            List<Capture> captures = new CaptureBench(c, db, dir, Math.min(SIDE_ROWS, o.rows()), Math.max(5,
                    o.repeat()), products).measure();
            Immediate immediate = immediate(db);
            String version = BenchDb.one(c, "SHOW server_version");
            MvBenchReport partial = new MvBenchReport(version, o, refreshes, noop, captures, immediate, List.of());
            return new MvBenchReport(version, o, refreshes, noop, captures, immediate, MvBenchGoals.of(partial));
        }
    }

    // ---- the specs --------------------------------------------------------------------------------------------------

    static String specs() {
        String measures = "measures: {n: count, revenue: sum(amount), units: sum(qty), avg_amount: avg(amount),"
                + " max_amount: max(amount)}";
        String sale = """
                entity: %s
                schema: bench
                fields:
                  id: {type: bigint, nullable: false}
                  store_id: {type: integer, nullable: false}
                  product_id: {type: integer, nullable: false}
                  amount: {type: "numeric(10,2)", nullable: false}
                  qty: {type: integer, nullable: false}
                  sold_at: {type: timestamp, nullable: false}
                primary_key: [id, sold_at]
                indexes: [{name: %s_group, columns: [store_id, product_id]}]
                partitioning: {strategy: range, column: sold_at, interval: monthly, from: 2024-01-01, to: 2025-01-01}
                ---
                """;
        StringBuilder b = new StringBuilder();
        b.append("""
                entity: Store
                schema: bench
                fields:
                  id: {type: integer, primary_key: true}
                  region: {type: text, nullable: false}
                ---
                """);
        b.append(String.format(Locale.ROOT, sale, "Sale", "sale"));
        for (String[] t : List.of(new String[] {"CapSale", "cap_sale"}, new String[] {"CapSalePlain",
                "cap_sale_plain"})) {
            String entity = String.format(Locale.ROOT, sale, t[0], t[1]);
            b.append(entity, 0, entity.length() - "---\n".length()).append(CaptureBench.actions(t[1])).append("---\n");
        }
        for (String[] v : List.of(new String[] {"sale_agg", "incremental"}, new String[] {"sale_agg_full", "full"},
                new String[] {"sale_agg_conc", "concurrent"})) {
            b.append("materialized_view: ").append(v[0]).append("\nschema: bench\nsource: Sale\n")
                    .append("group_by: [store_id, product_id]\n").append(measures).append("\nrefresh: ").append(v[1])
                    .append("\n---\n");
        }
        b.append("materialized_view: cap_agg\nschema: bench\nsource: CapSale\ngroup_by: [store_id, product_id]\n")
                .append(measures).append("\nrefresh: incremental\n---\n");
        for (String[] v : List.of(new String[] {"region_sales", "incremental"},
                new String[] {"region_sales_full", "full"})) {
            b.append("materialized_view: ").append(v[0]).append("\nschema: bench\nsource: Sale\n")
                    .append("joins: [{entity: Store, on: store_id}]\ngroup_by: [store.region, product_id]\n")
                    .append("measures: {n: count, revenue: sum(amount)}\nrefresh: ").append(v[1]).append("\n---\n");
        }
        b.append("""
                entity: Ledger
                schema: bench
                fields:
                  id: {type: bigint, identity: always, primary_key: true}
                  account: {type: integer, nullable: false}
                  amount: {type: "numeric(12,2)", nullable: false}
                ---
                entity: LedgerPlain
                schema: bench
                fields:
                  id: {type: bigint, identity: always, primary_key: true}
                  account: {type: integer, nullable: false}
                  amount: {type: "numeric(12,2)", nullable: false}
                ---
                materialized_view: ledger_balance
                schema: bench
                source: Ledger
                group_by: [account]
                measures: {n: count, balance: sum(amount), top: max(amount)}
                refresh: immediate
                """);
        return b.toString();
    }

    private void install() throws SQLException {
        try {
            dir = Files.createTempDirectory("specgen-bench-mv-");
            Files.createDirectories(dir.resolve("specs"));
            Files.writeString(dir.resolve("specs/bench.yaml"), specs(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result r = Specgen.render(Options.of(dir, Path.of("specs"), Path.of("out")));
        if (r.hasErrors() || r.rendered().isEmpty()) {
            throw new IllegalStateException("bench specs do not render: " + r.diagnostics().stream()
                    .filter(Diagnostic::isError).map(Diagnostic::format).toList());
        }
        for (RenderedStatement s : r.rendered().get().statements()) {
            BenchDb.exec(c, s.sql());
        }
    }

    /** {@code INSERT INTO table SELECT ...} rows numbered {@code from .. to}: stores x products, over a year. */
    private String rows(String table, long from, long to) {
        return rows(table, products, from, to);
    }

    static String rows(String table, int products, long from, long to) {
        return "INSERT INTO bench." + table + " (id, store_id, product_id, amount, qty, sold_at) "
                + values(products, from, to);
    }

    /** The SELECT of the bench's rows numbered {@code from .. to} (id, store_id, product_id, amount, qty, sold_at). */
    static String values(int products, long from, long to) {
        return "SELECT i AS id, i % " + STORES + " AS store_id, (i / " + STORES + ") % " + products
                + " AS product_id, 1 + (i % 997) / 10.0 AS amount, 1 + i % 7 AS qty, timestamp '2024-01-01' + (i % 365)"
                + " * interval '1 day' + (i % 86400) * interval '1 second' AS sold_at FROM generate_series(" + from
                + ", " + to + ") AS s(i)";
    }

    private void load() throws SQLException {
        step("loading");
        BenchDb.exec(c, "INSERT INTO bench.store SELECT s, 'region_' || (s % 10) FROM generate_series(0, "
                + (STORES - 1) + ") AS s");
        for (long a = 1; a <= o.rows(); a += 100_000) {
            BenchDb.exec(c, rows("sale", a, Math.min(o.rows(), a + 99_999)));
        }
        nextId = o.rows() + 1;
        long side = Math.min(SIDE_ROWS, o.rows());
        for (String t : List.of("cap_sale", "cap_sale_plain")) {
            BenchDb.exec(c, rows(t, 1, side));
        }
        loadLedgers();
        refreshAll();
        BenchDb.exec(c, "VACUUM ANALYZE");
    }

    /** The ledger and its twin without the view (immediate mode's tables). */
    private void loadLedgers() throws SQLException {
        for (String t : List.of("ledger", "ledger_plain")) {
            BenchDb.exec(c, "INSERT INTO bench." + t + " (account, amount) SELECT i % " + o.groups()
                    + ", 1 + (i % 997) / 10.0 FROM generate_series(1, " + Math.min(SIDE_ROWS, o.rows())
                    + ") AS s(i)");
        }
    }

    private void refreshAll() throws SQLException {
        BenchDb.exec(c, "SELECT * FROM bench.refresh_all()");
    }

    // ---- refresh scenarios ----------------------------------------------------------------------------------------

    /** Applies a change of {@code rate} of the source, as statements of {@code batch} rows; returns rows changed. */
    private long change(String kind, double rate) throws SQLException {
        long k = Math.max(1, Math.round(rate * o.rows()));
        if (kind.equals("insert")) {
            insert(k);
            return k;
        }
        long updates = Math.round(k * 0.7);
        long deletes = Math.round(k * 0.15);
        long inserts = k - updates - deletes;
        int batches = 0;
        for (long done = 0; done < updates; done += o.batch(), batches++) {
            long n = Math.min(o.batch(), updates - done);
            long a = offset(n);
            // a fifth of the updates move rows to another group, the rest change the measured values
            String set = batches % 5 == 4 ? "product_id = (product_id + 1) % " + products
                    : "amount = amount + 0.5, qty = qty + 1";
            BenchDb.exec(c, "UPDATE bench.sale SET " + set + " WHERE id BETWEEN " + a + " AND " + (a + n - 1));
        }
        for (long done = 0; done < deletes; done += o.batch()) {
            long n = Math.min(o.batch(), deletes - done);
            long a = offset(n);
            BenchDb.exec(c, "DELETE FROM bench.sale WHERE id BETWEEN " + a + " AND " + (a + n - 1));
        }
        insert(inserts);
        return k;
    }

    private long offset(long n) {
        return 1 + (long) (random.nextDouble() * Math.max(1, nextId - n - 1));
    }

    private void insert(long k) throws SQLException {
        for (long done = 0; done < k; done += o.batch()) {
            long n = Math.min(o.batch(), k - done);
            BenchDb.exec(c, rows("sale", nextId, nextId + n - 1));
            nextId += n;
        }
    }

    /**
     * Reads the changed source once before anything is timed: the first scan after many updates and deletes prunes
     * the pages (WAL, full-page images after the checkpoint) and sets hint bits, and it would otherwise be charged to
     * whichever refresh happens to read the table first (specgen's full recompute, or REFRESH after an incremental run).
     */
    private void settle() throws SQLException {
        BenchDb.exec(c, "SELECT sum(qty) FROM bench.sale"); // qty is in no index: every heap page is read
    }

    private void checkpoint() throws SQLException {
        // every measured statement pays its first-touch full-page writes alike
        BenchDb.exec(c, "CHECKPOINT");
    }

    private Refresh scenario(String workload, String kind, double rate, String refresh, String view, String full,
            Optional<String> concurrent) throws SQLException {
        step(workload + ", " + kind + " " + MvBenchReport.rate(rate));
        List<Timed> incr = new ArrayList<>();
        List<Timed> fulls = new ArrayList<>();
        List<Timed> concs = new ArrayList<>();
        List<String> strategies = new ArrayList<>();
        boolean same = true;
        long changed = 0;
        for (int r = 0; r < o.repeat(); r++) {
            long mark = nextId;
            changed = change(kind, rate);
            settle();
            checkpoint();
            incr.add(BenchDb.time(c, "SELECT bench." + refresh + "()"));
            strategies.add(BenchDb.one(c, "SELECT strategy FROM bench.specgen_refresh_log WHERE view_name = '"
                    + view + "' ORDER BY id DESC LIMIT 1"));
            checkpoint();
            fulls.add(BenchDb.time(c, "REFRESH MATERIALIZED VIEW bench." + full));
            if (concurrent.isPresent()) {
                checkpoint();
                concs.add(BenchDb.time(c, "REFRESH MATERIALIZED VIEW CONCURRENTLY bench." + concurrent.get()));
            }
            if (r == 0) {
                same = "0".equals(BenchDb.one(c, "SELECT count(*) FROM ((TABLE bench." + view + " EXCEPT ALL TABLE"
                        + " bench." + full + ") UNION ALL (TABLE bench." + full + " EXCEPT ALL TABLE bench." + view
                        + ")) AS d"));
            }
            if (kind.equals("insert")) {
                // back to the starting size, so every scenario reads a source of the same size
                BenchDb.exec(c, "DELETE FROM bench.sale WHERE id >= " + mark);
            }
            refreshAll();
            BenchDb.exec(c, "VACUUM ANALYZE bench.sale");
            BenchDb.exec(c, "VACUUM bench.sale_agg_data, bench.sale_agg_delta, bench.region_sales_data,"
                    + " bench.region_sales_delta");
        }
        String strategy = strategies.stream().distinct().count() == 1 ? strategies.get(0)
                : String.join("/", strategies);
        return new Refresh(workload, kind.equals("insert") ? "insert-only" : "mixed", rate, changed, median(incr),
                strategy, median(fulls), concurrent.map(x -> median(concs)), same);
    }

    static Measured median(List<Timed> runs) {
        List<Timed> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Timed::ms));
        Timed m = sorted.get(sorted.size() / 2);
        double[] cpu = runs.stream().mapToDouble(Timed::cpuMs).sorted().toArray();
        return new Measured(m.ms(), cpu[cpu.length / 2], m.walBytes());
    }

    private Noop noop() throws SQLException {
        step("a refresh with nothing pending");
        BenchDb.exec(c, "SELECT bench.refresh_sale_agg()");
        int calls = 50;
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            ms.add(BenchDb.time(c, "SELECT bench.refresh_sale_agg()").ms());
        }
        ms.sort(Double::compare);
        return new Noop(calls, ms.get(calls / 2), ms.get((int) Math.ceil(calls * 0.95) - 1));
    }

    // ---- immediate mode -------------------------------------------------------------------------------------------

    private Immediate immediate(BenchDb db) throws SQLException {
        step("immediate mode: single-row inserts");
        List<Timed> with = new ArrayList<>();
        List<Timed> without = new ArrayList<>();
        int per = 300;
        for (int r = 0; r < 3; r++) {
            for (String t : r % 2 == 0 ? List.of("ledger", "ledger_plain") : List.of("ledger_plain", "ledger")) {
                long w0 = BenchDb.wal(c);
                double cpu0 = BenchDb.cpuMs(c);
                long t0 = System.nanoTime();
                for (int i = 0; i < per; i++) {
                    BenchDb.exec(c, "INSERT INTO bench." + t + " (account, amount) VALUES (" + random.nextInt(
                            o.groups()) + ", " + (1 + random.nextInt(100)) + ")");
                }
                Timed x = new Timed((System.nanoTime() - t0) / 1e6 / per, (BenchDb.cpuMs(c) - cpu0) / per,
                        (BenchDb.wal(c) - w0) / per);
                (t.equals("ledger") ? with : without).add(x);
            }
        }
        int writers = 8;
        step("immediate mode: " + writers + " concurrent writers, " + o.writerSeconds() + " s each way");
        double tputWith = throughput(db, "ledger", writers);
        double tputWithout = throughput(db, "ledger_plain", writers);
        return new Immediate(median(with), median(without), writers, tputWith, tputWithout);
    }

    /** Rows per second that {@code writers} connections insert, one row per statement, for writerSeconds. */
    private double throughput(BenchDb db, String table, int writers) {
        AtomicLong rows = new AtomicLong();
        long deadline = System.nanoTime() + o.writerSeconds() * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < writers; w++) {
            int seed = w;
            Thread t = new Thread(() -> {
                Random rnd = new Random(seed);
                try (Connection wc = db.connect()) {
                    while (System.nanoTime() < deadline) {
                        BenchDb.exec(wc, "INSERT INTO bench." + table + " (account, amount) VALUES ("
                                + rnd.nextInt(o.groups()) + ", " + (1 + rnd.nextInt(100)) + ")");
                        rows.incrementAndGet();
                    }
                } catch (SQLException e) {
                    errors.add(e);
                }
            });
            threads.add(t);
        }
        long t0 = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("a writer failed: " + errors.get(0).getMessage(), errors.get(0));
        }
        return rows.get() / ((System.nanoTime() - t0) / 1e9);
    }

    // ---- files ----------------------------------------------------------------------------------------------------

    private static String read(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path p, String text) {
        try {
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
