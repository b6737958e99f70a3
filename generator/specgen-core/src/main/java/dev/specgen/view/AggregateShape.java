package dev.specgen.view;

import dev.specgen.model.Entity;
import dev.specgen.model.ViewQuery.Aggregate;
import dev.specgen.model.ViewQuery.JoinType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A view specgen maintains incrementally, as facts resolved once: {@code SELECT groups, measures FROM fact [JOIN dim
 * ON dim.key = fact.column]... [WHERE where] GROUP BY groups}. SQL pieces ({@code where}, group expressions, measure
 * arguments) are as written in the spec, referring to the fact and dimensions by their aliases (or unqualified), so
 * the same text works over the fact table and over a trigger's transition table bound to the fact's alias.
 *
 * @param columns the view's output columns in order: each the name of a group key or of a measure
 */
public record AggregateShape(Source fact, List<DimJoin> joins, Optional<String> where, List<GroupKey> groups,
        List<Measure> measures, List<String> columns) {

    public AggregateShape {
        Objects.requireNonNull(fact, "fact == null");
        joins = List.copyOf(joins);
        Objects.requireNonNull(where, "where == null");
        groups = List.copyOf(groups);
        measures = List.copyOf(measures);
        columns = List.copyOf(columns);
    }

    /** The table the view aggregates, and the name the SQL pieces use for it. */
    public record Source(Entity entity, String alias) {
        public Source {
            Objects.requireNonNull(entity, "entity == null");
            Objects.requireNonNull(alias, "alias == null");
        }
    }

    /** {@code type JOIN entity AS alias ON alias.key = fact.column}: {@code key} is the entity's unique key column. */
    public record DimJoin(Entity entity, String alias, JoinType type, String column, String key) {
        public DimJoin {
            Objects.requireNonNull(entity, "entity == null");
            Objects.requireNonNull(alias, "alias == null");
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(column, "column == null");
            Objects.requireNonNull(key, "key == null");
        }
    }

    /**
     * A group key: output column {@code name} is {@code sql}; {@code nullable} when it may be NULL. {@code baseType}
     * is the spelling of the base type when {@code sql} is a column of a domain type: the delta table keeps the key as
     * its base type, since its marker rows hold NULL keys that a NOT NULL domain refuses.
     */
    public record GroupKey(String name, String sql, boolean nullable, Optional<String> baseType) {
        public GroupKey {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(sql, "sql == null");
            Objects.requireNonNull(baseType, "baseType == null");
        }

        public GroupKey(String name, String sql, boolean nullable) {
            this(name, sql, nullable, Optional.empty());
        }
    }

    /**
     * Output column {@code name} is {@code function(argument)}; {@code count(*)} has no argument. {@code nullable}
     * when the argument may be NULL: otherwise its count is {@code count(*)}, which the aggregation shares.
     */
    public record Measure(String name, Aggregate function, Optional<String> argument, ValueKind kind,
            boolean nullable) {
        public Measure {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(argument, "argument == null");
            Objects.requireNonNull(kind, "kind == null");
        }

        public Measure(String name, Aggregate function, Optional<String> argument, ValueKind kind) {
            this(name, function, argument, kind, argument.isPresent());
        }

        /**
         * The record's equality, written out (consistent with the generated {@code hashCode}): the view's SQL looks
         * each measure up in its list ({@code indexOf}), and the generated {@code equals} spins about twenty method
         * handle classes on its first call in a fresh JVM (a CLI run).
         */
        @Override
        public boolean equals(Object o) {
            return this == o || o instanceof Measure m && name.equals(m.name) && function == m.function
                    && argument.equals(m.argument) && kind == m.kind && nullable == m.nullable;
        }
    }

    public boolean anyNullableGroup() {
        return groups.stream().anyMatch(GroupKey::nullable);
    }

    public boolean hasMinMax() {
        return measures.stream().anyMatch(m -> m.function() == Aggregate.MIN || m.function() == Aggregate.MAX);
    }

    /** Every entity whose writes change the view: the fact table, then the dimensions. */
    public List<Entity> sources() {
        java.util.List<Entity> out = new java.util.ArrayList<>();
        out.add(fact.entity());
        joins.forEach(j -> out.add(j.entity()));
        return List.copyOf(out);
    }
}
