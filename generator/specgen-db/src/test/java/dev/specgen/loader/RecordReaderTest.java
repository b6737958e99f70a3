package dev.specgen.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.loader.RecordReader.Record;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Record boundaries and their lines, exactly; records that cross the reader's 64 KiB buffer. */
class RecordReaderTest {

    private static List<String> read(String input, InputFormat format) throws IOException {
        byte[] in = input.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        try (RecordReader r = new RecordReader(new ByteArrayInputStream(in), format)) {
            Optional<Record> rec;
            while ((rec = r.next()).isPresent()) {
                out.add(rec.get().line() + ":" + new String(rec.get().bytes(), StandardCharsets.UTF_8));
            }
            assertEquals(in.length, r.bytesRead());
        }
        return out;
    }

    @Test
    void csvRecordsKeepQuotedLineEndsAndStartOnTheirLines() throws IOException {
        assertEquals(List.of("1:a,b", "2:\"x\ny\",1", "4:\"say \"\"hi\"\"\",2", "6:last"),
                read("a,b\n\"x\ny\",1\n\"say \"\"hi\"\"\",2\n\nlast", InputFormat.CSV));
    }

    @Test
    void carriageReturnsEndingLinesAreDroppedAndBlankLinesSkipped() throws IOException {
        // a blank CRLF line's carriage return does not lead the record after it
        assertEquals(List.of("1:a,b", "3:c,d", "5:\"e\r\nf\""), read("a,b\r\n\r\nc,d\r\n\r\n\"e\r\nf\"\r\n",
                InputFormat.CSV));
    }

    @Test
    void tsvEscapesKeepTheByteAfterTheBackslash() throws IOException {
        // quotes mean nothing in TSV; an escaped line end does not end the record (nor count as a line)
        assertEquals(List.of("1:a\t\"b", "2:c\\\\\td\\\ne", "3:f\\"), read("a\t\"b\nc\\\\\td\\\ne\nf\\",
                InputFormat.TSV));
    }

    @Test
    void recordsLongerThanTheBufferAndRecordsAcrossItsEdge() throws IOException {
        StringBuilder in = new StringBuilder();
        List<String> expected = new ArrayList<>();
        String big = "\"" + "x".repeat(70_000) + "\n" + "y".repeat(70_000) + "\"";
        in.append(big).append('\n');
        expected.add("1:" + big);
        for (int i = 0; i < 20_000; i++) {
            String rec = i + ",\"" + "q".repeat(i % 13) + "\"\"\"";
            in.append(rec).append(i % 3 == 0 ? "\r\n" : "\n");
            expected.add((i + 3) + ":" + rec);
        }
        assertEquals(expected, read(in.toString(), InputFormat.CSV));
    }
}
