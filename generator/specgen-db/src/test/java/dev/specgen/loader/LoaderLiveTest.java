package dev.specgen.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.db.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** specgen load on the embedded PostgreSQL: bad rows, a killed backend, re-runs, --initial, upsert and replace. */
class LoaderLiveTest {
    static final String SPEC = """
            entity: Sale
            schema: ld
            fields:
              id: {type: uuid, nullable: false, default: gen_random_uuid()}
              sold_at: {type: timestamp, nullable: false}
              quantity: {type: integer, nullable: false, check: "quantity > 0"}
              region: text
            primary_key: [id, sold_at]
            indexes:
              - {name: sale_region, columns: [region, sold_at]}
            partitioning:
              {strategy: range, column: sold_at, interval: monthly, from: 2024-01-01, to: 2024-04-01, default: false}
            actions:
              - {name: load_sales, pattern: batch/bulk_operation, operation: insert}
              - {name: upsert_sales, pattern: batch/bulk_operation, operation: upsert}
            ---
            entity: Ref
            schema: ld
            fields:
              id: {type: bigint, identity: always}
              parent_id: {type: bigint, nullable: false}
              target: {type: text, nullable: false}
              weight: integer
            primary_key: [id]
            actions:
              - {name: replace_refs, pattern: batch/bulk_operation, operation: replace, parent_key: [parent_id],
                 key: [target]}
            """;

    @TempDir
    static Path dir;
    static Database db;
    static String scratch;
    static Options specs;
    static ScratchSpecs fx;

    @BeforeAll
    static void start() throws IOException {
        fx = ScratchSpecs.apply(dir, "ld.yaml", SPEC);
        specs = fx.specs();
        db = fx.db();
        scratch = fx.scratch();
    }

    @AfterAll
    static void drop() {
        if (fx != null) {
            fx.drop();
        }
    }

    static ConnectionSource source() {
        return fx.source();
    }

    static long query(String sql) {
        return fx.queryLong(sql);
    }

    static void exec(String sql) {
        fx.exec(sql);
    }

    /** A good sale row for row number i (its id derived from i), spread over the three months. */
    static String good(int i) {
        return String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x,2024-0%d-%02d 10:00:00,%d,\"r%d\"", i, i,
                1 + i % 3, 1 + i % 28, 1 + i % 9, i % 4);
    }

    @Test
    void badRowsAreRejectedWithTheirLinesAndErrorsAndTheRestLoadsOnce() throws IOException {
        exec("TRUNCATE ld.sale");
        List<String> lines = new ArrayList<>(List.of("id,sold_at,quantity,region"));
        for (int i = 1; i <= 40; i++) {
            lines.add(good(i));
        }
        lines.set(4, "not-a-uuid,2024-01-01 00:00:00,1,x");                          // line 5: COPY refuses it
        lines.set(11, good(11).replace(",3,", ",many,").replace(",1,", ",many,"));   // line 12: not an integer
        lines.set(19, good(19).replaceFirst(",\\d,\"", ",0,\""));                    // line 20: CHECK quantity > 0
        lines.set(26, good(26).replaceFirst(",2024-0\\d-\\d\\d 10:00:00,", ",,"));    // line 27: sold_at NULL
        lines.set(32, good(32).replaceFirst("2024-0\\d", "2030-01"));               // line 33: no partition
        lines.add(good(41).replace("\"r1\"", "\"a,\nb\""));                         // lines 42-43: one record
        lines.add(good(42));                                                         // line 44
        Path csv = dir.resolve("sales.csv");
        Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        LoadOptions o = LoadOptions.of(specs, "load_sales", csv).withBatchSize(8);
        LoadResult r = Loader.run(o, source(), LoadListener.NONE);
        assertEquals(42, r.rows());
        assertEquals(37, r.written());
        assertEquals(5, r.rejected());
        assertEquals(37, query("SELECT count(*) FROM ld.sale"));
        assertEquals(1, query("SELECT count(*) FROM ld.sale WHERE region = E'a,\\nb'"));
        List<String> rejects = Files.readAllLines(o.rejects(), StandardCharsets.UTF_8);
        assertEquals("line,sqlstate,error,record", rejects.get(0));
        assertEquals(List.of("5,22P02", "12,22P02", "20,23514", "27,23514", "33,23514"),
                rejects.subList(1, rejects.size()).stream().map(l -> l.substring(0, l.indexOf(",\""))).toList());
        assertTrue(rejects.get(1).contains("invalid input syntax for type uuid: \"\"not-a-uuid\"\" [column id]"),
                rejects.get(1));
        assertTrue(rejects.get(3).contains("violates check constraint \"\"sale_quantity_check\"\""), rejects.get(3));
        assertTrue(rejects.get(5).contains("no partition of relation \"\"sale\"\" found for row"), rejects.get(5));

        LoadResult again = Loader.run(o, source(), LoadListener.NONE);
        assertEquals(again.batches(), again.skipped(), "a re-run finds every batch loaded");
        assertEquals(37, query("SELECT count(*) FROM ld.sale"));
        assertEquals(5, again.rejected());

        LoadResult stopped = Loader.run(o.withForget(true).withMaxErrors(0), source(), LoadListener.NONE);
        assertTrue(stopped.stopped().isPresent(), "--max-errors 0 stops at the first rejected row");
    }

    @Test
    void aKilledBackendIsRetriedAndEveryGoodRowLoadsExactlyOnce() throws Exception {
        exec("TRUNCATE ld.sale");
        StringBuilder sb = new StringBuilder("id,sold_at,quantity,region\n");
        int rows = 20_000;
        for (int i = 1; i <= rows; i++) {
            sb.append(i % 2000 == 7 ? good(i).replaceFirst(",\\d,\"", ",-1,\"") : good(i)).append('\n');
        }
        Path csv = dir.resolve("big.csv");
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        AtomicInteger killed = new AtomicInteger();
        Thread killer = new Thread(() -> {
            try (Connection c = db.connect(scratch); Statement st = c.createStatement()) {
                for (int round = 0; round < 2; round++) {
                    long target = 5 + round * 30L;
                    for (int wait = 0; wait < 600; wait++) {
                        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM specgen_load.batch")) {
                            rs.next();
                            if (rs.getLong(1) >= target) {
                                break;
                            }
                        } catch (SQLException e) {
                            // the state table may not exist yet
                        }
                        Thread.sleep(20);
                    }
                    try (ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM"
                            + " pg_stat_activity WHERE application_name = 'specgen load'")) {
                        rs.next();
                        killed.addAndGet(rs.getInt(1));
                    }
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        killer.start();
        LoadResult r = Loader.run(LoadOptions.of(specs, "load_sales", csv).withBatchSize(200).withJobs(2)
                .withRetries(8, Duration.ofMillis(100)), source(), LoadListener.NONE);
        killer.join();
        assertTrue(killed.get() >= 1, "the loader's backends were terminated");
        assertTrue(r.retries() >= 1, "and the batches in flight retried");
        assertEquals(rows, r.rows());
        assertEquals(10, r.rejected());
        assertEquals(rows - 10, query("SELECT count(*) FROM ld.sale"));
        assertEquals(rows - 10, query("SELECT count(DISTINCT id) FROM ld.sale"));
    }

    /** A file of {@code n} good rows (ids 1 to n). */
    private static Path goodRows(String name, int n) throws IOException {
        StringBuilder sb = new StringBuilder("id,sold_at,quantity,region\n");
        for (int i = 1; i <= n; i++) {
            sb.append(good(i)).append('\n');
        }
        Path csv = dir.resolve(name);
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        return csv;
    }

    /**
     * The load's first connection opens beside the specs' validation (on a thread of its own), and a session sets up
     * its connection before it takes its first batch: when that fails, the first batch opens the session again,
     * without counting a retry (the batch was never tried). Before, both connections opened one after the other, the
     * session's only once the reader had cut its first batch, while the server idled.
     */
    @Test
    void connectionsOpenBeforeTheyAreNeeded() throws Exception {
        exec("TRUNCATE ld.sale");
        Path csv = goodRows("early-connections.csv", 300);
        List<String> opens = java.util.Collections.synchronizedList(new ArrayList<>());
        ConnectionSource sessionFailsFirst = () -> {
            String thread = Thread.currentThread().getName();
            boolean first = opens.stream().noneMatch(thread::equals);
            opens.add(thread);
            if (thread.equals("specgen-load-1") && first) {
                throw new SQLException("the server is not there yet", "08001");
            }
            return db.connect(scratch);
        };
        LoadResult r = Loader.run(LoadOptions.of(specs, "load_sales", csv).withBatchSize(100).withJobs(1)
                .withRetries(3, Duration.ofMillis(10)), sessionFailsFirst, LoadListener.NONE);
        assertEquals("specgen-load-connect", opens.get(0), "the first connection, beside the validation");
        assertEquals(2, opens.stream().filter("specgen-load-1"::equals).count(), "the session's: early, then for its"
                + " first batch");
        assertEquals(0, r.retries());
        assertEquals(300, r.rows());
        assertEquals(300, query("SELECT count(*) FROM ld.sale"));
    }

    /**
     * A connection lost right after its COMMIT reached the server: the retry finds the batch recorded, writes nothing
     * again, and still counts its rows (they were loaded by this run). The result used to miss that batch's rows.
     */
    @Test
    void aBatchWhoseCommitSucceededBeforeTheConnectionWentIsCountedOnce() throws Exception {
        exec("TRUNCATE ld.sale");
        Path csv = goodRows("lost-at-commit.csv", 1000);
        java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        ConnectionSource lostAfterThirdCommit = () -> {
            Connection real = db.connect(scratch);
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, m, args) -> {
                        try {
                            Object out = m.invoke(real, args);
                            if (m.getName().equals("commit") && commits.incrementAndGet() == 3) {
                                real.close();
                                throw new SQLException("connection lost after commit", "08006");
                            }
                            return out;
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
        LoadResult r = Loader.run(LoadOptions.of(specs, "load_sales", csv).withBatchSize(100).withJobs(1)
                .withRetries(3, Duration.ofMillis(10)), lostAfterThirdCommit, LoadListener.NONE);
        assertEquals(1, r.retries());
        assertEquals(1000, r.rows());
        assertEquals(1000, query("SELECT count(*) FROM ld.sale"));
        assertEquals(1000, query("SELECT count(DISTINCT id) FROM ld.sale"));
    }

    @Test
    void aPlainInsertCopiesEachBatchStraightIntoTheTableAndRecordsIt() throws IOException {
        exec("TRUNCATE ld.sale");
        StringBuilder sb = new StringBuilder("sold_at,quantity,id\n");
        for (int i = 1; i <= 1000; i++) {
            String[] f = good(i).split(",");
            sb.append(f[1]).append(',').append(f[2]).append(',').append(f[0]).append('\n');
        }
        Path csv = dir.resolve("direct.csv");
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        LoadOptions o = LoadOptions.of(specs, "load_sales", csv).withBatchSize(100);
        LoadResult r = Loader.run(o, source(), LoadListener.NONE);
        assertEquals(10, r.direct(), "every batch went straight into the table");
        assertEquals(1000, r.rows());
        assertEquals(1000, r.written());
        assertEquals(1000, query("SELECT count(*) FROM ld.sale"));
        assertEquals(1000, query("SELECT count(*) FROM ld.sale WHERE region IS NULL"), "a column left out");
        assertEquals(10, query("SELECT count(*) FROM specgen_load.batch b JOIN specgen_load.run r USING (load_id)"
                + " WHERE r.file = 'direct.csv' AND b.rows = 100 AND b.written = 100"));
        LoadResult again = Loader.run(o, source(), LoadListener.NONE);
        assertEquals(10, again.skipped());
        assertEquals(0, again.direct());
        assertEquals(1000, query("SELECT count(*) FROM ld.sale"));
    }

    /**
     * A batch COPY cannot take whole takes the staging path, exactly as without the direct path: a key twice in it
     * (the last row wins), a key already in the table (rejected with its line). The batch after a failed one is staged
     * without trying (a bad row tends to have neighbours), the one after that goes direct again.
     */
    @Test
    void aBatchWithADuplicateKeyFallsBackToStagingWithTheSameResult() throws IOException {
        exec("TRUNCATE ld.sale");
        exec("INSERT INTO ld.sale (id, sold_at, quantity) VALUES ('0000000f-0000-4000-8000-00000000000f',"
                + " '2024-01-16 10:00:00', 7)");
        List<String> lines = new ArrayList<>(List.of("id,sold_at,quantity,region"));
        for (int i = 1; i <= 30; i++) {
            lines.add(good(i));
        }
        lines.set(8, good(3).replaceFirst(",\\d,\"", ",8,\""));   // line 9 repeats line 4's key: it wins
        Path csv = dir.resolve("dup.csv");
        Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        LoadOptions o = LoadOptions.of(specs, "load_sales", csv).withBatchSize(10);
        LoadResult r = Loader.run(o, source(), LoadListener.NONE);
        assertEquals(30, r.rows());
        assertEquals(28, r.written(), "line 4 gives way to line 9, line 16 (id 15) is already there");
        assertEquals(1, r.rejected());
        assertEquals(1, r.direct(), "batch 1 failed direct, batch 2 staged after it, batch 3 direct");
        assertEquals(29, query("SELECT count(*) FROM ld.sale"));
        assertEquals(8, query("SELECT quantity FROM ld.sale WHERE id = '00000003-0000-4000-8000-000000000003'"));
        assertEquals(7, query("SELECT quantity FROM ld.sale WHERE id = '0000000f-0000-4000-8000-00000000000f'"));
        List<String> rejects = Files.readAllLines(o.rejects(), StandardCharsets.UTF_8);
        assertEquals(2, rejects.size(), () -> rejects.toString());
        assertTrue(rejects.get(1).startsWith("16,23505,"), rejects.get(1));
    }

    @Test
    void initialFillsEmptyPartitionsDetachedThenAttachesThemWithTheirIndexes() throws IOException {
        exec("TRUNCATE ld.sale");
        StringBuilder sb = new StringBuilder("id,sold_at,quantity,region\n");
        for (int i = 1; i <= 3000; i++) {
            sb.append(good(i)).append('\n');
        }
        Path csv = dir.resolve("initial.csv");
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        long indexesBefore = query("SELECT count(*) FROM pg_index x JOIN pg_partition_tree('ld.sale') t ON"
                + " t.relid = x.indrelid");
        LoadResult r = Loader.run(LoadOptions.of(specs, "load_sales", csv).withInitial(true).withJobs(2)
                .withBatchSize(500), source(), LoadListener.NONE);
        assertEquals(0, r.rejected(), () -> r.rejectFile().map(f -> {
            try {
                return String.join("\n", Files.readAllLines(f).subList(0, 3));
            } catch (IOException e) {
                return e.toString();
            }
        }).orElse(""));
        assertEquals(3000, r.written());
        assertEquals(3000, query("SELECT count(*) FROM ld.sale"));
        assertEquals(4, query("SELECT count(*) FROM pg_partition_tree('ld.sale')"), "every partition attached again");
        assertEquals(indexesBefore, query("SELECT count(*) FROM pg_index x JOIN pg_partition_tree('ld.sale') t ON"
                + " t.relid = x.indrelid"), "every index back, attached to the parent's");
        assertEquals(0, query("SELECT count(*) FROM pg_constraint WHERE conname = 'specgen_initial_bound'"));
        assertEquals(1000, query("SELECT count(*) FROM ld.sale_p2024_02"));
    }

    @Test
    void upsertAndReplaceGoThroughTheirFunctions() throws IOException {
        exec("TRUNCATE ld.sale");
        Path first = dir.resolve("u1.csv");
        Files.writeString(first, "id,sold_at,quantity\n" + String.join("\n", good(1).replace(",\"r1\"", ""),
                good(2).replace(",\"r2\"", "")) + "\n", StandardCharsets.UTF_8);
        assertEquals(2, Loader.run(LoadOptions.of(specs, "upsert_sales", first), source(), LoadListener.NONE)
                .written());
        Path second = dir.resolve("u2.csv");
        Files.writeString(second, "id,sold_at,quantity\n" + good(2).replace(",\"r2\"", "").replaceFirst(",\\d$",
                ",9") + "\n" + good(3).replace(",\"r3\"", "") + "\n", StandardCharsets.UTF_8);
        LoadResult up = Loader.run(LoadOptions.of(specs, "upsert_sales", second), source(), LoadListener.NONE);
        assertEquals(2, up.written(), "one row changed, one new");
        assertEquals(3, query("SELECT count(*) FROM ld.sale"));
        assertEquals(9, query("SELECT quantity FROM ld.sale WHERE id = '00000002-0000-4000-8000-000000000002'"));

        exec("TRUNCATE ld.ref");
        Path refs = dir.resolve("refs.tsv");
        Files.writeString(refs, "parent_id\ttarget\tweight\n1\ta\t1\n1\tb\t2\n2\tc\t\\N\n", StandardCharsets.UTF_8);
        assertEquals(3, Loader.run(LoadOptions.of(specs, "replace_refs", refs), source(), LoadListener.NONE)
                .written());
        Path refs2 = dir.resolve("refs2.tsv");
        Files.writeString(refs2, "parent_id\ttarget\tweight\n1\tb\t2\n1\td\t4\n", StandardCharsets.UTF_8);
        assertEquals(2, Loader.run(LoadOptions.of(specs, "replace_refs", refs2), source(), LoadListener.NONE)
                .written(), "a deleted, d inserted, b unchanged");
        assertEquals(3, query("SELECT count(*) FROM ld.ref"));
    }

    @Test
    void theLastRowOfAKeyWinsWhenABadRowSplitsTheBatch() throws IOException {
        exec("TRUNCATE ld.sale");
        String first = good(1);
        String later = good(1).replaceFirst(",\\d,\"", ",7,\"");                    // the same key, quantity 7
        Path csv = dir.resolve("dup-bad.csv");
        Files.writeString(csv, "id,sold_at,quantity,region\n" + first + "\n" + good(2) + "\n"
                + good(3).replaceFirst(",\\d,\"", ",0,\"") + "\n" + later + "\n", StandardCharsets.UTF_8);
        LoadResult r = Loader.run(LoadOptions.of(specs, "load_sales", csv), source(), LoadListener.NONE);
        assertEquals(1, r.rejected(), "only the CHECK violation on line 4");
        assertEquals(2, query("SELECT count(*) FROM ld.sale"));
        assertEquals(7, query("SELECT quantity FROM ld.sale WHERE id = '00000001-0000-4000-8000-000000000001'"),
                "line 5 supersedes line 2 although the halves of the batch are written apart");
    }

    @Test
    void aParentWhoseRowsSpanBatchesKeepsEveryChild() throws IOException {
        exec("TRUNCATE ld.ref");
        Path refs = dir.resolve("span.tsv");
        Files.writeString(refs, "parent_id\ttarget\tweight\n1\ta\t1\n1\tb\t2\n1\tc\t3\n2\td\t4\n2\te\t5\n3\tf\t6\n",
                StandardCharsets.UTF_8);
        LoadResult r = Loader.run(LoadOptions.of(specs, "replace_refs", refs).withBatchSize(2), source(),
                LoadListener.NONE);
        assertEquals(6, r.written());
        assertEquals(3, query("SELECT count(*) FROM ld.ref WHERE parent_id = 1"), "a, b and c: a batch of 2 rows"
                + " must not replace the children the batch before it wrote");
        assertEquals(2, query("SELECT count(*) FROM ld.ref WHERE parent_id = 2"));
        assertEquals(1, query("SELECT count(*) FROM ld.ref WHERE parent_id = 3"));
        assertEquals(0, query("SELECT count(*) FROM pg_tables WHERE schemaname = 'specgen_load'"
                + " AND tablename LIKE 'parents%'"), "the run's parents are dropped when it finishes");

        // one row per batch, two sessions taking them in turn: the same children
        exec("TRUNCATE ld.ref");
        exec("INSERT INTO ld.ref (parent_id, target) VALUES (1, 'old'), (3, 'old')");
        Loader.run(LoadOptions.of(specs, "replace_refs", refs).withBatchSize(1).withJobs(2).withForget(true), source(),
                LoadListener.NONE);
        assertEquals(6, query("SELECT count(*) FROM ld.ref"), "each parent's children are the file's, the old ones gone");
        assertEquals(0, query("SELECT count(*) FROM ld.ref WHERE target = 'old'"));

        // a bad row halves the batch between a parent's rows; the halves written one after the other keep them all
        Path bad = dir.resolve("span-bad.tsv");
        Files.writeString(bad, "parent_id\ttarget\tweight\n01\tw\t1\n1\tx\t2\n1\t\\N\t3\n1\ty\t4\n1\tz\t5\n",
                StandardCharsets.UTF_8);
        LoadResult h = Loader.run(LoadOptions.of(specs, "replace_refs", bad), source(), LoadListener.NONE);
        assertEquals(1, h.rejected());
        assertEquals(4, query("SELECT count(*) FROM ld.ref WHERE parent_id = 1 AND target IN ('w', 'x', 'y', 'z')"));
        assertEquals(4, query("SELECT count(*) FROM ld.ref WHERE parent_id = 1"), "a, b and c replaced by w to z");
        assertEquals(2, query("SELECT count(*) FROM ld.ref WHERE parent_id = 2"), "a parent the file does not name"
                + " keeps its children");
    }

    @Test
    void aHeaderThatDoesNotFitIsRefusedBeforeAnythingLoads() throws IOException {
        Path csv = dir.resolve("wrong.csv");
        Files.writeString(csv, "id,sold_at,qty\n", StandardCharsets.UTF_8);
        Loads.Outcome o = Loads.run(LoadOptions.of(specs, "load_sales", csv), source(), LoadListener.NONE);
        assertEquals(List.of("specgen: error SG415: the header names \"qty\", which load_sales does not take\n"
                + "  hint: columns: id, sold_at, quantity, region"),
                o.diagnostics().stream().map(d -> d.format()).toList());
    }
}
