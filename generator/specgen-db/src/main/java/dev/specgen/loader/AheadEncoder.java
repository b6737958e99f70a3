package dev.specgen.loader;

import dev.specgen.loader.BatchWriter.Batch;
import dev.specgen.loader.RecordReader.Record;
import java.util.List;
import java.util.Optional;

/**
 * Encodes each batch for the direct COPY ({@link BinaryCopy}, without the line column) on the reader's thread, before
 * the batch is queued: the session that sends it then only sends, and the client's encoding of the next batch runs
 * while the server still copies this one, instead of the server waiting for it. A batch the encoder declines is
 * queued as not encodable (its COPY goes as text, as before); after {@link BatchWriter#MAX_DECLINED} declined batches
 * in a row it stops trying, as the session's own encoder does.
 */
final class AheadEncoder {
    private BinaryCopy binary;
    private int declined;

    AheadEncoder(BinaryCopy binary) {
        this.binary = binary;
    }

    /** An encoder when batches are COPYed straight into a relation ({@code direct}) and their columns encode. */
    static Optional<AheadEncoder> of(Optional<String> direct, LoadTarget target, InputFormat format) {
        if (direct.isEmpty()) {
            return Optional.empty();
        }
        return BinaryCopy.of(target.columns, format).map(AheadEncoder::new);
    }

    /** The batch to queue: encoded, declined, or (the encoder off) left to the session. */
    Batch batch(int index, List<Record> records) {
        if (binary == null) {
            return new Batch(index, records);
        }
        Optional<byte[]> out = binary.encode(records, false);
        if (out.isEmpty() && ++declined >= BatchWriter.MAX_DECLINED) {
            binary = null;
        } else if (out.isPresent()) {
            declined = 0;
        }
        return new Batch(index, records, out.orElse(null), true);
    }
}
