package dev.specgen.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.loader.BatchWriter.Batch;
import dev.specgen.loader.BinaryCopy.Codec;
import dev.specgen.loader.RecordReader.Record;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader's encoding of batches for the direct COPY: what it queues, and when it stops trying. */
class AheadEncoderTest {
    private static List<Record> rec(String csv) {
        return List.of(new Record(3, csv.getBytes(StandardCharsets.UTF_8)));
    }

    private static String state(Batch b) {
        return b.encoded() ? (b.binary() == null ? "declined" : "binary") : "left to the session";
    }

    @Test
    void batchesAreQueuedEncodedLikeTheSessionsOwnDirectCopy() {
        BinaryCopy codecs = new BinaryCopy(List.of(Codec.INT4, Codec.TEXT));
        Batch b = new AheadEncoder(codecs).batch(7, rec("1,x"));
        assertEquals(7, b.index());
        assertArrayEquals(codecs.encode(rec("1,x"), false).orElseThrow(), b.binary(), "no line column");
    }

    @Test
    void afterFourDeclinedBatchesInARowItStopsTrying() {
        AheadEncoder a = new AheadEncoder(new BinaryCopy(List.of(Codec.INT4, Codec.TEXT)));
        List<String> out = new ArrayList<>();
        for (String csv : List.of("0x1,a", "1,b", "0x1,c", "0x1,d", "0x1,e", "0x1,f", "1,g")) {
            out.add(state(a.batch(0, rec(csv))));
        }
        assertEquals(List.of("declined", "binary", "declined", "declined", "declined", "declined",
                "left to the session"), out, "a success resets the count; the fourth decline in a row ends it");
    }
}
