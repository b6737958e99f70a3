package dev.specgen.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.db.Database;
import dev.specgen.loader.BatchWriter.Batch;
import dev.specgen.loader.BatchWriter.Encoded;
import dev.specgen.loader.BatchWriter.Outcome;
import dev.specgen.loader.RecordReader.Record;
import dev.specgen.model.Action;
import dev.specgen.model.Entity;
import dev.specgen.model.SpecModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which batches a writer COPYs in binary: a batch the client encodes goes in binary, straight into the table (insert)
 * or into staging (upsert); a batch with another spelling, or one the server refuses, goes as text, and its bad rows
 * are rejected with their lines and PostgreSQL's errors exactly as before.
 */
class BatchWriterBinaryLiveTest {
    @TempDir
    static Path dir;
    static Database db;
    static String scratch;
    static SpecModel model;
    static ScratchSpecs fx;

    @BeforeAll
    static void start() throws Exception {
        fx = ScratchSpecs.apply(dir, "ld.yaml", LoaderLiveTest.SPEC);
        model = Loader.model(LoadOptions.of(fx.specs(), "load_sales", dir.resolve("x.csv")));
        db = fx.db();
        scratch = fx.scratch();
        try (Connection c = fx.connect()) {
            LoadState state = new LoadState("ld_state");
            state.create(c);
            state.begin(c, "L", "ld.sale", "x.csv", "sha", 100, true);
        }
    }

    @AfterAll
    static void drop() {
        if (fx != null) {
            fx.drop();
        }
    }

    private static LoadTarget target(String action) {
        Action.Bulk a = LoadTarget.action(model, action);
        Entity e = LoadTarget.entityOf(model, a);
        return LoadTarget.of(e, a, List.of("id", "sold_at", "quantity", "region"));
    }

    private static BatchWriter writer(String action) throws SQLException {
        LoadTarget t = target(action);
        return new BatchWriter(db.connect(scratch), t, InputFormat.CSV, new LoadState("ld_state"), "L",
                t.statements("", Optional.empty()), t.directTable(), null);
    }

    private static Batch batch(int index, String... rows) {
        List<Record> r = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            r.add(new Record(index * 100 + i + 2, rows[i].getBytes(StandardCharsets.UTF_8)));
        }
        return new Batch(index, r);
    }

    @Test
    void encodableBatchesGoInBinaryAndTheRestAsText() throws Exception {
        try (BatchWriter w = writer("load_sales")) {
            Outcome o = w.write(batch(1, LoaderLiveTest.good(1), LoaderLiveTest.good(2)));
            assertEquals(List.of(2L, 0, true, 1), List.of(o.written(), o.rejects().size(), o.direct(),
                    w.binaryBatches()), "straight into the table, in binary");
            // "10:00" without seconds is a spelling the client leaves to the server: the batch goes as text
            o = w.write(batch(2, "00000000-0000-4000-8000-000000000003,2024-02-03 10:00,3,r3x"));
            assertEquals(List.of(1L, true, 1), List.of(o.written(), o.direct(), w.binaryBatches()));
            // a key already there: the binary COPY fails, the staging path runs (binary into staging), one reject
            o = w.write(batch(3, LoaderLiveTest.good(4), LoaderLiveTest.good(1)));
            assertEquals(List.of(1L, false, 2), List.of(o.written(), o.direct(), w.binaryBatches()));
            assertEquals(1, o.rejects().size());
            assertEquals(303, o.rejects().get(0).line());
            // a bad value the client does not encode (and the skipped direct path after a failure): text, as before
            o = w.write(batch(4, LoaderLiveTest.good(5), "not-a-uuid,2024-01-01 00:00:00,1,x"));
            assertEquals(List.of(1L, false, 2), List.of(o.written(), o.direct(), w.binaryBatches()));
            assertEquals(403, o.rejects().get(0).line());
            assertEquals("22P02 invalid input syntax for type uuid: \"not-a-uuid\" [column id]",
                    o.rejects().get(0).sqlState() + " " + o.rejects().get(0).error());
        }
        assertEquals("5|2024-02-03 10:00:00", one("SELECT count(*) || '|' || max(sold_at) FILTER (WHERE region = 'r3x')"
                + " FROM ld.sale WHERE id < '00000010-0000-0000-0000-000000000000'"));
    }

    @Test
    void upsertsStageInBinary() throws Exception {
        try (BatchWriter w = writer("upsert_sales")) {
            Outcome o = w.write(batch(10, LoaderLiveTest.good(11), LoaderLiveTest.good(12)));
            assertEquals(List.of(2L, false, 1), List.of(o.written(), o.direct(), w.binaryBatches()));
        }
    }

    /** A batch as the load's reader queues it: its records, and their binary encoding in the given form. */
    private static Batch encoded(Batch b, boolean lines, List<Record> payload) {
        BinaryCopy enc = BinaryCopy.of(target("load_sales").columns, InputFormat.CSV).orElseThrow();
        return new Batch(b.index(), b.records(), Optional.of(new Encoded(lines, enc.tuples(payload, lines))));
    }

    @Test
    void aBatchTheReaderEncodedIsSentAsItIs() throws Exception {
        Batch b = batch(20, LoaderLiveTest.good(21), LoaderLiveTest.good(22));
        // the payload differs from the records in one value, so the table shows which of the two was sent
        List<Record> payload = new ArrayList<>(b.records());
        payload.set(1, new Record(2002, LoaderLiveTest.good(22).replace(",2024-02-23 10:00:00,5,", ",2024-02-23"
                + " 10:00:00,7,").getBytes(StandardCharsets.UTF_8)));
        try (BatchWriter w = writer("load_sales")) {
            Outcome o = w.write(encoded(b, false, payload));
            assertEquals(List.of(2L, true, 1), List.of(o.written(), o.direct(), w.binaryBatches()));
        }
        assertEquals("4,7", one("SELECT string_agg(quantity::text, ',' ORDER BY id) FROM ld.sale WHERE id IN"
                + " ('00000015-0000-4000-8000-000000000015', '00000016-0000-4000-8000-000000000016')"));
    }

    @Test
    void aBatchTheReaderDeclinedGoesAsTextAndOneEncodedForStagingIsEncodedAgainForTheTable() throws Exception {
        try (BatchWriter w = writer("load_sales")) {
            Batch b = batch(30, LoaderLiveTest.good(31));
            Outcome o = w.write(new Batch(b.index(), b.records(), Optional.of(new Encoded(false, Optional.empty()))));
            assertEquals(List.of(1L, true, 0), List.of(o.written(), o.direct(), w.binaryBatches()),
                    "declined by the reader: text, not encoded a second time");
            b = batch(31, LoaderLiveTest.good(32));
            o = w.write(encoded(b, true, b.records()));
            assertEquals(List.of(1L, true, 1), List.of(o.written(), o.direct(), w.binaryBatches()),
                    "encoded with lines (for staging): the writer encodes it for the table itself");
        }
    }

    @Test
    void aBatchTheServerRefusesMidwayFallsBackAndRejectsExactlyTheBadRows() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 40; i < 70; i++) {
            // rows 47 and 61 (quantity 0): encoded by the client, refused by the table's check halfway through
            rows.add(i == 47 || i == 61 ? LoaderLiveTest.good(i).replaceFirst(",\\d,\"r", ",0,\"r")
                    : LoaderLiveTest.good(i));
        }
        Batch b = batch(40, rows.toArray(String[]::new));
        try (BatchWriter w = writer("load_sales")) {
            Outcome o = w.write(encoded(b, false, b.records()));
            assertEquals(List.of(28L, false), List.of(o.written(), o.direct()));
            assertEquals(List.of("4009 23514", "4023 23514"), o.rejects().stream()
                    .map(r -> r.line() + " " + r.sqlState()).toList());
        }
        assertEquals(28L, Long.parseLong(one("SELECT count(*) FROM ld.sale WHERE id BETWEEN"
                + " '00000028-0000-0000-0000-000000000000' AND '00000046-0000-0000-0000-000000000000'")));
    }

    private static String one(String sql) throws SQLException {
        try (Connection c = db.connect(scratch); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
