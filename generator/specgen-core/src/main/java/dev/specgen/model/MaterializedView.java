package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A materialized view: a model object of its own, declared by a view document ({@code materialized_view: name}
 * with {@code query:} or {@code source:}/{@code group_by:}/{@code measures:}) or, in the seed's form, by an entity
 * ({@code materialized_view:} on an entity, whose table is then the default source; {@code declaredBy} names that
 * entity). {@code name} is the SQL name of the view in {@code schema}.
 *
 * @param key                  the view's unique key (output columns); empty when the spec gives none (derived from
 *                             {@code group_by} where possible, by the analysis)
 * @param fullRefreshThreshold above this fraction of the source's rows pending, an incremental refresh recomputes
 *                             in full (empty: the default)
 * @param pos                  the view name's position
 * @param refreshPos           the {@code refresh:} value's position (the name's when there is none)
 * @param keyPos               the {@code key:} value's position (the name's when there is none)
 */
public record MaterializedView(
        String name,
        String schema,
        Optional<String> description,
        ViewQuery query,
        Refresh refresh,
        Optional<RefreshInterval> interval,
        OnBusy onBusy,
        Optional<BigDecimal> fullRefreshThreshold,
        boolean withData,
        List<Named> key,
        List<Index> indexes,
        Optional<String> declaredBy,
        SourcePos pos,
        SourcePos refreshPos,
        SourcePos keyPos) {

    /** How the view is kept fresh. {@code AUTO} is resolved by the analysis (incremental when it can be). */
    public enum Refresh {
        FULL, CONCURRENT, INCREMENTAL, IMMEDIATE, AUTO;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a second caller of the refresh function does while one refresh runs. */
    public enum OnBusy {
        WAIT, SKIP;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MaterializedView {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(schema, "schema == null");
        Objects.requireNonNull(description, "description == null");
        Objects.requireNonNull(query, "query == null");
        Objects.requireNonNull(refresh, "refresh == null");
        Objects.requireNonNull(interval, "interval == null");
        Objects.requireNonNull(onBusy, "onBusy == null");
        Objects.requireNonNull(fullRefreshThreshold, "fullRefreshThreshold == null");
        key = List.copyOf(key);
        indexes = List.copyOf(indexes);
        Objects.requireNonNull(declaredBy, "declaredBy == null");
        Objects.requireNonNull(pos, "pos == null");
        Objects.requireNonNull(refreshPos, "refreshPos == null");
        Objects.requireNonNull(keyPos, "keyPos == null");
    }

    /** {@code schema.name}, unquoted, for messages and lookups. */
    public String qualifiedName() {
        return schema + "." + name;
    }
}
