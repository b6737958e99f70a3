package dev.specgen.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.db.Database;
import dev.specgen.db.SharedEmbedded;
import dev.specgen.loader.BinaryCopy.Codec;
import dev.specgen.loader.RecordReader.Record;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Every value {@link BinaryCopy} encodes reads back exactly as the same CSV record COPYed as text, column by column
 * (NULLs, numeric scales and NaN, typmods, timestamps before 2000 and infinities, quoting, non-ASCII text), and a value
 * the server refuses is refused in binary with the same SQLSTATE (the loader then retries the batch as text).
 */
class BinaryCopyLiveTest {
    static final String COLUMNS = "i2 smallint, i4 integer, i8 bigint, n numeric, n2 numeric(10,2), u uuid, t text,"
            + " v varchar(5), c char(3), j jsonb, js json, by bytea, b boolean, d date, ts timestamp, ts3 timestamp(3)";
    static final List<Codec> CODECS = List.of(Codec.INT2, Codec.INT4, Codec.INT8, Codec.NUMERIC, Codec.NUMERIC,
            Codec.UUID, Codec.TEXT, Codec.TEXT, Codec.TEXT, Codec.JSONB, Codec.TEXT, Codec.BYTEA, Codec.BOOL, Codec.DATE,
            Codec.TIMESTAMP, Codec.TIMESTAMP);
    /** Records every column of which the client encodes. */
    static final List<String> EXACT = List.of(
            "1,2,3,4,5,01234567-89ab-cdef-0123-456789abcdef,x,y,z,{},[],\\x00,t,2024-01-01,2024-01-01 00:00:00,"
                    + "2024-01-01 00:00:00",
            ",,,,,,,,,,,,,,,",
            "-32768,-2147483648,-9223372036854775808,-0.000,-0.004,01234567-89AB-CDEF-0123-456789ABCDEF,\"\",\"\","
                    + "\"\",\"{\"\"a\"\": [1, 2.50, null]}\",\"{\"\"a\"\":  1}\",\\x,FALSE,1999-12-31,"
                    + "1999-12-31 23:59:59.999999,1999-12-31 23:59:59.9995",
            "32767,2147483647,9223372036854775807,NaN,NaN,ffffffff-ffff-ffff-ffff-ffffffffffff,\"a,\"\"b\"\"\n"
                    + "c\",ab,a,\"[1,{\"\"b\"\":true}]\",\"\"\"s\"\"\",\\xDEADbeef,yes,0001-01-01,0001-01-01 00:00:00,"
                    + "9999-12-31T23:59:59.5",
            "007,-0,0,123456789012345678901234567890.123456789012345678901234567890,12345678.995,"
                    + "00000000-0000-0000-0000-000000000000,é ü 日本 😀,日本語ab,é,\"\"\"x\"\"\",1,\\x0a,on,infinity,"
                    + "-infinity,Infinity",
            "1,1,1,.5,5.,00000000-0000-0000-0000-000000000001, leading and trailing ,\" a \",\" \",null,null,\\x,"
                    + "0,-infinity,infinity,2024-02-29 12:34:56.1",
            "1,1,1,0.00010000,-99999999.99,00000000-0000-0000-0000-000000000001,\\N,\\.,N,1e5,\"\"\"\\u00e9\"\"\","
                    + "\\x,off,2024-02-29,1970-01-01 00:00:00,2000-01-01 00:00:00.000001");
    /** Records the client encodes, the server refuses, as text and in binary alike. */
    static final List<String> REFUSED = List.of(
            "1,1,1,1,123456789.00,00000000-0000-0000-0000-000000000001,a,abcdef,a,1,1,\\x,t,2024-01-01,"
                    + "2024-01-01 00:00:00,2024-01-01 00:00:00", // numeric(10,2) overflow (22003)
            "1,1,1,1,1,00000000-0000-0000-0000-000000000001,a,abcdef,a,1,1,\\x,t,2024-01-01,2024-01-01 00:00:00,"
                    + "2024-01-01 00:00:00", // varchar(5) too long (22001)
            "1,1,1,1,1,00000000-0000-0000-0000-000000000001,a,a,a,{,1,\\x,t,2024-01-01,2024-01-01 00:00:00,"
                    + "2024-01-01 00:00:00", // bad jsonb (22P02)
            "1,1,1,1,1,00000000-0000-0000-0000-000000000001,a,a,a,1,1,\\x,t,2024-01-01,2024-01-01 00:00:00,"
                    + "infinity,x"); // a field too many: not encoded (checked below)

    static Database db;
    static String scratch;

    @BeforeAll
    static void start() throws SQLException {
        db = SharedEmbedded.get();
        scratch = db.createScratchDatabase();
        try (Connection c = db.connect(scratch); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE as_text (line bigint, " + COLUMNS + ")");
            st.execute("CREATE TABLE as_binary (line bigint, " + COLUMNS + ")");
        }
    }

    @AfterAll
    static void stop() {
        if (db != null && scratch != null) {
            db.dropDatabase(scratch);
        }
    }

    private static Record rec(int line, String csv) {
        return new Record(line, csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyEncodedValueReadsBackAsItsText() throws Exception {
        BinaryCopy enc = new BinaryCopy(CODECS);
        try (Connection c = db.connect(scratch)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < EXACT.size(); i++) {
                Record r = rec(i + 1, EXACT.get(i));
                records.add(r);
                assertTrue(enc.encode(List.of(r), true).isPresent(), EXACT.get(i));
                copy.copyIn("COPY as_text FROM STDIN (FORMAT csv)", new ByteArrayInputStream(((i + 1) + ","
                        + EXACT.get(i) + "\n").getBytes(StandardCharsets.UTF_8)));
            }
            copy.copyIn("COPY as_binary FROM STDIN (FORMAT binary)", new ByteArrayInputStream(
                    enc.encode(records, true).orElseThrow()));
            assertEquals(EXACT.size(), count(c, "SELECT count(*) FROM as_text"));
            for (String col : ("line, " + COLUMNS).split(", ")) {
                String name = col.substring(0, col.indexOf(' ') < 0 ? col.length() : col.indexOf(' '));
                String same = name.equals("js") ? "" : " a." + name + " IS DISTINCT FROM b." + name + " OR"; // json: no =
                assertEquals(0, count(c, "SELECT count(*) FROM as_text a FULL JOIN as_binary b USING (line) WHERE"
                        + same + " pg_column_size(a." + name
                        + ") IS DISTINCT FROM pg_column_size(b." + name + ") OR a." + name + "::text IS DISTINCT FROM"
                        + " b." + name + "::text"), name);
            }
            assertEquals("12345679.00|0.00|0.000|1999-12-31 23:59:59.999999|1999-12-31 23:59:59.999",
                    one(c, "SELECT concat_ws('|', b2.n2, b3.n2, b3.n, b3.ts, b3.ts3) FROM as_binary b2, as_binary b3"
                            + " WHERE b2.line = 5 AND b3.line = 3"), "typmods round as numeric_in and timestamp_in do");
        }
    }

    @Test
    void whatTheServerRefusesItRefusesInBothForms() throws Exception {
        BinaryCopy enc = new BinaryCopy(CODECS);
        try (Connection c = db.connect(scratch)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            List<String> states = new ArrayList<>();
            for (String refused : REFUSED) {
                Optional<byte[]> bin = enc.encode(List.of(rec(1, refused)), true);
                String text = state(() -> copy.copyIn("COPY as_text FROM STDIN (FORMAT csv)",
                        new ByteArrayInputStream(("1," + refused + "\n").getBytes(StandardCharsets.UTF_8))));
                assertNotNull(text, refused);
                if (bin.isPresent()) {
                    assertEquals(text, state(() -> copy.copyIn("COPY as_binary FROM STDIN (FORMAT binary)",
                            new ByteArrayInputStream(bin.get()))), refused);
                }
                states.add(bin.isPresent() ? text : "text " + text);
            }
            assertEquals(List.of("22003", "22001", "22P02", "text 22P04"), states);
        }
    }

    interface Copy {
        void run() throws Exception;
    }

    private static String state(Copy copy) throws Exception {
        try {
            copy.run();
            return null;
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        return Long.parseLong(one(c, sql));
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
