package dev.specgen.loader;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /** The next record, or empty at the end. Blank lines between records are skipped. */
    Optional<Record> next() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        boolean quoted = false;
        long start = line;
        int c;
        while ((c = read()) >= 0) {
            if (c == '\n') {
                line++;
                if (!quoted) {
                    byte[] b = trimCr(buf.toByteArray());
                    if (b.length == 0) {
                        start = line;
                        continue;
                    }
                    return Optional.of(new Record(start, b));
                }
            } else if (c == '"' && format == InputFormat.CSV) {
                quoted = !quoted; // a doubled quote toggles twice
            } else if (c == '\\' && format == InputFormat.TSV) {
                buf.write(c);
                int n = read();
                if (n < 0) {
                    break;
                }
                c = n;
            }
            buf.write(c);
        }
        byte[] b = trimCr(buf.toByteArray());
        return b.length == 0 ? Optional.empty() : Optional.of(new Record(start, b));
    }

    private int read() throws IOException {
        if (pos == limit) {
            limit = in.read(buffer, 0, buffer.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        bytesRead++;
        return buffer[pos++] & 0xff;
    }

    private static byte[] trimCr(byte[] b) {
        if (b.length > 0 && b[b.length - 1] == '\r') {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 0, t, 0, t.length);
            return t;
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
