package dev.specgen.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.db.Database;
import dev.specgen.db.SharedEmbedded;
import dev.specgen.diag.Diagnostic;
import dev.specgen.render.RenderedStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the generated install script and refresh functions do on a live PostgreSQL beyond one run of the generated
 * tests: a changed definition recreates a view and the views on it (and refuses to drop an object of the user's);
 * attached and detached partitions make the next refresh a full one that moves the capture triggers; a second refresh
 * waits or skips as configured; a write to a joined table outside READ COMMITTED marks a full refresh.
 */
class ViewMaintenanceLiveTest {
    static final String ORDERS = """
            entity: Sale
            schema: lv
            fields:
              id: {type: bigint, nullable: false}
              shop: {type: integer, nullable: false}
              amount: {type: "numeric(10,2)", nullable: false}
              at: {type: date, nullable: false}
            primary_key: [id, at]
            indexes: [{name: sale_shop, columns: [shop, at]}]
            partitioning: {strategy: range, column: at, interval: monthly, from: 2024-01-01, to: 2024-03-01}
            """;
    static final String VIEW_V1 = """
            ---
            materialized_view: per_shop
            schema: lv
            source: Sale
            group_by: [shop]
            measures: {n: count, total: sum(amount)}
            refresh: incremental
            ---
            materialized_view: big_shops
            schema: lv
            query: "SELECT shop, total FROM lv.per_shop WHERE total > 10"
            """;

    @TempDir
    Path dir;
    Database db;
    String scratch;
    Connection c;

    @BeforeEach
    void scratch() throws SQLException {
        db = SharedEmbedded.get();
        scratch = db.createScratchDatabase();
        c = db.connect(scratch);
    }

    @AfterEach
    void drop() throws SQLException {
        c.close();
        db.dropDatabase(scratch);
    }

    /** Renders {@code yaml} as specs/s.yaml and runs every statement in install order, in autocommit. */
    private void install(String yaml) {
        try {
            Files.createDirectories(dir.resolve("specs"));
            Files.writeString(dir.resolve("specs/s.yaml"), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result r = Specgen.render(Options.of(dir, Path.of("specs"), Path.of("out")));
        assertFalse(r.hasErrors(), () -> r.diagnostics().stream().map(Diagnostic::format).toList().toString());
        for (RenderedStatement s : r.rendered().orElseThrow().statements()) {
            exec(s.sql());
        }
    }

    private void exec(String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private String one(String sql) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private List<String> rows(String sql) {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    private String lastLog(String view) {
        return one("SELECT strategy || ': ' || reason FROM lv.specgen_refresh_log WHERE view_name = '" + view
                + "' ORDER BY id DESC LIMIT 1");
    }

    private void sameAsQuery() {
        assertEquals(rows("SELECT shop, count(*), sum(amount) FROM lv.sale GROUP BY shop ORDER BY shop"),
                rows("SELECT shop, n, total FROM lv.per_shop ORDER BY shop"));
    }

    @Test
    void aChangedDefinitionRecreatesTheViewAndTheViewsOnIt() {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i % 3, i, date '2024-01-01' + (i % 50) FROM generate_series(1, 60) i");
        exec("SELECT * FROM lv.refresh_all()");
        assertEquals(List.of("0|20|630.00", "1|20|590.00", "2|20|610.00"), rows("SELECT shop, n, total FROM"
                + " lv.per_shop ORDER BY shop"));
        String store = one("SELECT 'lv.per_shop_data'::regclass::oid");
        String dependent = one("SELECT 'lv.big_shops'::regclass::oid");
        install(ORDERS + VIEW_V1);
        assertEquals(store, one("SELECT 'lv.per_shop_data'::regclass::oid"), "same definition: nothing recreated");
        assertEquals(dependent, one("SELECT 'lv.big_shops'::regclass::oid"));

        // a new measure: the view, its table and the view on it are dropped and created again, and refilled
        install(ORDERS + VIEW_V1.replace("measures: {n: count, total: sum(amount)}",
                "measures: {n: count, total: sum(amount), top: max(amount)}"));
        assertFalse(store.equals(one("SELECT 'lv.per_shop_data'::regclass::oid")), "recreated");
        assertEquals(List.of("0|20|630.00|60.00", "1|20|590.00|58.00", "2|20|610.00|59.00"), rows("SELECT shop, n,"
                + " total, top FROM lv.per_shop ORDER BY shop"));
        assertEquals("full: first refresh: the view holds no rows yet", lastLog("per_shop"));
        assertFalse(dependent.equals(one("SELECT 'lv.big_shops'::regclass::oid")), "the view on it is created again");
        assertEquals(List.of("0|630.00", "1|590.00", "2|610.00"), rows("SELECT shop, total FROM lv.big_shops ORDER"
                + " BY shop"));

        // an object of the user's on the view: the install refuses to drop it rather than taking it along
        exec("CREATE VIEW lv.mine AS SELECT shop FROM lv.per_shop");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> install(ORDERS + VIEW_V1));
        assertTrue(e.getMessage().contains("depend"), e.getMessage());
        assertEquals("1", one("SELECT count(*) FROM pg_views WHERE schemaname = 'lv' AND viewname = 'mine'"));
    }

    @Test
    void attachedAndDetachedPartitionsMakeTheNextRefreshFullAndMoveTheCaptureTriggers() {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i % 3, 1, date '2024-01-01' + (i % 40) FROM generate_series(1, 30) i");
        exec("SELECT lv.refresh_per_shop()");
        sameAsQuery();

        // a partition attached after install, with rows of its own: the next refresh is a full one
        exec("CREATE TABLE lv.sale_march (LIKE lv.sale)");
        exec("INSERT INTO lv.sale_march SELECT 1000 + i, 7, 5, date '2024-03-01' + i FROM generate_series(1, 4) i");
        exec("ALTER TABLE lv.sale ATTACH PARTITION lv.sale_march FOR VALUES FROM ('2024-03-01') TO ('2024-04-01')");
        exec("SELECT lv.refresh_per_shop()");
        assertEquals("full: partitions of its tables were attached or detached since the last refresh",
                lastLog("per_shop"));
        sameAsQuery();
        assertEquals("4", one("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'lv.sale_march'::regclass"
                + " AND tgname LIKE 'specgen_per_shop_%'"), "it captures writes to the new partition too");
        exec("INSERT INTO lv.sale_march VALUES (2000, 7, 5, '2024-03-20')");
        exec("SELECT lv.refresh_per_shop()");
        assertTrue(lastLog("per_shop").startsWith("incremental: 1 pending change rows"), lastLog("per_shop"));
        sameAsQuery();

        // a detached partition: its rows leave the view, and writes to it are no longer captured
        exec("ALTER TABLE lv.sale DETACH PARTITION lv.sale_march");
        exec("SELECT lv.refresh_per_shop()");
        assertEquals("full: partitions of its tables were attached or detached since the last refresh",
                lastLog("per_shop"));
        sameAsQuery();
        assertEquals("0", one("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'lv.sale_march'::regclass"
                + " AND tgname LIKE 'specgen_per_shop_%'"));
        exec("INSERT INTO lv.sale_march VALUES (3000, 8, 5, '2024-03-21')");
        assertEquals("0", one("SELECT lv.refresh_per_shop()"), "nothing pending");
        sameAsQuery();
    }

    @Test
    void aSecondRefreshWaitsOrSkips() throws Exception {
        install(ORDERS + VIEW_V1.replace("refresh: incremental", "refresh: incremental\non_busy: skip"));
        exec("INSERT INTO lv.sale VALUES (1, 1, 1, '2024-01-02')");
        try (Connection other = db.connect(scratch)) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("SELECT lv.refresh_per_shop()"); // holds the refresh lock until commit
                assertNull(one("SELECT lv.refresh_per_shop()"), "skip: returns NULL at once");
                other.commit();
            }
        }
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale VALUES (2, 1, 1, '2024-01-02')");
        try (Connection other = db.connect(scratch)) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("SELECT lv.refresh_per_shop()");
                CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> one("SELECT"
                        + " lv.refresh_per_shop()"));
                Thread.sleep(300);
                assertFalse(waiting.isDone(), "wait: the second caller waits for the first");
                other.commit();
                assertEquals("0", waiting.get(10, TimeUnit.SECONDS), "then finds nothing pending");
            }
        }
    }

    /**
     * A full recompute aggregates in one statement and consumes the delta rows in the next: it must consume exactly
     * those of the transactions the first statement's snapshot saw. Writers keep committing while it runs; one full
     * refresh per round (a later full one would repair a mistake), then the rest applied incrementally: a change
     * consumed without being counted is missing, one counted and left in the delta is there twice.
     */
    @Test
    void aFullRecomputeConsumesExactlyTheChangesItsSnapshotSaw() throws Exception {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i % 50, 1 + i % 7, date '2024-01-01' + (i % 59) FROM"
                + " generate_series(1, 20000) i");
        exec("SELECT lv.refresh_per_shop()");
        AtomicLong nextId = new AtomicLong(100_000);
        AtomicInteger writes = new AtomicInteger();
        int during = 0;
        List<Connection> conns = new ArrayList<>();
        try {
            for (int w = 0; w < 3; w++) {
                conns.add(db.connect(scratch));
            }
            for (int round = 0; round < 8; round++) {
                AtomicBoolean stop = new AtomicBoolean();
                List<CompletableFuture<Void>> writers = new ArrayList<>();
                for (int w = 0; w < conns.size(); w++) {
                    Connection wc = conns.get(w);
                    Random rnd = new Random(round * 10L + w);
                    writers.add(CompletableFuture.runAsync(() -> write(wc, stop, rnd, nextId, writes)));
                }
                awaitWrites(writes, writes.get() + 30);
                int before = writes.get();
                exec("SELECT set_config('specgen.refresh_strategy', 'full', false)");
                exec("SELECT lv.refresh_per_shop()");
                during += writes.get() - before;
                assertEquals("full: asked for: specgen.refresh_strategy = full", lastLog("per_shop"));
                awaitWrites(writes, writes.get() + 30);
                stop.set(true);
                for (CompletableFuture<Void> f : writers) {
                    f.get(30, TimeUnit.SECONDS);
                }
                exec("SELECT set_config('specgen.refresh_strategy', 'incremental', false)");
                exec("SELECT lv.refresh_per_shop()");
                exec("SELECT set_config('specgen.refresh_strategy', '', false)");
                assertTrue(lastLog("per_shop").startsWith("incremental: asked for"), lastLog("per_shop"));
                sameAsQuery();
            }
        } finally {
            for (Connection wc : conns) {
                wc.close();
            }
        }
        assertTrue(during > 0, "writers committed while the full refreshes ran");
    }

    private static void awaitWrites(AtomicInteger writes, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (writes.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** Single-row inserts, moves to another shop and deletes, each its own transaction, until {@code stop}. */
    private static void write(Connection w, AtomicBoolean stop, Random rnd, AtomicLong nextId, AtomicInteger writes) {
        try (Statement st = w.createStatement()) {
            while (!stop.get()) {
                long id = 1 + rnd.nextInt(20000);
                switch (rnd.nextInt(3)) {
                    case 0 -> st.execute("INSERT INTO lv.sale VALUES (" + nextId.incrementAndGet() + ", "
                            + rnd.nextInt(50) + ", " + (1 + rnd.nextInt(9)) + ", date '2024-02-01' + "
                            + rnd.nextInt(28) + ")");
                    case 1 -> st.execute("UPDATE lv.sale SET shop = (shop + 1) % 50, amount = amount + 1 WHERE id = "
                            + id);
                    default -> st.execute("DELETE FROM lv.sale WHERE id = " + id);
                }
                writes.incrementAndGet();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * A delta of one row per group (rows of new shops, each in a statement of its own) is merged without summing; the
     * same shops written again make two rows per group and the summing merge. Both end equal to the query, and the
     * delta table keeps only the row that says no crash emptied it.
     */
    @Test
    void aDeltaOfOneRowPerGroupIsMergedAsItIs() {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i, 1 + i % 7, date '2024-01-01' + (i % 59) FROM generate_series(1, 400) i");
        exec("SELECT lv.refresh_per_shop()");
        exec("INSERT INTO lv.sale SELECT i, i - 1000, 2, date '2024-02-01' FROM generate_series(1001, 1020) i");
        exec("INSERT INTO lv.sale SELECT i, i - 1000, 3, date '2024-02-02' FROM generate_series(1021, 1040) i");
        exec("INSERT INTO lv.sale VALUES (2000, 500, 4, date '2024-02-03')");
        exec("DELETE FROM lv.sale WHERE id = 399");
        exec("SELECT lv.refresh_per_shop()");
        assertTrue(lastLog("per_shop").endsWith("; one delta row per group, merged without summing"),
                lastLog("per_shop"));
        sameAsQuery();
        assertEquals("1", one("SELECT count(*) FROM lv.per_shop_delta"));
        exec("INSERT INTO lv.sale SELECT i, i - 3000, 5, date '2024-02-04' FROM generate_series(3001, 3010) i");
        exec("INSERT INTO lv.sale SELECT i, i - 4000, 6, date '2024-02-05' FROM generate_series(4001, 4010) i");
        exec("SELECT lv.refresh_per_shop()");
        assertTrue(lastLog("per_shop").startsWith("incremental:"), lastLog("per_shop"));
        assertFalse(lastLog("per_shop").contains("merged without summing"), lastLog("per_shop"));
        sameAsQuery();
        assertEquals("1", one("SELECT count(*) FROM lv.per_shop_delta"));
    }

    /**
     * Pending changes that remove no value (inserts only, packed or summed) are merged without the min/max recompute
     * subqueries: the log says so, and min and max are the least/greatest of the kept and the added values. A deleted
     * row (packed) or an updated one (a summed delta row with removed values) takes the merge with recomputes, which
     * finds the new extremes in the group's remaining rows. Every step ends equal to the query.
     */
    @Test
    void pendingChangesThatRemoveNoValueAreMergedWithoutMinMaxRecomputes() {
        install(ORDERS + """
                ---
                materialized_view: shop_range
                schema: lv
                source: Sale
                group_by: [shop]
                measures: {n: count, lo: min(amount), hi: max(amount)}
                refresh: incremental
                """);
        exec("INSERT INTO lv.sale SELECT i, i % 40, 10 + i % 13, date '2024-01-01' + (i % 59) FROM generate_series(1, 400) i");
        // in full, so that the refresh state counts the 40 groups (the one-row-per-group check compares with them)
        exec("SET specgen.refresh_strategy = full");
        exec("SELECT lv.refresh_shop_range()");
        exec("RESET specgen.refresh_strategy");
        String added = "; no value removed, merged without min/max recomputes";
        // one row per shop, in one statement (packed): new extremes in some shops, new shops too
        exec("INSERT INTO lv.sale SELECT i, i - 976, 1 + (i % 3) * 20, date '2024-02-01' FROM generate_series(1001, 1030) i");
        exec("SELECT lv.refresh_shop_range()");
        assertTrue(lastLog("shop_range").contains(added), lastLog("shop_range"));
        assertTrue(lastLog("shop_range").endsWith("merged without summing"), lastLog("shop_range"));
        sameRangeAsQuery();
        // two statements into the same shops: summed, still nothing removed
        exec("INSERT INTO lv.sale SELECT i, i % 40, 50, date '2024-02-02' FROM generate_series(2001, 2040) i");
        exec("INSERT INTO lv.sale SELECT i, i % 40, 0.5, date '2024-02-03' FROM generate_series(3001, 3040) i");
        exec("SELECT lv.refresh_shop_range()");
        assertTrue(lastLog("shop_range").endsWith(added), lastLog("shop_range"));
        sameRangeAsQuery();
        // the rows holding the max of 20 shops deleted (a packed delete) with inserts pending beside them
        exec("INSERT INTO lv.sale SELECT i, i % 40, 30, date '2024-02-04' FROM generate_series(4001, 4020) i");
        exec("DELETE FROM lv.sale WHERE id BETWEEN 2001 AND 2020");
        assertEquals(List.of("20|20|20", "20|-20|20"), rows("SELECT specgen_rows, specgen_count,"
                + " cardinality(specgen_p1) FROM lv.shop_range_delta WHERE specgen_full IS NULL ORDER BY specgen_xid"));
        exec("SELECT lv.refresh_shop_range()");
        sameRangeAsQuery();
        assertTrue(lastLog("shop_range").startsWith("incremental:"), lastLog("shop_range"));
        assertFalse(lastLog("shop_range").contains(added), lastLog("shop_range"));
        // an update lowering the max of one shop (a delta row with removed values), then inserts only again
        exec("UPDATE lv.sale SET amount = 1 WHERE shop = 7");
        exec("SELECT lv.refresh_shop_range()");
        assertFalse(lastLog("shop_range").contains(added), lastLog("shop_range"));
        sameRangeAsQuery();
        exec("INSERT INTO lv.sale SELECT i, i % 40, 99, date '2024-02-05' FROM generate_series(5001, 5005) i");
        exec("SELECT lv.refresh_shop_range()");
        assertTrue(lastLog("shop_range").contains(added), lastLog("shop_range"));
        sameRangeAsQuery();
        assertEquals("1", one("SELECT count(*) FROM lv.shop_range_delta"));
    }

    private void sameRangeAsQuery() {
        assertEquals(rows("SELECT shop, count(*), min(amount), max(amount) FROM lv.sale GROUP BY shop ORDER BY shop"),
                rows("SELECT shop, n, lo, hi FROM lv.shop_range ORDER BY shop"));
    }

    /**
     * A statement whose rows do not share groups is captured as one packed delta row (arrays of the rows' values),
     * inserts and deletes alike, through the partitioned table and straight into a leaf; the refresh reads them back
     * row by row: both merges (one row per group, and summing) end equal to the query.
     */
    @Test
    void aStatementsRowsInAsManyGroupsArePackedIntoOneDeltaRow() {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i, 1 + i % 7, date '2024-01-01' + (i % 59) FROM generate_series(1, 400) i");
        exec("SELECT lv.refresh_per_shop()");
        exec("INSERT INTO lv.sale SELECT i, i - 1000, 2, date '2024-01-10' + (i % 40) FROM generate_series(1001, 1030) i");
        exec("DELETE FROM lv.sale WHERE id BETWEEN 101 AND 140");
        exec("INSERT INTO lv.sale_p2024_02 SELECT i, i - 1500, 3, date '2024-02-02' FROM generate_series(2001, 2020) i");
        assertEquals(List.of("30|30|30", "40|-40|40", "20|20|20"),
                rows("SELECT specgen_rows, specgen_count, cardinality(specgen_p1) FROM lv.per_shop_delta"
                        + " WHERE specgen_full IS NULL ORDER BY specgen_xid"));
        exec("SELECT lv.refresh_per_shop()");
        assertTrue(lastLog("per_shop").startsWith("incremental: 90 pending change rows"), lastLog("per_shop"));
        assertTrue(lastLog("per_shop").endsWith("; one delta row per group, merged without summing"),
                lastLog("per_shop"));
        sameAsQuery();
        exec("INSERT INTO lv.sale SELECT i, i - 3000, 5, date '2024-02-04' FROM generate_series(3001, 3020) i");
        exec("DELETE FROM lv.sale WHERE id BETWEEN 3001 AND 3018");
        exec("SELECT lv.refresh_per_shop()");
        assertFalse(lastLog("per_shop").contains("merged without summing"), lastLog("per_shop"));
        sameAsQuery();
        assertEquals("1", one("SELECT count(*) FROM lv.per_shop_delta"));
    }

    /**
     * The capture's one query (the refresh state's limit, the statement's row count, the sample of its first 100 rows)
     * chooses per statement: fewer than 16 rows packed; 1.6 rows or more per group of the view, or the view's group
     * count unknown (no state row), one delta row per group whatever the sample says; else per group when the sample's
     * rows share groups, packed when they do not. Inserts and deletes alike; the refresh then equals the query.
     */
    @Test
    void theCaptureChoosesPerGroupOrPackedFromTheCountTheStateAndTheSample() {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, 1 + i % 7, 1, date '2024-01-01' + (i % 59) FROM generate_series(1, 400) i");
        exec("SET specgen.refresh_strategy = full");
        exec("SELECT lv.refresh_per_shop()");
        exec("RESET specgen.refresh_strategy");
        assertEquals("7", one("SELECT groups FROM lv.specgen_refresh_state WHERE view_name = 'per_shop'"));
        // 10 rows: packed
        exec("INSERT INTO lv.sale SELECT i, i, 2, date '2024-01-10' FROM generate_series(1001, 1010) i");
        // 20 rows in 20 shops, 1.6 rows or more per group of the view's 7: per group although the sample is distinct
        exec("INSERT INTO lv.sale SELECT i, i, 3, date '2024-01-11' FROM generate_series(2001, 2020) i");
        exec("UPDATE lv.specgen_refresh_state SET groups = 1000 WHERE view_name = 'per_shop'");
        // under 1.6 rows per group: the sample decides, 30 shops packed and 3 shops per group
        exec("INSERT INTO lv.sale SELECT i, i, 4, date '2024-02-01' FROM generate_series(3001, 3030) i");
        exec("INSERT INTO lv.sale SELECT i, i % 3, 5, date '2024-02-02' FROM generate_series(4001, 4030) i");
        // a delete of 20 rows in 20 shops: packed; in 3 shops: per group
        exec("DELETE FROM lv.sale WHERE id BETWEEN 2001 AND 2020");
        exec("DELETE FROM lv.sale WHERE id BETWEEN 4001 AND 4020");
        // no state row: the group count is unknown, so per group
        exec("DELETE FROM lv.specgen_refresh_state WHERE view_name = 'per_shop'");
        exec("INSERT INTO lv.sale SELECT i, i, 6, date '2024-02-03' FROM generate_series(5001, 5020) i");
        assertEquals(List.of("1|10|f", "20|20|t", "1|30|f", "3|30|t", "1|-20|f", "3|-20|t",
                "20|20|t"), rows("SELECT count(*), sum(specgen_count), bool_and(specgen_p1 IS NULL)"
                        + " FROM lv.per_shop_delta WHERE specgen_full IS NULL GROUP BY specgen_xid ORDER BY specgen_xid"));
        exec("SELECT lv.refresh_per_shop()");
        sameAsQuery();
    }

    /**
     * The capture's sample of 100 rows sits in the CASE of its one query as an InitPlan: it runs only when the row
     * count and the view's group count leave the choice open (EXPLAIN ANALYZE of the function's own insert query,
     * a temporary table standing in for the transition table).
     */
    @Test
    void theCapturesSampleRunsOnlyWhenTheCountLeavesTheChoiceOpen() {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, 1 + i % 7, 1, date '2024-01-01' + (i % 59) FROM generate_series(1, 400) i");
        exec("SET specgen.refresh_strategy = full");
        exec("SELECT lv.refresh_per_shop()");
        exec("RESET specgen.refresh_strategy");
        String src = one("SELECT prosrc FROM pg_proc WHERE oid = 'lv.per_shop_capture_sale()'::regprocedure");
        String from = "IF TG_OP = 'INSERT' THEN\n";
        String probe = src.substring(src.indexOf(from) + from.length(), src.indexOf(";\n    ELSIF TG_OP = 'DELETE'"))
                .replace("\n          INTO specgen_limit, specgen_grouped", "");
        assertTrue(probe.contains("LIMIT 100"), probe);
        exec("CREATE TEMPORARY TABLE specgen_new AS SELECT * FROM lv.sale LIMIT 0");
        exec("INSERT INTO specgen_new SELECT i, i, 3, date '2024-01-11' FROM generate_series(2001, 2020) i");
        // 20 rows, 7 groups: decided by the count
        assertTrue(rows(probe).get(0).endsWith("|t"), rows(probe).toString());
        String decided = String.join("\n", rows("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + probe));
        assertTrue(decided.contains("(never executed)"), decided);
        exec("UPDATE lv.specgen_refresh_state SET groups = 1000 WHERE view_name = 'per_shop'");
        // 20 rows in 20 of 1000 groups: the sample decides, packed
        assertTrue(rows(probe).get(0).endsWith("|f"), rows(probe).toString());
        String sampled = String.join("\n", rows("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + probe));
        assertFalse(sampled.contains("(never executed)"), sampled);
    }

    /**
     * Packed delta rows are counted by their statements' row counts before anything is unnested: more than the budget
     * (10% of max(source rows, 1,000)) that way, a delete among them, and the refresh is full without the exact
     * count; fewer, and the exact count decides as before.
     */
    @Test
    void packedRowsPastTheBudgetMakeTheRefreshFullWithoutUnnestingThem() {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i, 1 + i % 7, date '2024-01-01' + (i % 59) FROM generate_series(1, 400) i");
        exec("SELECT lv.refresh_per_shop()");
        exec("INSERT INTO lv.sale SELECT i, i, 2, date '2024-01-10' + (i % 40) FROM generate_series(1001, 1060) i");
        exec("SELECT lv.refresh_per_shop()");
        assertTrue(lastLog("per_shop").startsWith("incremental: 60 pending change rows"), lastLog("per_shop"));
        sameAsQuery();
        exec("INSERT INTO lv.sale SELECT i, i, 3, date '2024-01-12' + (i % 40) FROM generate_series(2001, 2060) i");
        exec("INSERT INTO lv.sale SELECT i, i, 4, date '2024-02-12' + (i % 10) FROM generate_series(3001, 3060) i");
        exec("DELETE FROM lv.sale WHERE id BETWEEN 1 AND 20");
        assertEquals(List.of("60|60", "60|60", "20|-20"), rows("SELECT specgen_rows, specgen_count FROM"
                + " lv.per_shop_delta WHERE specgen_full IS NULL ORDER BY specgen_xid"));
        exec("SELECT lv.refresh_per_shop()");
        assertEquals("full: more than 100 pending change rows (counted by statement) cost more than 10% of the 1000"
                + " source rows", lastLog("per_shop"));
        sameAsQuery();
    }

    /**
     * Only inserts pending: past the threshold (10% of the source's rows) but within half of the source's rows as a
     * full recompute would read them (the rows counted at the last refresh and the rows added since), the refresh
     * stays incremental, counted by statement (nothing unnested to count). Past half, or with a delete among them, it
     * is full. Every step ends equal to the query.
     */
    @Test
    void insertsOnlyPastTheThresholdAreMergedIncrementallyUpToHalfTheSource() {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i % 1000, 1 + i % 7, date '2024-01-01' + (i % 59) FROM generate_series(1, 2000) i");
        exec("SELECT lv.refresh_per_shop()");
        // statements of rows in as many shops: one packed delta row each
        insertStatements(8, 100, 10001, "2, date '2024-01-10' + (i % 40)");
        refreshLogsAndEqualsTheQuery("incremental: 800 pending change rows, all of them added rows, within 50% of the"
                + " 2800 source rows; one delta row per group, merged without summing");
        // the same inserts beside a delete: no longer inserts only, and past the budget (309 of 2,800 + 300 - 10)
        insertStatements(2, 150, 20001, "3, date '2024-02-10' + (i % 10)");
        exec("DELETE FROM lv.sale WHERE id BETWEEN 1 AND 10");
        refreshLogsAndEqualsTheQuery("full: more than 309 pending change rows (counted by statement) cost more than 10%"
                + " of the 3090 source rows");
        // more inserted rows than half of the source with them: full
        insertStatements(4, 1000, 30001, "4, date '2024-02-12' + (i % 10)");
        refreshLogsAndEqualsTheQuery("full: more than 709 pending change rows (counted by statement) cost more than 10%"
                + " of the 7090 source rows");
        assertEquals("1", one("SELECT count(*) FROM lv.per_shop_delta"));
    }

    /** Runs {@code refresh_per_shop()}, checks the log's last line for it and the view against the query. */
    private void refreshLogsAndEqualsTheQuery(String log) {
        exec("SELECT lv.refresh_per_shop()");
        assertEquals(log, lastLog("per_shop"));
        sameAsQuery();
    }

    /** {@code statements} INSERTs of {@code size} rows each from id {@code first}, shop {@code id % 1000}. */
    private void insertStatements(int statements, int size, long first, String amountAndDay) {
        for (int s = 0; s < statements; s++) {
            long a = first + (long) s * size;
            exec("INSERT INTO lv.sale SELECT i, i % 1000, " + amountAndDay + " FROM generate_series(" + a + ", "
                    + (a + size - 1) + ") i");
        }
    }

    /**
     * The merge of one delta row per group applies exactly the rows its snapshot saw while writers keep committing
     * (new shops, moves of rows between shops, deletes): after every round the view equals the query.
     */
    @Test
    void theMergeOfOneRowPerGroupConsumesExactlyTheChangesItsSnapshotSaw() throws Exception {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i, 1 + i % 7, date '2024-01-01' + (i % 59) FROM"
                + " generate_series(1, 5000) i");
        exec("SELECT lv.refresh_per_shop()");
        AtomicLong nextId = new AtomicLong(100_000);
        AtomicInteger writes = new AtomicInteger();
        int perGroup = 0;
        List<Connection> conns = new ArrayList<>();
        try {
            for (int w = 0; w < 3; w++) {
                conns.add(db.connect(scratch));
            }
            for (int round = 0; round < 4; round++) {
                AtomicBoolean stop = new AtomicBoolean();
                List<CompletableFuture<Void>> writers = new ArrayList<>();
                for (int w = 0; w < conns.size(); w++) {
                    Connection wc = conns.get(w);
                    Random rnd = new Random(round * 10L + w);
                    writers.add(CompletableFuture.runAsync(() -> writeNewShops(wc, stop, rnd, nextId, writes)));
                }
                for (int r = 0; r < 4; r++) {
                    awaitWrites(writes, writes.get() + 20);
                    exec("SELECT lv.refresh_per_shop()");
                    perGroup += lastLog("per_shop").contains("merged without summing") ? 1 : 0;
                }
                stop.set(true);
                for (CompletableFuture<Void> f : writers) {
                    f.get(30, TimeUnit.SECONDS);
                }
                exec("SELECT lv.refresh_per_shop()");
                assertEquals(rows("SELECT shop, count(*), sum(amount) FROM lv.sale GROUP BY shop ORDER BY shop"),
                        rows("SELECT shop, n, total FROM lv.per_shop ORDER BY shop"), "round " + round);
            }
        } finally {
            for (Connection wc : conns) {
                wc.close();
            }
        }
        assertTrue(perGroup > 0, "some refreshes ran while writers wrote merged one row per group");
    }

    /** Single-row inserts into new shops, moves of a row to a new shop and deletes, until {@code stop}. */
    private static void writeNewShops(Connection w, AtomicBoolean stop, Random rnd, AtomicLong nextId,
            AtomicInteger writes) {
        try (Statement st = w.createStatement()) {
            while (!stop.get()) {
                long id = 1 + rnd.nextInt(5000);
                long fresh = nextId.incrementAndGet();
                switch (rnd.nextInt(3)) {
                    case 0 -> st.execute("INSERT INTO lv.sale VALUES (" + fresh + ", " + fresh + ", "
                            + (1 + rnd.nextInt(9)) + ", date '2024-02-01' + " + rnd.nextInt(28) + ")");
                    case 1 -> st.execute("UPDATE lv.sale SET shop = " + fresh + " WHERE id = " + id);
                    default -> st.execute("DELETE FROM lv.sale WHERE id = " + id);
                }
                writes.incrementAndGet();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * A full recompute empties the delta table with TRUNCATE (a new relfilenode) when no writer is capturing; with a
     * writer's capture open it deletes the rows its snapshot saw instead, and the writer's change, committed after,
     * is applied by the next refresh.
     */
    /**
     * A reason capture leaves in the delta table (here: the source was truncated) makes the next refresh a full one and
     * is logged, whatever change rows were captured before and after it (the refresh finds it with two probes of the
     * partial index on specgen_full); the refresh after that is incremental again.
     */
    @Test
    void aTruncatedSourceMakesTheNextRefreshFullWhateverElseIsPending() {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i % 50, 1 + i % 7, date '2024-01-01' + (i % 59) FROM"
                + " generate_series(1, 2000) i");
        exec("SELECT lv.refresh_per_shop()");
        exec("INSERT INTO lv.sale SELECT i, i % 50, 2, date '2024-01-05' FROM generate_series(3001, 3100) i");
        exec("TRUNCATE lv.sale");
        exec("INSERT INTO lv.sale SELECT i, i % 50, 3, date '2024-02-05' FROM generate_series(4001, 4100) i");
        exec("SELECT lv.refresh_per_shop()");
        assertTrue(lastLog("per_shop").matches("full: lv\\.sale\\S* was truncated"), lastLog("per_shop"));
        sameAsQuery();
        exec("INSERT INTO lv.sale SELECT i, i % 50, 4, date '2024-02-06' FROM generate_series(5001, 5010) i");
        exec("SELECT lv.refresh_per_shop()");
        assertTrue(lastLog("per_shop").startsWith("incremental: 10 pending change rows"), lastLog("per_shop"));
        sameAsQuery();
    }

    /**
     * A full recompute updates and inserts the recomputed groups in one MERGE, and deletes the groups whose rows are
     * all gone in a statement of its own, run only when the view's table then holds more groups than the recompute.
     */
    @Test
    void aFullRecomputeDeletesTheGroupsWhoseRowsAreAllGone() {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i % 5, 1 + i % 7, date '2024-01-01' + (i % 59) FROM"
                + " generate_series(1, 100) i");
        exec("SELECT lv.refresh_per_shop()");
        exec("DELETE FROM lv.sale WHERE shop IN (1, 3)");
        exec("UPDATE lv.sale SET amount = amount + 1 WHERE shop = 2");
        exec("INSERT INTO lv.sale SELECT i, 7, 5, date '2024-01-09' FROM generate_series(201, 210) i");
        exec("SELECT set_config('specgen.refresh_strategy', 'full', false)");
        // shop 2 updated, shop 7 inserted, shops 1 and 3 deleted; shops 0 and 4 unchanged
        assertEquals("4", one("SELECT lv.refresh_per_shop()"));
        assertTrue(lastLog("per_shop").startsWith("full: asked for"), lastLog("per_shop"));
        sameAsQuery();
        // nothing gone: the same recompute changes nothing
        assertEquals("0", one("SELECT lv.refresh_per_shop()"));
        exec("SELECT set_config('specgen.refresh_strategy', '', false)");
        sameAsQuery();
    }

    @Test
    void aFullRecomputeTruncatesTheDeltaOnlyWhenNoWriterIsCapturing() throws Exception {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i % 50, 1 + i % 7, date '2024-01-01' + (i % 59) FROM"
                + " generate_series(1, 2000) i");
        exec("SELECT lv.refresh_per_shop()");
        exec("INSERT INTO lv.sale SELECT i, i % 50, 2, date '2024-02-01' FROM generate_series(5001, 5100) i");
        String before = one("SELECT pg_relation_filenode('lv.per_shop_delta')");
        exec("SELECT set_config('specgen.refresh_strategy', 'full', false)");
        exec("SELECT lv.refresh_per_shop()");
        assertEquals("full: asked for: specgen.refresh_strategy = full", lastLog("per_shop"));
        String truncated = one("SELECT pg_relation_filenode('lv.per_shop_delta')");
        assertFalse(before.equals(truncated), "the delta table was truncated");
        assertEquals("1", one("SELECT count(*) FROM lv.per_shop_delta"));
        sameAsQuery();
        try (Connection w = db.connect(scratch); Statement st = w.createStatement()) {
            w.setAutoCommit(false);
            st.execute("INSERT INTO lv.sale VALUES (9001, 7, 5, date '2024-02-10')");
            exec("INSERT INTO lv.sale VALUES (9002, 8, 6, date '2024-02-11')");
            exec("SELECT lv.refresh_per_shop()");
            assertEquals(truncated, one("SELECT pg_relation_filenode('lv.per_shop_delta')"));
            sameAsQuery();
            w.commit();
        }
        exec("SELECT set_config('specgen.refresh_strategy', '', false)");
        exec("SELECT lv.refresh_per_shop()");
        assertTrue(lastLog("per_shop").startsWith("incremental:"), lastLog("per_shop"));
        sameAsQuery();
    }

    /**
     * The full recompute is a temporary table without statistics, which the planner took for a few dozen rows: the
     * MERGE of 2,000 recomputed groups probed the view's unique index 2,000 times. It runs with nested loops off (a
     * hash join of the two tables, its plan shown by auto_explain as notices) and puts the caller's setting back: on
     * stays on, off stays off, within the caller's transaction.
     */
    @Test
    void theFullRecomputeIsMergedWithAHashJoinAndLeavesTheCallersNestloopSettingAsItWas() throws SQLException {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i % 2000, 1 + i % 7, date '2024-01-01' + (i % 59) FROM"
                + " generate_series(1, 4000) i");
        exec("SELECT lv.refresh_per_shop()");
        exec("ANALYZE lv.per_shop_data");
        for (String setting : List.of("on", "off")) {
            c.setAutoCommit(false);
            exec("SET enable_nestloop = " + setting);
            exec("SET LOCAL specgen.refresh_strategy = full");
            exec("UPDATE lv.sale SET amount = amount + 1");
            exec("LOAD 'auto_explain'");
            exec("SET LOCAL auto_explain.log_min_duration = 0");
            exec("SET LOCAL auto_explain.log_nested_statements = on");
            exec("SET LOCAL auto_explain.log_level = notice");
            exec("SET LOCAL client_min_messages = notice");
            List<String> merges = new ArrayList<>();
            try (Statement st = c.createStatement()) {
                st.execute("SELECT lv.refresh_per_shop()");
                for (SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
                    if (w.getMessage().contains("Merge on per_shop_data")) {
                        merges.add(w.getMessage());
                    }
                }
            }
            exec("SET LOCAL auto_explain.log_min_duration = -1");
            assertEquals(1, merges.size(), merges::toString);
            assertTrue(merges.get(0).contains("Hash Right Join") || merges.get(0).contains("Hash Join"),
                    merges.get(0));
            assertFalse(merges.get(0).contains("Nested Loop"), merges.get(0));
            assertTrue(lastLog("per_shop").startsWith("full: asked for"), lastLog("per_shop"));
            assertEquals(setting, one("SHOW enable_nestloop"));
            c.commit();
            c.setAutoCommit(true);
            assertEquals(setting, one("SHOW enable_nestloop"));
            exec("RESET enable_nestloop");
            sameAsQuery();
        }
    }

    /**
     * The incremental merge sums the delta in a hash table (enable_sort off and work_mem pinned for that one
     * statement) and puts the caller's settings back: on stays on, off stays off, within the caller's transaction too.
     */
    @Test
    void theIncrementalMergeLeavesTheCallersSortAndWorkMemSettingsAsTheyWere() throws SQLException {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i % 3, i, date '2024-01-01' + (i % 50) FROM generate_series(1, 60) i");
        exec("SELECT * FROM lv.refresh_all()");
        for (String[] setting : List.of(new String[] {"on", "3MB"}, new String[] {"off", "5000kB"})) {
            c.setAutoCommit(false);
            exec("SET enable_sort = " + setting[0]);
            exec("SET work_mem = '" + setting[1] + "'");
            exec("INSERT INTO lv.sale SELECT i, i % 3, i, date '2024-01-01' + (i % 50) FROM generate_series(1000, 1010)"
                    + " i");
            exec("SELECT lv.refresh_per_shop()");
            assertTrue(lastLog("per_shop").startsWith("incremental:"), lastLog("per_shop"));
            assertEquals(setting[0], one("SHOW enable_sort"));
            assertEquals(setting[1], one("SHOW work_mem"));
            c.commit();
            c.setAutoCommit(true);
            assertEquals(setting[0], one("SHOW enable_sort"));
            assertEquals(setting[1], one("SHOW work_mem"));
            exec("RESET enable_sort");
            exec("RESET work_mem");
            exec("DELETE FROM lv.sale WHERE id >= 1000");
        }
        exec("SELECT lv.refresh_per_shop()");
        sameAsQuery();
    }

    /** Columns named like the functions' own variables (groups, pending, strategy, why) stay columns. */
    @Test
    void columnsNamedLikeTheRefreshFunctionsVariablesAreColumns() {
        install("""
                entity: Ledger
                schema: lv
                fields:
                  id: {type: bigint, primary_key: true}
                  groups: {type: integer, nullable: false}
                  strategy: {type: text, nullable: false}
                  pending: {type: "numeric(10,2)", nullable: false}
                ---
                materialized_view: why
                schema: lv
                source: Ledger
                group_by: [groups, strategy]
                measures: {budget: count, net: sum(pending), recompute: max(pending)}
                refresh: incremental
                """);
        exec("INSERT INTO lv.ledger SELECT i, i % 4, 's' || (i % 3), i FROM generate_series(1, 40) i");
        exec("SELECT lv.refresh_why()");
        exec("UPDATE lv.ledger SET groups = groups + 1, pending = pending - 1 WHERE id % 5 = 0");
        exec("DELETE FROM lv.ledger WHERE id % 7 = 0");
        exec("SELECT lv.refresh_why()");
        assertTrue(lastLog("why").startsWith("incremental:"), lastLog("why"));
        assertEquals(rows("SELECT groups, strategy, count(*), sum(pending), max(pending) FROM lv.ledger GROUP BY 1, 2"
                + " ORDER BY 1, 2"), rows("SELECT groups, strategy, budget, net, recompute FROM lv.why ORDER BY 1, 2"));
    }

    @Test
    void aWriteToAJoinedTableOutsideReadCommittedMarksAFullRefresh() throws SQLException {
        install("""
                entity: Shop
                schema: lv
                fields:
                  id: {type: integer, primary_key: true}
                  region: text
                ---
                """ + ORDERS + """
                ---
                materialized_view: per_region
                schema: lv
                source: Sale
                joins: [{entity: Shop, on: shop}]
                group_by: [shop.region]
                measures: {n: count}
                refresh: incremental
                """);
        exec("INSERT INTO lv.shop VALUES (1, 'north'), (2, 'south')");
        exec("INSERT INTO lv.sale SELECT i, 1 + i % 2, 1, '2024-01-02' FROM generate_series(1, 10) i");
        exec("SELECT lv.refresh_per_region()");
        c.setAutoCommit(false);
        exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        exec("UPDATE lv.shop SET region = 'west' WHERE id = 1");
        c.commit();
        c.setAutoCommit(true);
        exec("SELECT lv.refresh_per_region()");
        assertEquals("full: a write to lv.shop under repeatable read isolation: a view that joins tables is kept"
                + " exactly under read committed only", lastLog("per_region"));
        assertEquals(List.of("south|5", "west|5"), rows("SELECT region, n FROM lv.per_region ORDER BY 1"));
    }

    @Test
    void rowsThisConnectionRolledBackBeforeAreNotCountedAsPending() throws Exception {
        install(ORDERS + VIEW_V1);
        exec("INSERT INTO lv.sale SELECT i, i % 50, 1, '2024-01-02' FROM generate_series(1, 2000) i");
        exec("SELECT lv.refresh_per_shop()");
        // this backend flushes its statistics at the end of the next transaction (a second after the last flush),
        // then not again for a second: the rolled-back rows stay in its xact counters for the test's transaction
        Thread.sleep(1100);
        exec("SELECT 1");
        c.setAutoCommit(false);
        exec("INSERT INTO lv.sale SELECT i, i, 1, '2024-01-03' FROM generate_series(100001, 112000) i");
        c.rollback();
        exec("INSERT INTO lv.sale SELECT i, i % 50, 1, '2024-01-04' FROM generate_series(2001, 2010) i");
        assumeTrue(Long.parseLong(one("SELECT pg_stat_get_xact_tuples_inserted('lv.per_shop_delta'::regclass)"))
                > 12000, "the statistics were flushed in between (a loaded machine): nothing to show");
        exec("SELECT lv.refresh_per_shop()");
        c.commit();
        c.setAutoCommit(true);
        assertEquals("incremental: 10 pending change rows, all of them added rows, within 10% of the 2010 source"
                + " rows", lastLog("per_shop"));
        sameAsQuery();
    }
}
