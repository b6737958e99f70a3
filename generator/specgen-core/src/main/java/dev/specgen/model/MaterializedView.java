package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code materialized_view: product_performance_mv} with {@code refresh_strategy} (full, concurrent, incremental)
 * and {@code refresh_interval} (a PostgreSQL interval such as {@code 1 hour}). Parsed and validated now; rendered
 * by the materialized-views issue.
 */
public record MaterializedView(String name, Refresh refresh, Optional<String> refreshInterval, SourcePos pos) {
    public enum Refresh { FULL, CONCURRENT, INCREMENTAL }

    public MaterializedView {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(refresh, "refresh == null");
        Objects.requireNonNull(refreshInterval, "refreshInterval == null");
        Objects.requireNonNull(pos, "pos == null");
    }
}
