package dev.specgen.loader;

import dev.specgen.loader.RecordReader.Record;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CSV records re-encoded in PostgreSQL's binary COPY format, so that the server does not parse uuid, numeric and
 * timestamp text (about a fifth of COPY's server CPU into the indexed sales table, and half of it into a staging
 * table: measured with PG15, 200,000 rows). Only values whose text form the client reads exactly as the server would
 * are encoded: canonical spellings of integers, numerics, uuids, booleans, ISO dates and timestamps, plus text, json,
 * jsonb and bytea hex, whose binary form is their text. A batch holding anything else (another spelling, a value out
 * of range, a field count that does not match) is not encoded at all ({@link #encode} gives empty) and goes as CSV
 * text, as every batch did before: the server then parses it and reports bad values, with their lines, exactly as
 * it always has. A batch that is encoded but fails on the server (a key twice, a check) is also retried as text by
 * the caller, so rejects never depend on this class.
 */
final class BinaryCopy {
    /** How one column's CSV field is encoded. */
    enum Codec {
        INT2, INT4, INT8, NUMERIC, UUID, TEXT, JSONB, BYTEA, BOOL, DATE, TIMESTAMP
    }

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
    private static final long PG_EPOCH_DAYS = 10_957;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** Longest numeric text encoded here (numeric_in takes far more; such values are rare enough to go as text). */
    private static final int MAX_NUMERIC_CHARS = 200;

    private final List<Codec> codecs;

    BinaryCopy(List<Codec> codecs) {
        this.codecs = List.copyOf(codecs);
    }

    /**
     * One thread's use of an encoder: after {@link #MAX_DECLINED} batches in a row it could not encode (a spelling it
     * does not read), it is not tried again, so that a file of such values is not scanned twice.
     */
    static final class Tries {
        /** Batches in a row the encoder declined before it is switched off. */
        static final int MAX_DECLINED = 4;
        private BinaryCopy binary;
        private int declined;

        Tries(Optional<BinaryCopy> binary) {
            this.binary = binary.orElse(null);
        }

        boolean on() {
            return binary != null;
        }

        /** The records in binary, or empty when the encoder is off or declines them. */
        Optional<byte[]> encode(List<Record> records, boolean lines) {
            return tuples(records, lines).map(Tuples::data);
        }

        /** {@link #encode} with where each record's tuple ends, so that a subset can be sent without encoding again. */
        Optional<Tuples> tuples(List<Record> records, boolean lines) {
            return tuples(records, lines, -1);
        }

        /** {@link #tuples(List, boolean)}, keeping the values of column {@code key} (-1: none) as {@link Tuples#keys}. */
        Optional<Tuples> tuples(List<Record> records, boolean lines, int key) {
            if (binary == null) {
                return Optional.empty();
            }
            Optional<Tuples> out = binary.tuples(records, lines, key);
            if (out.isEmpty() && ++declined >= MAX_DECLINED) {
                binary = null;
            } else if (out.isPresent()) {
                declined = 0;
            }
            return out;
        }
    }

    /** The encoder for {@code columns} of a CSV input, or empty when a column's type is not one encoded here. */
    static Optional<BinaryCopy> of(List<Field> columns, InputFormat format) {
        if (format != InputFormat.CSV) {
            return Optional.empty(); // TSV is COPY's text format: its escapes stay the server's to read
        }
        List<Codec> out = new ArrayList<>();
        for (Field f : columns) {
            Optional<Codec> c = codec(f.type());
            if (c.isEmpty()) {
                return Optional.empty();
            }
            out.add(c.get());
        }
        return Optional.of(new BinaryCopy(out));
    }

    static Optional<Codec> codec(FieldType t) {
        if (t instanceof FieldType.Numeric) {
            return Optional.of(Codec.NUMERIC);
        }
        if (t instanceof FieldType.Sized) {
            return Optional.of(Codec.TEXT); // varchar(n) and char(n) receive their text through the same typmod check
        }
        if (!(t instanceof FieldType.Simple s)) {
            return Optional.empty(); // enums, domains, arrays, composites, ranges, extension types: as text
        }
        return Optional.ofNullable(switch (s.kind()) {
            case SMALLINT -> Codec.INT2;
            case INTEGER -> Codec.INT4;
            case BIGINT -> Codec.INT8;
            case UUID -> Codec.UUID;
            case TEXT, VARCHAR, JSON -> Codec.TEXT;
            case JSONB -> Codec.JSONB;
            case BYTEA -> Codec.BYTEA;
            case BOOLEAN -> Codec.BOOL;
            case DATE -> Codec.DATE;
            case TIMESTAMP -> Codec.TIMESTAMP;
            default -> null; // timestamptz reads a zone-less value in the session's TimeZone; floats, times...
        });
    }

    /**
     * The binary COPY data of {@code records}, each led by its input line (an int8 column) when {@code lines}; empty
     * when any record holds a field not encoded here.
     */
    Optional<byte[]> encode(List<Record> records, boolean lines) {
        return tuples(records, lines).map(Tuples::data);
    }

    /** {@link #encode}, with where each record's tuple ends in the data. */
    Optional<Tuples> tuples(List<Record> records, boolean lines) {
        return tuples(records, lines, -1);
    }

    /**
     * {@link #tuples(List, boolean)}, keeping the value of column {@code key} (-1: none) of every record as the
     * number its binary form holds ({@link Tuples#keys}): a {@link LeafRouter} routes by it without reading the
     * field a second time.
     */
    Optional<Tuples> tuples(List<Record> records, boolean lines, int key) {
        Buf b = new Buf(records.size() * 160 + 32);
        header(b);
        Fields f = new Fields();
        int count = codecs.size() + (lines ? 1 : 0);
        int[] ends = new int[records.size()];
        long[] keys = key < 0 ? null : new long[records.size()];
        boolean[] nullKeys = key < 0 ? null : new boolean[records.size()];
        int k = 0;
        for (Record r : records) {
            if (!f.split(r.bytes(), codecs.size())) {
                return Optional.empty();
            }
            b.int16(count);
            if (lines) {
                b.int32(8);
                b.int64(r.line());
            }
            for (int i = 0; i < codecs.size(); i++) {
                int at = b.len;
                if (!field(b, codecs.get(i), f, i)) {
                    return Optional.empty();
                }
                if (i == key) {
                    nullKeys[k] = f.isNull(i);
                    keys[k] = nullKeys[k] ? 0 : b.number(at);
                }
            }
            ends[k++] = b.len;
        }
        b.int16(-1);
        return Optional.of(new Tuples(b.toArray(), ends, keys, nullKeys));
    }

    private static void header(Buf b) {
        b.bytes(SIGNATURE, 0, SIGNATURE.length);
        b.int32(0); // flags
        b.int32(0); // header extension length
    }

    /** Length of the binary COPY header (signature, flags, extension length): where the first tuple starts. */
    static final int HEADER = SIGNATURE.length + 8;

    /**
     * Binary COPY data of some records and where each one's tuple ends ({@code ends[k]}: the offset just past record
     * {@code k}'s tuple; record 0's starts at {@link #HEADER}); when asked for, each record's key as a number (an
     * integer's, a date's days or a timestamp's microseconds, what its binary form holds) and whether it is NULL,
     * else both null.
     */
    record Tuples(byte[] data, int[] ends, long[] keys, boolean[] nullKeys) {
        /** Without keys. */
        Tuples(byte[] data, int[] ends) {
            this(data, ends, null, null);
        }

        /**
         * The COPY data of the records at {@code picks} (indexes into the encoded records, in the order to send):
         * their tuples copied as they are, under a header and over the trailer of their own. Routing a batch to its
         * leaf partitions sends each leaf its slice this way instead of encoding the records a second time.
         */
        byte[] select(int[] picks) {
            int n = HEADER + 2;
            for (int k : picks) {
                n += ends[k] - start(k);
            }
            Buf b = new Buf(n);
            header(b);
            for (int k : picks) {
                b.bytes(data, start(k), ends[k] - start(k));
            }
            b.int16(-1);
            return b.a.length == b.len ? b.a : b.toArray();
        }

        private int start(int k) {
            return k == 0 ? HEADER : ends[k - 1];
        }
    }

    /**
     * Encodes field {@code i}. A field is read where it lies in the record ({@link Fields#value}: no copy unless it
     * holds a doubled quote), so that encoding allocates nothing per field: it runs on the load's reader thread, beside
     * the server on the same cores.
     */
    private static boolean field(Buf b, Codec c, Fields f, int i) {
        if (f.isNull(i)) {
            b.int32(-1);
            return true;
        }
        byte[] s = f.value(i);
        int o = f.offset();
        int n = f.length();
        return switch (c) {
            case TEXT -> {
                b.int32(n);
                b.bytes(s, o, n);
                yield true;
            }
            case JSONB -> {
                b.int32(n + 1);
                b.int8(1); // jsonb's binary format 1: the text
                b.bytes(s, o, n);
                yield true;
            }
            case INT2 -> integer(b, s, o, n, 2, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT4 -> integer(b, s, o, n, 4, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT8 -> integer(b, s, o, n, 8, Long.MIN_VALUE, Long.MAX_VALUE);
            case NUMERIC -> numeric(b, s, o, n);
            case UUID -> uuid(b, s, o, n);
            case BOOL -> bool(b, s, o, n);
            case DATE -> date(b, s, o, n);
            case TIMESTAMP -> timestamp(b, s, o, n);
            case BYTEA -> bytea(b, s, o, n);
        };
    }

    /** {@code -?[0-9]+} within the type's range (int2in/int4in/int8in also take spaces, +, _ and 0x: as text). */
    static boolean integer(Buf b, byte[] s, int o, int n, int size, long min, long max) {
        int end = o + n;
        int i = n > 0 && s[o] == '-' ? o + 1 : o;
        if (i == end || end - i > 19) {
            return false;
        }
        long v = 0;
        for (int k = i; k < end; k++) {
            int d = s[k] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            v = v * 10 - d; // negative accumulation reaches Long.MIN_VALUE
            if (v > 0) {
                return false; // overflow past Long.MIN_VALUE
            }
        }
        if (i == o) {
            if (v == Long.MIN_VALUE) {
                return false;
            }
            v = -v;
        }
        if (v < min || v > max) {
            return false;
        }
        b.int32(size);
        switch (size) {
            case 2 -> b.int16((int) v);
            case 4 -> b.int32((int) v);
            default -> b.int64(v);
        }
        return true;
    }

    /**
     * {@code -?[0-9]*(\.[0-9]*)?} with at least one digit, or NaN in any case: digits in base 10000, the display
     * scale the digits after the point (as numeric_in keeps it); numeric_recv applies the column's typmod as
     * numeric_in does. Exponents, infinities, spaces and signs other than a leading minus go as text.
     */
    static boolean numeric(Buf b, byte[] s, int o, int len) {
        if (len == 3 && (s[o] | 0x20) == 'n' && (s[o + 1] | 0x20) == 'a' && (s[o + 2] | 0x20) == 'n') {
            b.int32(8);
            b.int16(0);
            b.int16(0);
            b.int16(0xC000);
            b.int16(0);
            return true;
        }
        if (len == 0 || len > MAX_NUMERIC_CHARS) {
            return false;
        }
        int end = o + len;
        boolean neg = s[o] == '-';
        int i = neg ? o + 1 : o;
        int intStart = i;
        while (i < end && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        int intEnd = i;
        int fracStart = i;
        int fracEnd = i;
        if (i < end && s[i] == '.') {
            fracStart = ++i;
            while (i < end && s[i] >= '0' && s[i] <= '9') {
                i++;
            }
            fracEnd = i;
        }
        if (i != end || intEnd == intStart && fracEnd == fracStart) {
            return false;
        }
        while (intStart < intEnd && s[intStart] == '0') {
            intStart++;
        }
        int intLen = intEnd - intStart;
        int fracLen = fracEnd - fracStart;
        int pad = (4 - intLen % 4) % 4;
        int intGroups = (intLen + pad) / 4;
        int groups = intGroups + (fracLen + 3) / 4;
        int[] d = new int[groups];
        for (int k = 0; k < groups * 4; k++) {
            int pos = k - pad; // position among the integer digits, then the fraction digits
            int digit;
            if (pos < 0) {
                digit = 0;
            } else if (pos < intLen) {
                digit = s[intStart + pos] - '0';
            } else if (pos - intLen < fracLen) {
                digit = s[fracStart + pos - intLen] - '0';
            } else {
                digit = 0;
            }
            d[k / 4] = d[k / 4] * 10 + digit;
        }
        int weight = intGroups - 1;
        int first = 0;
        int last = groups;
        while (last > first && d[last - 1] == 0) {
            last--;
        }
        while (first < last && d[first] == 0) {
            first++;
            weight--;
        }
        int n = last - first;
        if (n == 0) {
            weight = 0;
            neg = false;
        }
        b.int32(8 + 2 * n);
        b.int16(n);
        b.int16(weight);
        b.int16(neg ? 0x4000 : 0);
        b.int16(fracLen);
        for (int k = first; k < last; k++) {
            b.int16(d[k]);
        }
        return true;
    }

    /** {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, hex digits in either case (uuid_in also takes braces and more). */
    static boolean uuid(Buf b, byte[] s, int o, int n) {
        if (n != 36 || s[o + 8] != '-' || s[o + 13] != '-' || s[o + 18] != '-' || s[o + 23] != '-') {
            return false;
        }
        int at = b.reserve(20); // written in place; dropped with the batch if a digit is not hex
        b.int32At(at, 16);
        int bad = 0;
        for (int k = 0; k < 16; k++) {
            int p = o + UUID_DIGITS[k];
            int h = HEX[s[p] & 0xff];
            int l = HEX[s[p + 1] & 0xff];
            bad |= h | l; // -1 where a byte is not a hex digit
            b.byteAt(at + 4 + k, h << 4 | l);
        }
        return bad >= 0;
    }

    /** t, f, true, false, yes, no, on, off, 1, 0 in any case (boolin also takes prefixes and spaces: as text). */
    static boolean bool(Buf b, byte[] s, int o, int n) {
        String v = new String(s, o, n, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        int x = switch (v) {
            case "t", "true", "yes", "on", "1" -> 1;
            case "f", "false", "no", "off", "0" -> 0;
            default -> -1;
        };
        if (x < 0) {
            return false;
        }
        b.int32(1);
        b.int8(x);
        return true;
    }

    /** {@code YYYY-MM-DD} (a year from 1 to 9999, read the same whatever DateStyle says), or ±infinity. */
    static boolean date(Buf b, byte[] s, int o, int n) {
        long days;
        if (is(s, o, n, "infinity")) {
            days = Integer.MAX_VALUE;
        } else if (is(s, o, n, "-infinity")) {
            days = Integer.MIN_VALUE;
        } else {
            if (n != 10) {
                return false;
            }
            long d = epochDay(s, o);
            if (d == Long.MIN_VALUE) {
                return false;
            }
            days = d - PG_EPOCH_DAYS;
        }
        b.int32(4);
        b.int32((int) days);
        return true;
    }

    /**
     * {@code YYYY-MM-DD HH:MM:SS} (or with a T) and up to six fraction digits, or ±infinity: microseconds from
     * 2000-01-01. timestamp_recv rounds to the column's precision as timestamp_in does. 24:00:00, leap seconds, zones
     * (which timestamp without time zone ignores), BC and other spellings go as text.
     */
    static boolean timestamp(Buf b, byte[] s, int o, int n) {
        long micros;
        if (is(s, o, n, "infinity")) {
            micros = Long.MAX_VALUE;
        } else if (is(s, o, n, "-infinity")) {
            micros = Long.MIN_VALUE;
        } else {
            if (n < 19 || n == 20 || n > 26 || s[o + 10] != ' ' && s[o + 10] != 'T' || s[o + 13] != ':'
                    || s[o + 16] != ':') {
                return false;
            }
            long day = epochDay(s, o);
            int h = two(s, o + 11);
            int m = two(s, o + 14);
            int sec = two(s, o + 17);
            if (day == Long.MIN_VALUE || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) {
                return false;
            }
            long frac = 0;
            if (n > 19) {
                if (s[o + 19] != '.') {
                    return false;
                }
                for (int k = 20; k < 26; k++) {
                    int d = k < n ? s[o + k] - '0' : 0;
                    if (d < 0 || d > 9) {
                        return false;
                    }
                    frac = frac * 10 + d;
                }
            }
            micros = (day - PG_EPOCH_DAYS) * MICROS_PER_DAY + ((h * 60L + m) * 60 + sec) * 1_000_000 + frac;
        }
        b.int32(8);
        b.int64(micros);
        return true;
    }

    /** bytea's hex form {@code \x...} (bytea_in's escape form goes as text). */
    static boolean bytea(Buf b, byte[] s, int o, int len) {
        if (len < 2 || s[o] != '\\' || s[o + 1] != 'x' || len % 2 != 0) {
            return false;
        }
        int n = (len - 2) / 2;
        int at = b.reserve(4 + n);
        b.int32At(at, n);
        for (int k = 0; k < n; k++) {
            int h = hex(s[o + 2 + 2 * k]);
            int l = hex(s[o + 3 + 2 * k]);
            if (h < 0 || l < 0) {
                return false;
            }
            b.byteAt(at + 4 + k, h << 4 | l);
        }
        return true;
    }

    /** Days from 1970-01-01 of {@code YYYY-MM-DD} at the start of {@code s}, or Long.MIN_VALUE if not a date. */
    private static long epochDay(byte[] s, int o) {
        if (s[o + 4] != '-' || s[o + 7] != '-') {
            return Long.MIN_VALUE;
        }
        int y1 = two(s, o);
        int y2 = two(s, o + 2);
        int mo = two(s, o + 5);
        int d = two(s, o + 8);
        if (y1 < 0 || y2 < 0 || mo < 0 || d < 0 || y1 * 100 + y2 == 0) {
            return Long.MIN_VALUE; // year 0 does not exist for PostgreSQL
        }
        try {
            return LocalDate.of(y1 * 100 + y2, mo, d).toEpochDay();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static int two(byte[] s, int at) {
        int a = s[at] - '0';
        int c = s[at + 1] - '0';
        return a < 0 || a > 9 || c < 0 || c > 9 ? -1 : a * 10 + c;
    }

    private static boolean is(byte[] s, int o, int n, String word) {
        if (n != word.length()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if ((s[o + k] | 0x20) != word.charAt(k) && s[o + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int hex(byte c) {
        return HEX[c & 0xff];
    }

    /** Each byte's value as a hex digit, or -1. */
    private static final int[] HEX = new int[256];
    /** Where each of a uuid's 16 bytes starts in its 36 characters. */
    private static final int[] UUID_DIGITS = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};

    static {
        java.util.Arrays.fill(HEX, -1);
        for (int c = 0; c < 10; c++) {
            HEX['0' + c] = c;
        }
        for (int c = 0; c < 6; c++) {
            HEX['a' + c] = 10 + c;
            HEX['A' + c] = 10 + c;
        }
    }

    /**
     * One CSV record split into fields as COPY's CSV mode reads it: an unquoted empty field is NULL, a quoted one is
     * an empty string; quotes removed and doubled quotes halved; nothing trimmed.
     */
    static final class Fields {
        private byte[] rec;
        private int[] start = new int[16];
        private int[] end = new int[16];
        private boolean[] quoted = new boolean[16];
        private int n;
        private byte[] scratch = new byte[64];
        private int valueOffset;
        private int valueLength;

        /** Splits {@code r}; false unless it holds exactly {@code expected} fields. */
        boolean split(byte[] r, int expected) {
            rec = r;
            n = 0;
            int i = 0;
            while (true) {
                if (n == expected) {
                    return false; // more fields than columns
                }
                if (n == start.length) {
                    start = java.util.Arrays.copyOf(start, n * 2);
                    end = java.util.Arrays.copyOf(end, n * 2);
                    quoted = java.util.Arrays.copyOf(quoted, n * 2);
                }
                if (i < r.length && r[i] == '"') {
                    int s = ++i;
                    while (true) {
                        if (i >= r.length) {
                            return false; // an unterminated quote
                        }
                        if (r[i] == '"') {
                            if (i + 1 < r.length && r[i + 1] == '"') {
                                i += 2;
                                continue;
                            }
                            break;
                        }
                        i++;
                    }
                    start[n] = s;
                    end[n] = i;
                    quoted[n] = true;
                    i++;
                    if (i < r.length && r[i] != ',') {
                        return false; // text after a closing quote
                    }
                } else {
                    int s = i;
                    while (i < r.length && r[i] != ',') {
                        if (r[i] == '"') {
                            return false; // a quote inside an unquoted field: as text
                        }
                        i++;
                    }
                    start[n] = s;
                    end[n] = i;
                    quoted[n] = false;
                }
                n++;
                if (i >= r.length) {
                    return n == expected;
                }
                i++; // the comma
            }
        }

        boolean isNull(int k) {
            return !quoted[k] && start[k] == end[k];
        }

        /**
         * The array that holds field {@code k}'s value, at {@link #offset} for {@link #length} bytes: the record
         * itself, or for a quoted field with doubled quotes a scratch copy with them halved (valid until the next
         * call).
         */
        byte[] value(int k) {
            valueOffset = start[k];
            valueLength = end[k] - start[k];
            if (!quoted[k]) {
                return rec;
            }
            int i = start[k];
            while (i < end[k] && rec[i] != '"') {
                i++;
            }
            if (i == end[k]) {
                return rec; // quoted, but no doubled quote inside
            }
            if (scratch.length < valueLength) {
                scratch = new byte[Math.max(valueLength, scratch.length * 2)];
            }
            int o = 0;
            for (i = start[k]; i < end[k]; i++) {
                scratch[o++] = rec[i];
                if (rec[i] == '"') {
                    i++; // the second of a doubled quote
                }
            }
            valueOffset = 0;
            valueLength = o;
            return scratch;
        }

        int offset() {
            return valueOffset;
        }

        int length() {
            return valueLength;
        }
    }

    /** A growable big-endian byte buffer (ByteArrayOutputStream synchronizes every write). */
    static final class Buf {
        private byte[] a;
        private int len;

        Buf(int capacity) {
            a = new byte[Math.max(64, capacity)];
        }

        private void room(int n) {
            if (len + n > a.length) {
                a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, len + n));
            }
        }

        void int8(int v) {
            room(1);
            a[len++] = (byte) v;
        }

        void int16(int v) {
            room(2);
            a[len++] = (byte) (v >>> 8);
            a[len++] = (byte) v;
        }

        void int32(int v) {
            room(4);
            a[len++] = (byte) (v >>> 24);
            a[len++] = (byte) (v >>> 16);
            a[len++] = (byte) (v >>> 8);
            a[len++] = (byte) v;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        /** Makes room for {@code n} bytes and counts them as written; returns where they start. */
        int reserve(int n) {
            room(n);
            len += n;
            return len - n;
        }

        void byteAt(int at, int v) {
            a[at] = (byte) v;
        }

        /**
         * The integer a field's binary form written at {@code at} holds (an int32 length of 2, 4 or 8, then the value),
         * sign-extended; 0 for another length.
         */
        long number(int at) {
            int n = (a[at] & 0xff) << 24 | (a[at + 1] & 0xff) << 16 | (a[at + 2] & 0xff) << 8 | a[at + 3] & 0xff;
            long v = 0;
            for (int i = 0; i < n && n <= 8; i++) {
                v = v << 8 | a[at + 4 + i] & 0xff;
            }
            return switch (n) {
                case 2 -> (short) v;
                case 4 -> (int) v;
                case 8 -> v;
                default -> 0;
            };
        }

        void int32At(int at, int v) {
            a[at] = (byte) (v >>> 24);
            a[at + 1] = (byte) (v >>> 16);
            a[at + 2] = (byte) (v >>> 8);
            a[at + 3] = (byte) v;
        }

        void bytes(byte[] b, int off, int n) {
            room(n);
            System.arraycopy(b, off, a, len, n);
            len += n;
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(a, len);
        }
    }
}
