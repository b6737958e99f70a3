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
        Buf b = new Buf(records.size() * 160 + 32);
        b.bytes(SIGNATURE, 0, SIGNATURE.length);
        b.int32(0); // flags
        b.int32(0); // header extension length
        Fields f = new Fields();
        int count = codecs.size() + (lines ? 1 : 0);
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
                if (!field(b, codecs.get(i), f, i)) {
                    return Optional.empty();
                }
            }
        }
        b.int16(-1);
        return Optional.of(b.toArray());
    }

    private static boolean field(Buf b, Codec c, Fields f, int i) {
        if (f.isNull(i)) {
            b.int32(-1);
            return true;
        }
        byte[] s = f.value(i);
        return switch (c) {
            case TEXT -> {
                b.int32(s.length);
                b.bytes(s, 0, s.length);
                yield true;
            }
            case JSONB -> {
                b.int32(s.length + 1);
                b.int8(1); // jsonb's binary format 1: the text
                b.bytes(s, 0, s.length);
                yield true;
            }
            case INT2 -> integer(b, s, 2, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT4 -> integer(b, s, 4, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT8 -> integer(b, s, 8, Long.MIN_VALUE, Long.MAX_VALUE);
            case NUMERIC -> numeric(b, s);
            case UUID -> uuid(b, s);
            case BOOL -> bool(b, s);
            case DATE -> date(b, s);
            case TIMESTAMP -> timestamp(b, s);
            case BYTEA -> bytea(b, s);
        };
    }

    /** {@code -?[0-9]+} within the type's range (int2in/int4in/int8in also take spaces, +, _ and 0x: as text). */
    static boolean integer(Buf b, byte[] s, int size, long min, long max) {
        int i = s.length > 0 && s[0] == '-' ? 1 : 0;
        if (i == s.length || s.length - i > 19) {
            return false;
        }
        long v = 0;
        for (int k = i; k < s.length; k++) {
            int d = s[k] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            v = v * 10 - d; // negative accumulation reaches Long.MIN_VALUE
            if (v > 0) {
                return false; // overflow past Long.MIN_VALUE
            }
        }
        if (i == 0) {
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
    static boolean numeric(Buf b, byte[] s) {
        if (s.length == 3 && (s[0] | 0x20) == 'n' && (s[1] | 0x20) == 'a' && (s[2] | 0x20) == 'n') {
            b.int32(8);
            b.int16(0);
            b.int16(0);
            b.int16(0xC000);
            b.int16(0);
            return true;
        }
        if (s.length == 0 || s.length > MAX_NUMERIC_CHARS) {
            return false;
        }
        boolean neg = s[0] == '-';
        int i = neg ? 1 : 0;
        int intStart = i;
        while (i < s.length && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        int intEnd = i;
        int fracStart = i;
        int fracEnd = i;
        if (i < s.length && s[i] == '.') {
            fracStart = ++i;
            while (i < s.length && s[i] >= '0' && s[i] <= '9') {
                i++;
            }
            fracEnd = i;
        }
        if (i != s.length || intEnd == intStart && fracEnd == fracStart) {
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
    static boolean uuid(Buf b, byte[] s) {
        if (s.length != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') {
            return false;
        }
        byte[] out = new byte[16];
        int o = 0;
        for (int k = 0; k < 36; k++) {
            if (k == 8 || k == 13 || k == 18 || k == 23) {
                continue;
            }
            int h = hex(s[k]);
            int l = hex(s[++k]);
            if (h < 0 || l < 0) {
                return false;
            }
            out[o++] = (byte) (h << 4 | l);
        }
        b.int32(16);
        b.bytes(out, 0, 16);
        return true;
    }

    /** t, f, true, false, yes, no, on, off, 1, 0 in any case (boolin also takes prefixes and spaces: as text). */
    static boolean bool(Buf b, byte[] s) {
        String v = new String(s, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
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
    static boolean date(Buf b, byte[] s) {
        long days;
        if (is(s, "infinity")) {
            days = Integer.MAX_VALUE;
        } else if (is(s, "-infinity")) {
            days = Integer.MIN_VALUE;
        } else {
            if (s.length != 10) {
                return false;
            }
            long d = epochDay(s);
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
    static boolean timestamp(Buf b, byte[] s) {
        long micros;
        if (is(s, "infinity")) {
            micros = Long.MAX_VALUE;
        } else if (is(s, "-infinity")) {
            micros = Long.MIN_VALUE;
        } else {
            if (s.length < 19 || s.length == 20 || s.length > 26 || s[10] != ' ' && s[10] != 'T' || s[13] != ':'
                    || s[16] != ':') {
                return false;
            }
            long day = epochDay(s);
            int h = two(s, 11);
            int m = two(s, 14);
            int sec = two(s, 17);
            if (day == Long.MIN_VALUE || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) {
                return false;
            }
            long frac = 0;
            if (s.length > 19) {
                if (s[19] != '.') {
                    return false;
                }
                for (int k = 20; k < 26; k++) {
                    int d = k < s.length ? s[k] - '0' : 0;
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
    static boolean bytea(Buf b, byte[] s) {
        if (s.length < 2 || s[0] != '\\' || s[1] != 'x' || s.length % 2 != 0) {
            return false;
        }
        int n = (s.length - 2) / 2;
        byte[] out = new byte[n];
        for (int k = 0; k < n; k++) {
            int h = hex(s[2 + 2 * k]);
            int l = hex(s[3 + 2 * k]);
            if (h < 0 || l < 0) {
                return false;
            }
            out[k] = (byte) (h << 4 | l);
        }
        b.int32(n);
        b.bytes(out, 0, n);
        return true;
    }

    /** Days from 1970-01-01 of {@code YYYY-MM-DD} at the start of {@code s}, or Long.MIN_VALUE if not a date. */
    private static long epochDay(byte[] s) {
        if (s[4] != '-' || s[7] != '-') {
            return Long.MIN_VALUE;
        }
        int y1 = two(s, 0);
        int y2 = two(s, 2);
        int mo = two(s, 5);
        int d = two(s, 8);
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

    private static boolean is(byte[] s, String word) {
        if (s.length != word.length()) {
            return false;
        }
        for (int k = 0; k < s.length; k++) {
            if ((s[k] | 0x20) != word.charAt(k) && s[k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int l = c | 0x20;
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
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

        byte[] value(int k) {
            if (!quoted[k]) {
                return java.util.Arrays.copyOfRange(rec, start[k], end[k]);
            }
            byte[] out = new byte[end[k] - start[k]];
            int o = 0;
            for (int i = start[k]; i < end[k]; i++) {
                out[o++] = rec[i];
                if (rec[i] == '"') {
                    i++; // the second of a doubled quote
                }
            }
            return o == out.length ? out : java.util.Arrays.copyOf(out, o);
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
