package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of a sequence, as an identity column's {@code identity: {generated: always, start: 1000, ...}} gives them;
 * each absent one is PostgreSQL's default for the column's type. {@code pos} is the mapping's position
 * ({@link SourcePos#NONE} for {@link #NONE}); {@code positions} has the position of each value given, by key.
 */
public record SequenceOptions(Optional<Long> start, Optional<Long> increment, Optional<Long> min, Optional<Long> max,
        Optional<Long> cache, Optional<Boolean> cycle, java.util.Map<String, SourcePos> positions, SourcePos pos) {

    public static final SequenceOptions NONE = new SequenceOptions(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), java.util.Map.of(), SourcePos.NONE);

    public SequenceOptions {
        Objects.requireNonNull(start, "start == null");
        Objects.requireNonNull(increment, "increment == null");
        Objects.requireNonNull(min, "min == null");
        Objects.requireNonNull(max, "max == null");
        Objects.requireNonNull(cache, "cache == null");
        Objects.requireNonNull(cycle, "cycle == null");
        positions = java.util.Map.copyOf(positions);
        Objects.requireNonNull(pos, "pos == null");
    }

    /** The position of {@code key}'s value, else of the mapping. */
    public SourcePos pos(String key) {
        return positions.getOrDefault(key, pos);
    }

    public boolean isEmpty() {
        return start.isEmpty() && increment.isEmpty() && min.isEmpty() && max.isEmpty() && cache.isEmpty()
                && cycle.isEmpty();
    }

    /** {@code START WITH 1000 INCREMENT BY 10 MINVALUE 1 MAXVALUE 99999 CACHE 20 CYCLE}: the options given, in this order. */
    public String sql() {
        List<String> out = new ArrayList<>();
        start.ifPresent(v -> out.add("START WITH " + v));
        increment.ifPresent(v -> out.add("INCREMENT BY " + v));
        min.ifPresent(v -> out.add("MINVALUE " + v));
        max.ifPresent(v -> out.add("MAXVALUE " + v));
        cache.ifPresent(v -> out.add("CACHE " + v));
        cycle.ifPresent(v -> out.add(v ? "CYCLE" : "NO CYCLE"));
        return String.join(" ", out);
    }
}
