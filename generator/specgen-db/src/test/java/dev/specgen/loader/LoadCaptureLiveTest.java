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
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * specgen load into a partitioned table that an incremental and an immediate view capture: every batch's rows reach
 * both views, whether the batch was COPYed straight into the table or took the staging path (a key twice in a batch
 * sends it there), and the rows the staging path rejects reach neither.
 */
class LoadCaptureLiveTest {
    static final String SPEC = """
            entity: Sale
            schema: lc
            fields:
              id: {type: bigint, nullable: false}
              sold_at: {type: timestamp, nullable: false}
              quantity: {type: integer, nullable: false, check: "quantity > 0"}
              region: {type: text, nullable: false}
            primary_key: [id, sold_at]
            partitioning:
              {strategy: range, column: sold_at, interval: monthly, from: 2024-01-01, to: 2024-04-01, default: false}
            actions:
              - {name: load_sales, pattern: batch/bulk_operation, operation: insert}
            ---
            materialized_view: by_region
            schema: lc
            source: Sale
            group_by: [region]
            measures: {n: count, units: sum(quantity), top: max(quantity)}
            refresh: incremental
            ---
            materialized_view: by_region_now
            schema: lc
            source: Sale
            group_by: [region]
            measures: {n: count, units: sum(quantity), top: max(quantity)}
            refresh: immediate
            """;

    static final String TRUTH = "SELECT region, count(*) AS n, sum(quantity) AS units, max(quantity) AS top"
            + " FROM lc.sale GROUP BY region";

    @TempDir
    static Path dir;
    static Database db;
    static String scratch;
    static Options specs;
    static ScratchSpecs fx;

    @BeforeAll
    static void start() throws IOException {
        fx = ScratchSpecs.apply(dir, "lc.yaml", SPEC);
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

    static long query(String sql) {
        return fx.queryLong(sql);
    }

    /** Rows in one relation and not the other, both ways (0: the same rows). */
    static long differing(String view) {
        return query("SELECT count(*) FROM ((SELECT * FROM " + view + " EXCEPT ALL " + TRUTH + ") UNION ALL ("
                + TRUTH + " EXCEPT ALL SELECT * FROM " + view + ")) AS d");
    }

    @Test
    void everyBatchReachesTheViewsOnTheDirectAndTheStagingPath() throws IOException {
        // rows already there, so that the load is a small change the refresh applies incrementally
        exec("INSERT INTO lc.sale SELECT 100000 + i, timestamp '2024-01-01' + (i % 90) * interval '1 day', 1 + i % 5,"
                + " 'r' || (i % 7) FROM generate_series(1, 40000) AS s(i)");
        exec("SELECT lc.refresh_by_region()");
        long before = query("SELECT count(*) FROM lc.sale");
        StringBuilder csv = new StringBuilder("id,sold_at,quantity,region\n");
        int lines = 0;
        for (int i = 1; i <= 2500; i++) {
            // the second batch (rows 501-1000) has a key twice and a row the CHECK refuses: it is staged (and the
            // next one after it), the others go straight in
            int k = i == 700 ? 650 : i;
            int quantity = i == 800 ? 0 : 1 + i % 9;
            csv.append(String.format(Locale.ROOT, "%d,2024-0%d-%02d 10:00:00,%d,r%d\n", k, 1 + k % 3, 1 + k % 28,
                    quantity, i % 7));
            lines++;
        }
        Path file = dir.resolve("sales.csv");
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
        LoadResult r = Loader.run(LoadOptions.of(specs, "load_sales", file).withBatchSize(500).withInitial(false)
                .withRejectFile(dir.resolve("rejects.csv")), () -> db.connect(scratch), LoadListener.NONE);
        assertTrue(r.complete());
        assertEquals(1, r.rejected(), "the row the CHECK refuses");
        assertEquals(before + lines - 2, query("SELECT count(*) FROM lc.sale"), "the duplicate key's last row wins");
        assertEquals(0, differing("lc.by_region_now"), "the immediate view, without a refresh");
        exec("SELECT lc.refresh_by_region()");
        assertEquals(0, differing("lc.by_region"), "the incremental view after its refresh");
        assertEquals("incremental", queryText("SELECT strategy FROM lc.specgen_refresh_log WHERE view_name ="
                + " 'by_region' ORDER BY id DESC LIMIT 1"), "applied from the captured changes");
    }

    static void exec(String sql) {
        fx.exec(sql);
    }

    static String queryText(String sql) {
        try (Connection c = db.connect(scratch); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
