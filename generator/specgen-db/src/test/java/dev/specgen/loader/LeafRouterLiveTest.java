package dev.specgen.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.loader.BatchWriter.Batch;
import dev.specgen.loader.BatchWriter.Outcome;
import dev.specgen.loader.RecordReader.Record;
import dev.specgen.model.Action;
import dev.specgen.model.Entity;
import dev.specgen.model.SpecModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain insert into a partitioned table that views capture goes to the leaf partitions, one COPY per leaf (COPY
 * into the parent would insert row by row): each row reaches the immediate view and the incremental view's delta
 * exactly once, through the leaves' own statement triggers. A batch with a row no leaf takes, or a table whose parent
 * has a statement trigger the leaves lack, goes to the parent as before.
 */
class LeafRouterLiveTest {
    @TempDir
    static Path dir;
    static ScratchSpecs fx;
    static SpecModel model;

    @BeforeAll
    static void start() throws Exception {
        fx = ScratchSpecs.apply(dir, "lc.yaml", LoadCaptureLiveTest.SPEC);
        model = Loader.model(LoadOptions.of(fx.specs(), "load_sales", dir.resolve("x.csv")));
        try (var c = fx.connect()) {
            LoadState state = new LoadState("lr_state");
            state.create(c);
            state.begin(c, "L", "lc.sale", "x.csv", "sha", 100, true);
        }
        fx.exec("INSERT INTO lc.sale SELECT 100000 + i, timestamp '2024-01-01' + (i % 90) * interval '1 day', 1 + i % 5,"
                + " 'r' || (i % 7) FROM generate_series(1, 200000) AS s(i)");
        fx.exec("SELECT lc.refresh_by_region()");
    }

    @AfterAll
    static void drop() {
        if (fx != null) {
            fx.drop();
        }
    }

    private static BatchWriter writer() throws SQLException {
        Action.Bulk a = LoadTarget.action(model, "load_sales");
        Entity e = LoadTarget.entityOf(model, a);
        LoadTarget t = LoadTarget.of(e, a, List.of("id", "sold_at", "quantity", "region"));
        return new BatchWriter(fx.connect(), t, InputFormat.CSV, new LoadState("lr_state"), "L",
                t.statements("", Optional.empty()), t.directTable(), null);
    }

    /** Rows {@code from .. to}, in February when {@code oneMonth}, else over the three monthly partitions. */
    private static Batch batch(int index, boolean oneMonth, int from, int to, String... extra) {
        List<Record> r = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            String row = String.format(Locale.ROOT, "%d,2024-0%d-%02d 10:00:00,%d,r%d", i, oneMonth ? 2 : 1 + i % 3,
                    1 + i % 28, 1 + i % 9, i % 7);
            r.add(new Record(r.size() + 2, row.getBytes(StandardCharsets.UTF_8)));
        }
        for (String row : extra) {
            r.add(new Record(r.size() + 2, row.getBytes(StandardCharsets.UTF_8)));
        }
        return new Batch(index, r);
    }

    /** Rows in the view and not in its definition, both ways (0: the same rows). */
    static long differing(String view) {
        String truth = LoadCaptureLiveTest.TRUTH;
        return fx.queryLong("SELECT count(*) FROM ((SELECT * FROM " + view + " EXCEPT ALL " + truth + ") UNION ALL ("
                + truth + " EXCEPT ALL SELECT * FROM " + view + ")) AS d");
    }

    @Test
    void batchesGoToTheLeavesAndEachRowReachesTheViewsOnce() throws Exception {
        try (BatchWriter w = writer()) {
            Outcome o = w.write(batch(1, true, 1, 900));
            assertEquals(List.of(900L, true, 1), List.of(o.written(), o.direct(), w.routedBatches()),
                    "a COPY into the leaf");
            // 2,600 rows per leaf on average: one COPY per leaf
            o = w.write(batch(6, false, 10001, 10000 + 3 * LeafRouter.MIN_ROWS_PER_LEAF));
            assertEquals(List.of(3L * LeafRouter.MIN_ROWS_PER_LEAF, true, 2), List.of(o.written(), o.direct(),
                    w.routedBatches()), "one COPY per leaf");
            // spread thinner over the three leaves: one COPY into the parent
            o = w.write(batch(7, false, 20001, 20000 + 3 * LeafRouter.MIN_ROWS_PER_LEAF - 3));
            assertEquals(List.of(3L * LeafRouter.MIN_ROWS_PER_LEAF - 3, true, 2), List.of(o.written(), o.direct(),
                    w.routedBatches()), "into the parent");
            // a key spelled otherwise than the client reads exactly ("10:00"): the batch goes to the parent
            o = w.write(batch(2, true, 901, 903, "904,2024-02-03 10:00,3,r3"));
            assertEquals(List.of(4L, true, 2), List.of(o.written(), o.direct(), w.routedBatches()));
            // a quoted field with a comma in it is split as COPY reads CSV: still routed
            o = w.write(batch(5, true, 905, 906, "907,2024-02-03 10:00:00,3,\"r,3\""));
            assertEquals(List.of(3L, true, 3), List.of(o.written(), o.direct(), w.routedBatches()));
        }
        assertEquals(0, differing("lc.by_region_now"), "the immediate view, without a refresh");
        fx.exec("SELECT lc.refresh_by_region()");
        assertEquals(0, differing("lc.by_region"), "the incremental view after its refresh");
        assertEquals("incremental", fx.query("SELECT strategy FROM lc.specgen_refresh_log WHERE view_name ="
                + " 'by_region' ORDER BY id DESC LIMIT 1"), "applied from the captured changes");
    }

    @Test
    void aRowNoLeafTakesSendsTheBatchToTheStagingPath() throws Exception {
        try (BatchWriter w = writer()) {
            Outcome o = w.write(batch(3, true, 2001, 2010, "2011,2025-06-01 10:00:00,1,r1"));
            assertEquals(List.of(10L, false, 0, 1), List.of(o.written(), o.direct(), w.routedBatches(),
                    o.rejects().size()));
        }
        fx.exec("SELECT lc.refresh_by_region()");
        assertEquals(0, differing("lc.by_region"));
        assertEquals(0, differing("lc.by_region_now"));
    }

    /**
     * With the capture triggers disabled on the parent and every leaf (as {@code bench bulk} has them), COPY into the
     * parent still goes row by row (PostgreSQL reads the trigger's definition, not its state), so a batch is still
     * routed, and spread thinner: no trigger runs per leaf.
     */
    @Test
    void disabledCaptureTriggersStillRouteAndThinnerBatches() throws Exception {
        String each = "DO $d$ DECLARE r regclass; BEGIN FOR r IN SELECT relid FROM pg_partition_tree('lc.sale') LOOP"
                + " EXECUTE format('ALTER TABLE %s %s TRIGGER USER', r, '";
        fx.exec(each + "DISABLE'); END LOOP; END $d$");
        try (BatchWriter w = writer()) {
            int rows = 3 * LeafRouter.MIN_ROWS_PER_LEAF_UNTRIGGERED;
            Outcome o = w.write(batch(8, false, 40001, 40000 + rows));
            assertEquals(List.of((long) rows, true, 1), List.of(o.written(), o.direct(), w.routedBatches()),
                    "one COPY per leaf, " + LeafRouter.MIN_ROWS_PER_LEAF_UNTRIGGERED + " rows each");
            o = w.write(batch(9, false, 50001, 50000 + rows - 3));
            assertEquals(List.of(rows - 3L, true, 1), List.of(o.written(), o.direct(), w.routedBatches()),
                    "thinner: into the parent");
            assertEquals(2L * rows - 3, fx.queryLong("SELECT count(*) FROM lc.sale WHERE id > 40000 AND id <= 60000"));
        } finally {
            // uncaptured both ways, so the views stay true
            fx.exec("DELETE FROM lc.sale WHERE id > 40000 AND id <= 60000");
            fx.exec(each + "ENABLE'); END LOOP; END $d$");
        }
        assertEquals(0, differing("lc.by_region_now"));
    }

    @Test
    void aStatementTriggerOnTheParentAloneKeepsBatchesOnTheParent() throws Exception {
        fx.exec("CREATE TABLE lc.seen (n bigint)");
        fx.exec("CREATE FUNCTION lc.seen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO lc.seen SELECT count(*) FROM specgen_seen; RETURN NULL; END $$");
        fx.exec("CREATE TRIGGER seen AFTER INSERT ON lc.sale REFERENCING NEW TABLE AS specgen_seen"
                + " FOR EACH STATEMENT EXECUTE FUNCTION lc.seen()");
        try (BatchWriter w = writer()) {
            Outcome o = w.write(batch(4, true, 3001, 3300));
            assertEquals(List.of(300L, true, 0), List.of(o.written(), o.direct(), w.routedBatches()),
                    "COPY into the parent, whose own trigger must fire");
        } finally {
            fx.exec("DROP TRIGGER seen ON lc.sale");
        }
        assertEquals("300", fx.query("SELECT string_agg(n::text, ',') FROM lc.seen"));
        assertEquals(0, differing("lc.by_region_now"));
    }

    /**
     * A routed batch the reader encoded: each leaf gets its records' tuples cut out of that encoding, nothing encoded
     * again (the payload differs from the records in three values, one per leaf, so the table shows what was sent).
     */
    @Test
    void aRoutedBatchSendsEachLeafItsSliceOfTheReadersEncoding() throws Exception {
        int rows = 3 * LeafRouter.MIN_ROWS_PER_LEAF;
        Batch b = batch(11, false, 60001, 60000 + rows);
        List<Record> payload = new ArrayList<>();
        for (Record r : b.records()) {
            String[] f = new String(r.bytes(), StandardCharsets.UTF_8).split(",");
            if (Integer.parseInt(f[0]) <= 60003) {
                f[2] = "77";
            }
            payload.add(new Record(r.line(), String.join(",", f).getBytes(StandardCharsets.UTF_8)));
        }
        Action.Bulk a = LoadTarget.action(model, "load_sales");
        LoadTarget t = LoadTarget.of(LoadTarget.entityOf(model, a), a, List.of("id", "sold_at", "quantity", "region"));
        BinaryCopy enc = BinaryCopy.of(t.columns, InputFormat.CSV).orElseThrow();
        try (BatchWriter w = writer()) {
            Outcome o = w.write(new Batch(b.index(), b.records(), Optional.of(new BatchWriter.Encoded(false,
                    enc.tuples(payload, false)))));
            assertEquals(List.of((long) rows, true, 1, 1), List.of(o.written(), o.direct(), w.routedBatches(),
                    w.slicedBatches()), "one COPY per leaf, each a slice of the reader's encoding");
        }
        assertEquals("77,77,77,2|" + rows, fx.query("SELECT (SELECT string_agg(quantity::text, ',' ORDER BY id) FROM"
                + " lc.sale WHERE id BETWEEN 60001 AND 60004) || '|' || (SELECT count(*) FROM lc.sale WHERE id > 60000"
                + " AND id <= 70000)"));
        assertEquals(0, differing("lc.by_region_now"));
    }

    /** Connections to the scratch database that count the statements prepared to find a table's leaf router. */
    private static ConnectionSource counting(java.util.concurrent.atomic.AtomicInteger routers) {
        return () -> {
            java.sql.Connection c = fx.connect();
            return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(
                    LeafRouterLiveTest.class.getClassLoader(), new Class<?>[] {java.sql.Connection.class},
                    (p, m, a) -> {
                        if (m.getName().equals("prepareStatement") && a[0] instanceof String sql
                                && sql.contains("pg_partition_tree(c.oid)")) {
                            routers.incrementAndGet();
                        }
                        try {
                            return m.invoke(c, a);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
    }

    /**
     * The reader's routing of an encoded batch ({@link LeafRouter#slices}) is the session's ({@link LeafRouter#route})
     * byte for byte: the same leaves in the same order, each its records in input order, none lost or doubled; and
     * empty where that is (thin, a row no leaf takes, a NULL key with no DEFAULT leaf).
     */
    @Test
    void theReadersSlicesAreTheRoutedRecordsEncoded() throws Exception {
        Action.Bulk a = LoadTarget.action(model, "load_sales");
        LoadTarget t = LoadTarget.of(LoadTarget.entityOf(model, a), a, List.of("id", "sold_at", "quantity", "region"));
        BinaryCopy enc = BinaryCopy.of(t.columns, InputFormat.CSV).orElseThrow();
        BinaryCopy.Tries tries = new BinaryCopy.Tries(Optional.of(enc));
        LeafRouter router;
        try (var c = fx.connect()) {
            router = LeafRouter.of(c, t, InputFormat.CSV).orElseThrow();
        }
        int rows = 3 * LeafRouter.MIN_ROWS_PER_LEAF;
        for (Batch b : List.of(batch(1, false, 1, rows), batch(2, true, 1, 10), batch(3, false, 1, rows - 3),
                batch(4, false, 1, rows, "9,2025-06-01 10:00:00,1,r1"), batch(5, false, 1, rows, "9,,1,r1"))) {
            BatchWriter.Encoded e = Loader.encode(b.records(), tries, false, Optional.of(router));
            var route = router.route(b.records());
            var slices = e.routed().orElseThrow().leaves();
            assertEquals(route.map(m -> List.copyOf(m.keySet())), slices.map(m -> List.copyOf(m.keySet())),
                    "batch " + b.index());
            if (route.isPresent()) {
                for (var leaf : route.get().entrySet()) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(enc.encode(leaf.getValue(), false)
                            .orElseThrow(), slices.get().get(leaf.getKey()), leaf.getKey());
                }
            }
        }
        assertEquals(Optional.empty(), Loader.encode(batch(6, false, 1, 10).records(), tries, false, Optional.empty())
                .routed(), "no router, no routing");
    }

    /**
     * A load of a file whose batches the reader routes: every row once, each leaf's rows in input order (heap order),
     * every batch recorded once, and the views true.
     */
    @Test
    void aLoadRoutedByTheReaderWritesEveryRowOnceInOrder() throws Exception {
        int rows = 3 * LeafRouter.MIN_ROWS_PER_LEAF;
        for (int jobs : List.of(1, 2)) {
            long base = 300000 + 100000 * jobs;
            StringBuilder csv = new StringBuilder("id,sold_at,quantity,region\n");
            for (int i = 1; i <= 3 * rows; i++) {
                csv.append(String.format(Locale.ROOT, "%d,2024-0%d-%02d 10:00:00,%d,r%d%n", base + i, 1 + i % 3,
                        1 + i % 28, 1 + i % 9, i % 7));
            }
            Path file = dir.resolve("routed-" + jobs + ".csv");
            java.nio.file.Files.writeString(file, csv);
            java.util.concurrent.atomic.AtomicInteger routers = new java.util.concurrent.atomic.AtomicInteger();
            LoadResult r = Loader.run(LoadOptions.of(fx.specs(), "load_sales", file).withBatchSize(rows)
                    .withInitial(false).withJobs(jobs).withStateSchema("lr_load"), counting(routers),
                    LoadListener.NONE);
            assertEquals(List.of(3L * rows, 3L * rows, 0L, 3L, 3L), List.of(r.rows(), r.written(), r.rejected(),
                    r.batches(), r.direct()), "jobs " + jobs);
            assertEquals(1, routers.get(), "the catalog read for the router once per load, not per session");
            // each batch's rows went in with its own record in the load state (the same transaction), all of them
            StringBuilder want = new StringBuilder();
            for (int k = 0; k < 3; k++) {
                want.append(k).append(':').append(2 + k * rows).append(':').append(base + k * rows + 1).append('-')
                        .append(base + (k + 1) * rows).append(':').append(rows).append(':').append(rows).append(' ');
            }
            assertEquals(want.toString().strip(), fx.query("SELECT string_agg(format('%s:%s:%s-%s:%s:%s', b.batch,"
                    + " b.first_line, s.lo, s.hi, s.n, s.ids), ' ' ORDER BY b.batch) FROM lr_load.batch AS b JOIN"
                    + " lr_load.run AS u USING (load_id) JOIN LATERAL (SELECT min(id) AS lo, max(id) AS hi, count(*) AS n,"
                    + " count(DISTINCT id) AS ids FROM lc.sale WHERE xmin = b.xmin AND id > " + base + ") AS s ON true"
                    + " WHERE u.file = 'routed-" + jobs + ".csv'"), "jobs " + jobs);
            assertEquals(3L * rows, fx.queryLong("SELECT count(*) FROM lc.sale WHERE id > " + base + " AND id <= "
                    + (base + 3 * rows)));
        }
        assertEquals(6L, fx.queryLong("SELECT count(*) FROM lr_load.batch"));
        fx.exec("SELECT lc.refresh_by_region()");
        assertEquals(0, differing("lc.by_region"));
        assertEquals(0, differing("lc.by_region_now"));
    }
}
