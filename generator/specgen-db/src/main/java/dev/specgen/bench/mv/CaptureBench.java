package dev.specgen.bench.mv;

import dev.specgen.Options;
import dev.specgen.bench.bulk.ServerUsage;
import dev.specgen.bench.mv.BenchDb.Timed;
import dev.specgen.bench.mv.MvBenchReport.Capture;
import dev.specgen.loader.LoadListener;
import dev.specgen.loader.LoadOptions;
import dev.specgen.loader.LoadResult;
import dev.specgen.loader.Loader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The write cost of a deferred view's capture: the same writes into {@code cap_sale} (the source of the incremental
 * view {@code cap_agg}, capture triggers on the partitioned table and its partitions) and into its twin
 * {@code cap_sale_plain} (no view, no triggers), side by side, alternating which goes first, medians of the runs.
 * Three writes: a 10,000-row INSERT ... SELECT; a 10,000-row call of the generated array insert function (the arrays
 * are built beforehand and not timed); and {@code specgen load} of a CSV file through the Loader API (one session,
 * batches of 10,000, the whole server's CPU since the loader's sessions come and go).
 */
final class CaptureBench {
    static final int ROWS = 10_000;
    static final long LOAD_ROWS = 100_000;

    private final Connection c;
    private final BenchDb db;
    private final Path dir;
    private final long side;
    private final int runs;
    private final int products;

    /**
     * @param dir  the folder holding the bench's {@code specs/}
     * @param side rows of each capture table at the start (rows above it are deleted after each run)
     * @param products products per store of the bench's rows
     */
    CaptureBench(Connection c, BenchDb db, Path dir, long side, int runs, int products) {
        this.c = c;
        this.db = db;
        this.dir = dir;
        this.side = side;
        this.runs = runs;
        this.products = products;
    }

    /** The action of {@code table}'s entity in the bench's specs: its generated array insert function. */
    static String action(String table) {
        return "insert_" + table;
    }

    /** The bench spec's actions of a capture table (the entity text ends with its fields and keys). */
    static String actions(String table) {
        return "actions:\n  - {name: " + action(table) + ", pattern: batch/bulk_operation, operation: insert}\n";
    }

    List<Capture> measure() throws SQLException {
        List<Capture> out = new ArrayList<>();
        out.add(insertSelect());
        out.add(function());
        out.add(load());
        return out;
    }

    private Capture insertSelect() throws SQLException {
        return sideBySide(ROWS + "-row INSERT ... SELECT into a partitioned table",
                t -> BenchDb.time(c, MvBench.rows(t, products, side + 1, side + ROWS)));
    }

    /** The arrays of one call, built in a temporary table before the timed call reads them. */
    private Capture function() throws SQLException {
        BenchDb.exec(c, "DROP TABLE IF EXISTS pg_temp.cap_args");
        long a = side + 1;
        long b = side + ROWS;
        BenchDb.exec(c, "CREATE TEMP TABLE cap_args AS SELECT array_agg(id ORDER BY id) AS id, array_agg(store_id"
                + " ORDER BY id) AS store_id, array_agg(product_id ORDER BY id) AS product_id, array_agg(amount ORDER"
                + " BY id) AS amount, array_agg(qty ORDER BY id) AS qty, array_agg(sold_at ORDER BY id) AS sold_at"
                + " FROM (" + MvBench.values(products, a, b) + ") AS r");
        return sideBySide(ROWS + "-row call of the generated bulk insert function",
                t -> BenchDb.time(c, "SELECT bench." + action(t) + "(p_id => a.id, p_store_id => a.store_id,"
                        + " p_product_id => a.product_id, p_amount => a.amount, p_qty => a.qty, p_sold_at =>"
                        + " a.sold_at) FROM pg_temp.cap_args AS a"));
    }

    private Capture load() throws SQLException {
        long n = Math.min(LOAD_ROWS, side);
        Path csv = dir.resolve("cap_load.csv");
        try (Connection src = db.connect(); BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("id,store_id,product_id,amount,qty,sold_at\n");
            try (var st = src.createStatement(); var rs = st.executeQuery("SELECT id, store_id, product_id, amount,"
                    + " qty, to_char(sold_at, 'YYYY-MM-DD HH24:MI:SS') FROM (" + MvBench.values(products, side + 1, side + n)
                    + ") AS r ORDER BY id")) {
                while (rs.next()) {
                    w.write(String.join(",", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerUsage usage = ServerUsage.of(c);
        Options specs = Options.of(dir, Path.of("specs"), Path.of("out"));
        return sideBySide("specgen load of " + String.format(Locale.ROOT, "%,d", n) + " CSV rows (batches of "
                + String.format(Locale.ROOT, "%,d", ROWS) + ")", t -> {
                    ServerUsage.Reading r0 = usage.read(c);
                    long t0 = System.nanoTime();
                    LoadResult r = Loader.run(LoadOptions.of(specs, action(t), csv).withInitial(false)
                            .withForget(true).withBatchSize(ROWS).withStateSchema("specgen_bench_load"), db::connect,
                            LoadListener.NONE);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (r.rejected() > 0 || !r.complete()) {
                        throw new IllegalStateException("bench load into " + t + " rejected " + r.rejected()
                                + " rows");
                    }
                    ServerUsage.Reading d = usage.read(c).minus(r0);
                    return new Timed(ms, d.cpuSeconds() * 1000, d.walBytes());
                });
    }

    @FunctionalInterface
    private interface Write {
        Timed into(String table) throws SQLException;
    }

    private Capture sideBySide(String what, Write write) throws SQLException {
        List<Timed> with = new ArrayList<>();
        List<Timed> without = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            // alternate the order, so neither table always goes first
            for (String t : r % 2 == 0 ? List.of("cap_sale", "cap_sale_plain") : List.of("cap_sale_plain",
                    "cap_sale")) {
                BenchDb.exec(c, "CHECKPOINT");
                Timed x = write.into(t);
                (t.equals("cap_sale") ? with : without).add(x);
            }
            for (String t : List.of("cap_sale", "cap_sale_plain")) {
                BenchDb.exec(c, "DELETE FROM bench." + t + " WHERE id > " + side);
            }
            BenchDb.exec(c, "SELECT bench.refresh_cap_agg()");
            BenchDb.exec(c, "VACUUM bench.cap_sale, bench.cap_sale_plain, bench.cap_agg_delta, bench.cap_agg_data");
        }
        return new Capture(what, java.util.Optional.of(MvBench.median(with)),
                java.util.Optional.of(MvBench.median(without)), "");
    }
}
