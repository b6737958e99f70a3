package dev.specgen.loader;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads records from a CSV or TSV stream as raw bytes, without decoding values: PostgreSQL's COPY parses them. Only
 * record boundaries are found here (a CSV record may hold quoted newlines), each with the line it starts on, so that
 * a rejected row can be reported by its input line. The first record is the header.
 */
final class RecordReader implements Closeable {

    /** One input record: its bytes without the line end, and the 1-based line it starts on. */
    record Record(long line, byte[] bytes) {
    }

    private final InputStream in;
    private final InputFormat format;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private long line = 1;
    private long bytesRead;
    /** The record being read (reused: each record is copied out once, at its exact length). */
    private byte[] record = new byte[256];
    private int len;

    RecordReader(InputStream in, InputFormat format) {
        this.in = in;
        this.format = format;
    }

    long bytesRead() {
        return bytesRead;
    }

    /** The header's column names (CSV quotes removed), or empty for an empty input. */
    Optional<List<String>> header() throws IOException {
        Optional<Record> r = next();
        return r.map(h -> fields(new String(h.bytes(), StandardCharsets.UTF_8)));
    }

    List<String> fields(String header) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (format == InputFormat.CSV && c == '"') {
                if (quoted && i + 1 < header.length() && header.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == format.delimiter() && !quoted) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().strip());
        if (!out.isEmpty() && out.get(0).startsWith("\uFEFF")) {
            out.set(0, out.get(0).substring(1));
        }
        return out;
    }

    /**
     * The next record, or empty at the end. Blank lines between records are skipped. The buffer is scanned for the
     * three bytes that matter (line end, quote, backslash) and the spans between them copied whole: a per-byte copy
     * was the larger part of the reader thread's CPU, which shares the 2 cores with the server.
     */
    Optional<Record> next() throws IOException {
        len = 0;
        boolean quoted = false;
        long start = line;
        boolean csv = format == InputFormat.CSV;
        boolean tsv = format == InputFormat.TSV;
        while (true) {
            if (pos == limit && !fill()) {
                break;
            }
            int i = pos;
            byte[] buf = buffer;
            int lim = limit;
            int c = -1;
            while (i < lim) {
                c = buf[i];
                if (c == '\n' || c == '"' && csv || c == '\\' && tsv) {
                    break;
                }
                i++;
            }
            append(buf, pos, i - pos);
            bytesRead += i - pos;
            pos = i;
            if (i == lim) {
                continue; // the span ran to the end of the buffer: refill
            }
            pos++;
            bytesRead++;
            if (c == '\n') {
                line++;
                if (!quoted) {
                    byte[] b = record();
                    if (b.length == 0) {
                        start = line;
                        len = 0; // a blank line's carriage return does not lead the next record
                        continue;
                    }
                    return Optional.of(new Record(start, b));
                }
                append('\n');
            } else if (c == '"') {
                quoted = !quoted; // a doubled quote toggles twice
                append('"');
            } else {
                append('\\'); // TSV: the escaped byte after it is kept whatever it is, a line end too
                if (pos == limit && !fill()) {
                    break;
                }
                bytesRead++;
                append(buffer[pos++]); // (an escaped line end is not counted as a line, as before)
            }
        }
        byte[] b = record();
        return b.length == 0 ? Optional.empty() : Optional.of(new Record(start, b));
    }

    /** Reads more input into the buffer; false at the end. */
    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private void append(byte[] b, int off, int n) {
        if (len + n > record.length) {
            record = Arrays.copyOf(record, Math.max(record.length * 2, len + n));
        }
        System.arraycopy(b, off, record, len, n);
        len += n;
    }

    private void append(int b) {
        if (len == record.length) {
            record = Arrays.copyOf(record, record.length * 2);
        }
        record[len++] = (byte) b;
    }

    /** The record collected so far, without a trailing carriage return. */
    private byte[] record() {
        int n = len > 0 && record[len - 1] == '\r' ? len - 1 : len;
        return Arrays.copyOf(record, n);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
