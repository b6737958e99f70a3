package dev.specgen.load;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;

/** A sequence, items in document order. */
public record YSeq(List<YNode> items, SourcePos pos) implements YNode {

    public YSeq {
        items = List.copyOf(items);
        Objects.requireNonNull(pos, "pos == null");
    }

    @Override
    public String kind() {
        return "sequence";
    }
}
