package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;

/**
 * Table storage: {@code fillfactor}, {@code autovacuum_*}, {@code toast_tuple_target}, {@code parallel_workers}
 * (as {@link Param}s in spec order) and {@code unlogged}. On a partitioned table PostgreSQL accepts no storage
 * parameters on the parent, so the planner puts them on every leaf partition.
 */
public record Storage(List<Param> params, boolean unlogged, SourcePos pos) {
    public static final Storage NONE = new Storage(List.of(), false, SourcePos.NONE);

    public Storage {
        params = List.copyOf(params);
        Objects.requireNonNull(pos, "pos == null");
    }
}
