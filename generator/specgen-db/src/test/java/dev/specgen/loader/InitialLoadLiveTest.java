package dev.specgen.loader;

import static dev.specgen.loader.LoaderLiveTest.good;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load --initial} ends exactly where a load without it ends: the same rows in the same partitions, the same
 * rejects with the same lines, the same totals; with duplicate keys in a batch and across batches, bad rows, and a
 * backend killed mid-load.
 */
class InitialLoadLiveTest {
    @TempDir
    static Path dir;
    static Database db;
    static String scratch;
    static Options specs;
    static ScratchSpecs fx;

    @BeforeAll
    static void start() throws IOException {
        fx = ScratchSpecs.apply(dir, "ld.yaml", LoaderLiveTest.SPEC);
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

    static String query(String sql) {
        return fx.query(sql);
    }

    static void exec(String sql) {
        fx.exec(sql);
    }

    /** Every row with the partition that holds it, in key order. */
    static String contents() {
        return query("SELECT count(*) || ' ' || md5(string_agg(format('%s|%s|%s|%s|%s', tableoid::regclass, id,"
                + " sold_at, quantity, region), ',' ORDER BY id, sold_at)) FROM ld.sale");
    }

    static String indexes() {
        return query("SELECT string_agg(c.relname || ':' || i.indisunique || ':' || i.indisvalid || ':'"
                + " || coalesce(p.inhparent::regclass::text, '-'), ',' ORDER BY c.relname) FROM pg_index i JOIN"
                + " pg_class c ON c.oid = i.indexrelid JOIN pg_partition_tree('ld.sale') t ON t.relid = i.indrelid"
                + " LEFT JOIN pg_inherits p ON p.inhrelid = i.indexrelid");
    }

    static List<String> rejectLines(LoadResult r) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(r.rejectFile().orElseThrow(), StandardCharsets.UTF_8).subList(1,
                Files.readAllLines(r.rejectFile().orElseThrow(), StandardCharsets.UTF_8).size())) {
            out.add(l.substring(0, l.indexOf(",\"")));
        }
        return out;
    }

    /**
     * Duplicates in one batch (the last row wins) and across batches (the later one is rejected: an insert), a bad
     * value, a CHECK, a row no partition takes: the plain load and --initial end alike. Before the shadow parent and
     * the leaf reload, a key twice across batches made the unique index build fail and the load stop, and no batch
     * was COPYed straight in.
     */
    @Test
    void initialEndsExactlyAsAPlainLoadWithDuplicatesAndBadRows() throws IOException {
        List<String> lines = new ArrayList<>(List.of("id,sold_at,quantity,region"));
        for (int i = 1; i <= 3000; i++) {
            lines.add(good(i));
        }
        lines.set(9, good(4).replaceFirst(",\\d,\"", ",8,\""));        // line 10 repeats line 5's key: it wins
        lines.set(1199, good(6).replaceFirst(",\\d,\"", ",9,\""));     // line 1200 repeats line 7's key: rejected
        lines.set(1499, "not-a-uuid,2024-01-01 00:00:00,1,x");          // line 1500: COPY refuses it
        lines.set(1999, good(1999).replaceFirst(",\\d,\"", ",0,\""));  // line 2000: CHECK quantity > 0
        lines.set(2499, good(2499).replaceFirst("2024-0\\d", "2030-01")); // line 2500: no partition
        Path csv = dir.resolve("dups.csv");
        Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        String indexesBefore = indexes();

        exec("TRUNCATE ld.sale");
        LoadOptions o = LoadOptions.of(specs, "load_sales", csv).withBatchSize(500).withForget(true);
        LoadResult plain = Loader.run(o, source(), LoadListener.NONE);
        String expected = contents();
        List<String> expectedRejects = rejectLines(plain);
        assertEquals(List.of("1200,23505", "1500,22P02", "2000,23514", "2500,23514"), expectedRejects);
        assertEquals("8", query("SELECT quantity FROM ld.sale WHERE id = '00000004-0000-4000-8000-000000000004'"));

        exec("TRUNCATE ld.sale");
        LoadResult initial = Loader.run(o.withInitial(true).withJobs(2), source(), LoadListener.NONE);
        assertEquals(expected, contents());
        assertEquals(expectedRejects, rejectLines(initial));
        assertEquals(plain.rows(), initial.rows());
        assertEquals(plain.written(), initial.written());
        assertEquals(plain.rejected(), initial.rejected());
        assertTrue(initial.direct() > 0, "batches went straight into the detached leaves: " + initial.direct());
        assertEquals(indexesBefore, indexes(), "every index back, attached to the parent's");
        assertEquals("4", query("SELECT count(*) FROM pg_partition_tree('ld.sale')"));
        assertEquals("0", query("SELECT count(*) FROM pg_class WHERE relkind = 'p' AND relname LIKE 'initial\\_%'"
                ), "no shadow parent left");
        assertEquals("0", query("SELECT count(*) FROM pg_constraint WHERE conname = 'specgen_initial_bound'"));
        assertEquals("2", query("SELECT count(*) FROM specgen_load.initial WHERE written_delta < 0"),
                "two leaves (February: lines 5 and 10; January: lines 7 and 1200) were reloaded");
    }

    /**
     * 1,500 good rows over the three months loaded with --initial in batches of 500 (one session), through
     * {@link WatchedStatements}; what they saw.
     */
    private static List<String> watchedInitialLoad(String file) throws IOException {
        StringBuilder sb = new StringBuilder("id,sold_at,quantity,region\n");
        for (int i = 1; i <= 1500; i++) {
            sb.append(good(i)).append('\n');
        }
        Path csv = dir.resolve(file);
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        exec("TRUNCATE ld.sale");
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        LoadResult r = Loader.run(LoadOptions.of(specs, "load_sales", csv).withBatchSize(500).withForget(true)
                .withInitial(true), WatchedStatements.source(source(), seen), LoadListener.NONE);
        assertEquals(1500, r.written());
        return List.copyOf(seen);
    }

    /**
     * ATTACH PARTITION reads no leaf: each leaf gets the CHECK of its bound when it is detached, still empty, and
     * ATTACH finds its partition constraint implied by it (PostgreSQL says so at DEBUG1). The sessions' statements are
     * watched: before each statement that adds the CHECK the leaf's rows are counted on the same connection, and the
     * notices of each ATTACH are kept. Before, the CHECK was added after the rows were in (a scan of every leaf).
     */
    @Test
    void attachReadsNoLeafRows() throws IOException {
        List<String> seen = watchedInitialLoad("clean.csv");
        assertEquals(List.of("ld.sale_p2024_01 had 0 rows", "ld.sale_p2024_02 had 0 rows",
                "ld.sale_p2024_03 had 0 rows"), seen.stream().filter(x -> x.contains(" had ")).sorted().toList(),
                "the CHECK is added while the leaf is empty");
        String implied = "ALTER TABLE ld.sale: partition constraint for table \"sale_p2024_0%d\" is implied by"
                + " existing constraints";
        assertEquals(List.of(String.format(implied, 1), String.format(implied, 2), String.format(implied, 3)),
                seen.stream().filter(x -> x.startsWith("ALTER TABLE ld.sale: partition")).sorted().toList(),
                "each ATTACH into ld.sale skips its scan");
    }

    /**
     * The leaves are finished on two sessions at once; while every session has a leaf, an index build runs without
     * parallel workers (they would only compete with the other session for the cores), set for the build's own
     * transaction. Three leaves on two sessions: the leaf finished first was built while the two others were
     * unfinished, so every build of it ran with max_parallel_maintenance_workers 0. Before, every build ran with the
     * server's setting (2 by default).
     */
    @Test
    void indexBuildsTakeNoParallelWorkerWhileEverySessionHasALeaf() throws IOException {
        List<String> seen = watchedInitialLoad("workers.csv");
        java.util.Map<String, List<String>> byLeaf = new java.util.TreeMap<>();
        for (String s : seen) {
            if (s.startsWith("build on ")) {
                byLeaf.computeIfAbsent(s.substring(0, s.indexOf(':')), k -> new ArrayList<>())
                        .add(s.substring(s.lastIndexOf(' ') + 1));
            }
        }
        assertEquals(3, byLeaf.size(), "the three leaves' builds: " + byLeaf);
        assertTrue(byLeaf.values().stream().allMatch(w -> w.size() == 2), "a key and an index each: " + byLeaf);
        assertTrue(byLeaf.values().stream().anyMatch(w -> w.equals(List.of("0", "0"))),
                "the leaf finished first was built without parallel workers: " + byLeaf);
        assertEquals("2", query("SELECT current_setting('max_parallel_maintenance_workers')"),
                "the server's setting, as the builds found it");
    }

    /**
     * A backend killed while batches are COPYed into the detached leaves, with no retry: the load stops with its
     * leaves detached; the same command again resumes from the load state and ends as a plain load does.
     */
    @Test
    void aKilledInitialLoadResumesAndEndsAsAPlainLoad() throws Exception {
        StringBuilder sb = new StringBuilder("id,sold_at,quantity,region\n");
        int rows = 20_000;
        for (int i = 1; i <= rows; i++) {
            sb.append(i % 2000 == 7 ? good(i).replaceFirst(",\\d,\"", ",-1,\"") : good(i)).append('\n');
        }
        Path csv = dir.resolve("killed.csv");
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        exec("TRUNCATE ld.sale");
        LoadOptions o = LoadOptions.of(specs, "load_sales", csv).withBatchSize(200).withForget(true);
        LoadResult plain = Loader.run(o, source(), LoadListener.NONE);
        String expected = contents();

        exec("TRUNCATE ld.sale");
        exec("DELETE FROM specgen_load.run");
        AtomicInteger killed = new AtomicInteger();
        Thread killer = new Thread(() -> {
            try (Connection c = db.connect(scratch); Statement st = c.createStatement()) {
                for (int wait = 0; wait < 1000; wait++) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM specgen_load.batch")) {
                        rs.next();
                        if (rs.getLong(1) >= 10) {
                            break;
                        }
                    }
                    Thread.sleep(10);
                }
                try (ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = 'specgen load'")) {
                    rs.next();
                    killed.addAndGet(rs.getInt(1));
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        killer.start();
        LoadOptions initial = o.withForget(false).withInitial(true).withJobs(2);
        assertThrows(LoadException.class, () -> Loader.run(initial.withRetries(0, Duration.ofMillis(10)), source(),
                LoadListener.NONE));
        killer.join();
        assertTrue(killed.get() >= 1, "the loader's backends were terminated");
        assertEquals("1", query("SELECT count(*) FROM pg_partition_tree('ld.sale')"), "the leaves are detached");
        assertEquals("3", query("SELECT count(*) FROM pg_constraint WHERE conname = 'specgen_initial_bound' AND"
                + " convalidated"), "each with the CHECK of its bound that lets ATTACH skip its scan");

        LoadResult resumed = Loader.run(initial, source(), LoadListener.NONE);
        assertTrue(resumed.skipped() >= 10, "batches the first run committed are skipped: " + resumed.skipped());
        assertTrue(resumed.direct() > 0, "the rest went straight into the detached leaves");
        assertEquals(expected, contents());
        assertEquals(plain.written(), resumed.written());
        assertEquals(10, resumed.rejected());
        assertEquals("4", query("SELECT count(*) FROM pg_partition_tree('ld.sale')"));
        assertEquals("0", query("SELECT count(*) FROM pg_class WHERE relkind = 'p' AND relname LIKE 'initial\\_%'"));
    }
}
