package dev.specgen.plan;

import dev.specgen.model.Entity;
import dev.specgen.model.Index;
import java.util.List;
import java.util.Objects;

/**
 * What the plan decided for one entity, in plain (unquoted) names, for later stages that work from the same plan
 * (generated tests, catalog round trip): its file, its partition tree, the name every index got and the name every
 * item of {@code constraints:} got.
 *
 * @param file the entity's DDL file, relative to the output folder ({@code analytics/02_sales_transaction.sql})
 * @param specFile the spec file as generated headers name it ({@code specs/analytics/sales_transaction.yaml})
 */
public record EntityPlan(Entity entity, String file, String specFile, List<Partition> partitions,
        List<NamedIndex> indexes, List<KeyIndex> keyIndexes, List<NamedConstraint> constraints) {

    public EntityPlan {
        Objects.requireNonNull(entity, "entity == null");
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(specFile, "specFile == null");
        partitions = List.copyOf(partitions);
        indexes = List.copyOf(indexes);
        keyIndexes = List.copyOf(keyIndexes);
        constraints = List.copyOf(constraints);
    }

    /** An item of the entity's {@code constraints:} list with the (unquoted) name the plan gave it. */
    public record NamedConstraint(String name, dev.specgen.model.TableConstraint constraint) {
        public NamedConstraint {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(constraint, "constraint == null");
        }
    }

    /** The spec position of the {@code constraints:} item named {@code name} (or of a named primary key). */
    public java.util.Optional<dev.specgen.diag.SourcePos> constraintPos(String name) {
        java.util.Optional<dev.specgen.diag.SourcePos> item = constraints.stream().filter(c -> c.name().equals(name))
                .map(c -> c.constraint().pos()).findFirst();
        return item.or(() -> entity.primaryKeyName().filter(n -> n.name().equals(name))
                .map(dev.specgen.model.Named::pos));
    }

    /**
     * The index PostgreSQL builds for a PRIMARY KEY, UNIQUE or EXCLUDE constraint: it carries the constraint's name
     * and serves lookups on its leading column like any index.
     */
    public record KeyIndex(String name, List<String> columns, boolean primary) {
        public KeyIndex {
            Objects.requireNonNull(name, "name == null");
            columns = List.copyOf(columns);
        }
    }

    /**
     * One partition: its name, its parent's name (the table for the first level), whether it holds rows (a leaf),
     * and its bound as PostgreSQL prints it with pg_get_expr ({@code FOR VALUES FROM ('2024-01-01') TO (...)} or
     * {@code DEFAULT}) as specgen rendered it.
     */
    public record Partition(String name, String parent, boolean leaf, String bound) {
        public Partition {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(parent, "parent == null");
            Objects.requireNonNull(bound, "bound == null");
        }
    }

    /** The primary key's index, if the entity has a primary key. */
    public java.util.Optional<KeyIndex> primaryKeyIndex() {
        return keyIndexes.stream().filter(KeyIndex::primary).findFirst();
    }

    /** An index of the entity with the name the plan gave it. */
    public record NamedIndex(Index index, String name) {
        public NamedIndex {
            Objects.requireNonNull(index, "index == null");
            Objects.requireNonNull(name, "name == null");
        }
    }

    public List<Partition> leaves() {
        return partitions.stream().filter(Partition::leaf).toList();
    }
}
