package dev.specgen.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.loader.BinaryCopy.Codec;
import dev.specgen.loader.RecordReader.Record;
import dev.specgen.model.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The binary COPY encoding, byte for byte, and the spellings it leaves to the server (BinaryCopyLiveTest runs both). */
class BinaryCopyTest {

    private static String enc(Codec c, String csv) {
        BinaryCopy b = new BinaryCopy(List.of(c));
        Optional<byte[]> out = b.encode(List.of(new Record(7, csv.getBytes(StandardCharsets.UTF_8))), false);
        if (out.isEmpty()) {
            return "text";
        }
        byte[] a = out.get();
        // 11 signature + 4 flags + 4 extension + 2 field count ... 2 trailer
        return HexFormat.of().formatHex(a, 21, a.length - 2);
    }

    @Test
    void numericsInBase10000WithTheirDisplayScale() {
        assertEquals("0000000e" + "0003" + "0001" + "0000" + "0001" + "0001" + "0929" + "1770",
                enc(Codec.NUMERIC, "12345.6"), "12345.6: digits 1 2345 6000, weight 1, dscale 1");
        assertEquals("0000000a" + "0001" + "ffff" + "0000" + "0004" + "0001", enc(Codec.NUMERIC, "0.0001"));
        assertEquals("0000000a" + "0001" + "0000" + "4000" + "0002" + "0005", enc(Codec.NUMERIC, "-5.00"));
        assertEquals("00000008" + "0000" + "0000" + "0000" + "0002", enc(Codec.NUMERIC, "-0.00"), "zero is positive");
        assertEquals("0000000a" + "0001" + "0000" + "0000" + "0000" + "0005", enc(Codec.NUMERIC, "5."));
        assertEquals("0000000a" + "0001" + "ffff" + "0000" + "0001" + "1388", enc(Codec.NUMERIC, ".5"));
        assertEquals("00000008" + "0000" + "0000" + "c000" + "0000", enc(Codec.NUMERIC, "nan"));
        assertEquals("0000000a" + "0001" + "0002" + "0000" + "0000" + "0001", enc(Codec.NUMERIC, "000100000000"));
        for (String t : List.of("1e5", "+1", " 1", "1 ", "Infinity", "-", ".", "1.2.3", "0x1F", "1_000", "\"\"")) {
            assertEquals("text", enc(Codec.NUMERIC, t), t);
        }
    }

    @Test
    void integersWithinTheirRange() {
        assertEquals("00000002" + "8000", enc(Codec.INT2, "-32768"));
        assertEquals("text", enc(Codec.INT2, "32768"));
        assertEquals("00000004" + "7fffffff", enc(Codec.INT4, "2147483647"));
        assertEquals("text", enc(Codec.INT4, "2147483648"));
        assertEquals("00000008" + "8000000000000000", enc(Codec.INT8, "-9223372036854775808"));
        assertEquals("text", enc(Codec.INT8, "9223372036854775808"));
        assertEquals("text", enc(Codec.INT8, "99999999999999999999"));
        assertEquals("00000004" + "00000007", enc(Codec.INT4, "007"));
        for (String t : List.of("+1", " 1", "1.0", "0x10", "1_000", "-", "")) {
            assertEquals(t.isEmpty() ? "ffffffff" : "text", enc(Codec.INT4, t), t);
        }
    }

    @Test
    void datesAndTimestampsFrom2000() {
        assertEquals("00000004" + "00000000", enc(Codec.DATE, "2000-01-01"));
        assertEquals("00000004" + "ffffffff", enc(Codec.DATE, "1999-12-31"));
        assertEquals("00000004" + "7fffffff", enc(Codec.DATE, "Infinity"));
        assertEquals("00000008" + "0000000000000001", enc(Codec.TIMESTAMP, "2000-01-01 00:00:00.000001"));
        assertEquals("00000008" + "fffffffffff0bdc0", enc(Codec.TIMESTAMP, "1999-12-31T23:59:59"));
        assertEquals("00000008" + "8000000000000000", enc(Codec.TIMESTAMP, "-infinity"));
        for (String t : List.of("2024-02-30", "0000-01-01", "24-01-01", "2024-1-1", "01/02/2024", "epoch")) {
            assertEquals("text", enc(Codec.DATE, t), t);
        }
        for (String t : List.of("2024-01-01 24:00:00", "2024-01-01 23:59:60", "2024-01-01 10:00:00+02",
                "2024-01-01 10:00:00.1234567", "2024-01-01 10:00:00.", "2024-01-01", "2024-01-01 10:00")) {
            assertEquals("text", enc(Codec.TIMESTAMP, t), t);
        }
    }

    @Test
    void uuidsBooleansTextJsonbBytea() {
        assertEquals("00000010" + "0123456789abcdef0123456789abcdef",
                enc(Codec.UUID, "01234567-89AB-cdef-0123-456789abcdef"));
        assertEquals("text", enc(Codec.UUID, "{01234567-89ab-cdef-0123-456789abcdef}"));
        assertEquals("text", enc(Codec.UUID, "0123456789abcdef0123456789abcdef"));
        assertEquals("00000001" + "01", enc(Codec.BOOL, "TRUE"));
        assertEquals("00000001" + "00", enc(Codec.BOOL, "off"));
        assertEquals("text", enc(Codec.BOOL, "tr"));
        assertEquals("00000004" + "612c2262", enc(Codec.TEXT, "\"a,\"\"b\""), "quotes removed, doubled ones halved");
        assertEquals("00000000", enc(Codec.TEXT, "\"\""), "a quoted empty field is an empty string");
        assertEquals("ffffffff", enc(Codec.TEXT, ""), "an unquoted empty field is NULL");
        assertEquals("00000003" + "017b7d", enc(Codec.JSONB, "{}"), "jsonb: version 1, then the text");
        assertEquals("00000002" + "00ff", enc(Codec.BYTEA, "\\x00FF"));
        assertEquals("text", enc(Codec.BYTEA, "\\000"));
    }

    @Test
    void recordsMustHoldOneFieldPerColumn() {
        BinaryCopy two = new BinaryCopy(List.of(Codec.INT4, Codec.TEXT));
        assertTrue(two.encode(List.of(new Record(1, "1,x".getBytes(StandardCharsets.UTF_8))), true).isPresent());
        for (String r : List.of("1", "1,x,y", "1,\"x", "1,\"x\"y", "1,x\"y")) {
            assertFalse(two.encode(List.of(new Record(1, r.getBytes(StandardCharsets.UTF_8))), false).isPresent(), r);
        }
        byte[] lines = two.encode(List.of(new Record(42, "1,x".getBytes(StandardCharsets.UTF_8))), true).get();
        assertArrayEquals(HexFormat.of().parseHex("5047434f50590aff0d0a00" + "00000000" + "00000000" + "0003"
                + "00000008" + "000000000000002a" + "00000004" + "00000001" + "00000001" + "78" + "ffff"), lines);
    }

    @Test
    void aSelectionOfTheEncodedRecordsIsTheirTuplesUnderTheirOwnHeaderAndTrailer() {
        BinaryCopy two = new BinaryCopy(List.of(Codec.INT4, Codec.TEXT));
        BinaryCopy.Tuples t = two.tuples(List.of(new Record(1, "1,x".getBytes(StandardCharsets.UTF_8)),
                new Record(2, "2,yz".getBytes(StandardCharsets.UTF_8)), new Record(3, "3,".getBytes(
                StandardCharsets.UTF_8))), false).orElseThrow();
        String head = "5047434f50590aff0d0a00" + "00000000" + "00000000";
        String one = "0002" + "00000004" + "00000001" + "00000001" + "78";
        String two2 = "0002" + "00000004" + "00000002" + "00000002" + "797a";
        String three = "0002" + "00000004" + "00000003" + "ffffffff";
        assertArrayEquals(HexFormat.of().parseHex(head + one + two2 + three + "ffff"), t.data());
        assertArrayEquals(HexFormat.of().parseHex(head + three + one + "ffff"), t.select(new int[] {2, 0}));
        assertArrayEquals(HexFormat.of().parseHex(head + two2 + "ffff"), t.select(new int[] {1}));
    }

    @Test
    void keysAreTheNumbersTheKeyColumnsBinaryFormHolds() {
        for (Object[] c : List.of(new Object[] {Codec.INT2, "-3", -3L}, new Object[] {Codec.INT4, "-2147483648",
                (long) Integer.MIN_VALUE}, new Object[] {Codec.INT8, "9223372036854775807", Long.MAX_VALUE},
                new Object[] {Codec.DATE, "1999-12-31", -1L}, new Object[] {Codec.TIMESTAMP, "2000-01-01 00:00:01.5",
                1_500_000L}, new Object[] {Codec.TIMESTAMP, "1999-12-31 23:59:59", -1_000_000L},
                new Object[] {Codec.TIMESTAMP, "infinity", Long.MAX_VALUE})) {
            BinaryCopy b = new BinaryCopy(List.of(Codec.TEXT, (Codec) c[0]));
            BinaryCopy.Tuples t = b.tuples(List.of(new Record(1, ("x," + c[1]).getBytes(StandardCharsets.UTF_8)),
                    new Record(2, "y,".getBytes(StandardCharsets.UTF_8))), false, 1).orElseThrow();
            assertArrayEquals(new long[] {(long) c[2], 0}, t.keys(), c[0] + " " + c[1]);
            assertArrayEquals(new boolean[] {false, true}, t.nullKeys(), "the second record's key is NULL");
            assertArrayEquals(b.encode(List.of(new Record(1, ("x," + c[1]).getBytes(StandardCharsets.UTF_8)),
                    new Record(2, "y,".getBytes(StandardCharsets.UTF_8))), false).orElseThrow(), t.data(),
                    "the same encoding");
        }
        BinaryCopy b = new BinaryCopy(List.of(Codec.INT4));
        assertEquals(null, b.tuples(List.of(new Record(1, "1".getBytes(StandardCharsets.UTF_8))), false)
                .orElseThrow().keys(), "no keys unless asked for");
    }

    @Test
    void onlyTypesReadExactlyAreEncoded() {
        for (FieldType.Kind k : FieldType.Kind.values()) {
            Optional<Codec> c = BinaryCopy.codec(new FieldType.Simple(k, OptionalInt.empty()));
            assertEquals(switch (k) {
                case SMALLINT -> "INT2";
                case INTEGER -> "INT4";
                case BIGINT -> "INT8";
                case TEXT, VARCHAR, JSON -> "TEXT";
                case JSONB, BYTEA, BOOLEAN, DATE, TIMESTAMP, UUID -> k.name().replace("BOOLEAN", "BOOL");
                default -> "none";
            }, c.map(Enum::name).orElse("none"), k.name());
        }
        assertEquals(Optional.of(Codec.NUMERIC), BinaryCopy.codec(new FieldType.Numeric(Optional.of(10),
                Optional.of(2))));
        assertEquals(Optional.of(Codec.TIMESTAMP), BinaryCopy.codec(new FieldType.Simple(FieldType.Kind.TIMESTAMP,
                OptionalInt.of(3))));
        assertEquals(Optional.empty(), BinaryCopy.codec(new FieldType.Simple(FieldType.Kind.TIMESTAMPTZ,
                OptionalInt.empty())), "zone-less timestamptz text depends on the session's TimeZone");
        assertEquals(Optional.empty(), BinaryCopy.codec(new FieldType.Simple(FieldType.Kind.DOUBLE,
                OptionalInt.empty())));
        assertEquals(Optional.empty(), BinaryCopy.codec(new FieldType.Enum("s", "t", List.of("a"))));
    }
}
