package dev.specgen.load;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mapping, entries in document order. Keys are always scalars and unique by text: the loader reports duplicate
 * keys (SG102) and complex keys (SG110) and leaves those entries out.
 */
public record YMap(List<Entry> entries, SourcePos pos) implements YNode {

    /** One key/value pair; the key keeps its own position. */
    public record Entry(YScalar key, YNode value) {
        public Entry {
            Objects.requireNonNull(key, "key == null");
            Objects.requireNonNull(value, "value == null");
        }
    }

    public YMap {
        entries = List.copyOf(entries);
        Objects.requireNonNull(pos, "pos == null");
    }

    /** The value under {@code key} (compared with the key's text, whatever its quoting). */
    public Optional<YNode> get(String key) {
        return entry(key).map(Entry::value);
    }

    /** The entry under {@code key}, for callers that need the key's position. */
    public Optional<Entry> entry(String key) {
        Objects.requireNonNull(key, "key == null");
        // by index: an iterator per look-up was most of what reading a spec's keys allocated (issue 12)
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.key().text().equals(key)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Key texts in document order. */
    public List<String> keys() {
        return entries.stream().map(e -> e.key().text()).toList();
    }

    @Override
    public String kind() {
        return "mapping";
    }
}
