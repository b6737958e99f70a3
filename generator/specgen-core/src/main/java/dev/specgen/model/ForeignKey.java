package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table-level foreign key ({@code foreign_keys:} of an entity): {@code columns} of this entity reference
 * {@code targetColumns} of {@code entity} (empty: the target's primary key, in its order). Unlike a field's
 * {@code references:} it may span several columns, so it can point at a partitioned table's primary key, which
 * includes the partition columns. {@code pos} is the list item's; names carry their own positions.
 */
public record ForeignKey(
        Optional<Named> name,
        List<Named> columns,
        Named entity,
        List<Named> targetColumns,
        Optional<OnChange> onDelete,
        Optional<OnChange> onUpdate,
        Deferrable deferrable,
        boolean notValid,
        SourcePos notValidPos,
        SourcePos pos) {

    /** What PostgreSQL does to the referencing rows when a referenced row is deleted or its key updated. */
    public enum Action {
        NO_ACTION("NO ACTION"), RESTRICT("RESTRICT"), CASCADE("CASCADE"), SET_NULL("SET NULL"),
        SET_DEFAULT("SET DEFAULT");

        private final String sql;

        Action(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }

        /** As a spec writes it: {@code set null}. */
        public String spelling() {
            return sql.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An action and where the spec gives it. */
    public record OnChange(Action action, SourcePos pos) {
        public OnChange {
            Objects.requireNonNull(action, "action == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }

    /** {@code deferrable: false | true | initially_immediate | initially_deferred}. */
    public enum Deferrable {
        NO(""), INITIALLY_IMMEDIATE("DEFERRABLE"), INITIALLY_DEFERRED("DEFERRABLE INITIALLY DEFERRED");

        private final String sql;

        Deferrable(String sql) {
            this.sql = sql;
        }

        /** The clause, empty when not deferrable (PostgreSQL's default). */
        public String sql() {
            return sql;
        }
    }

    public ForeignKey {
        Objects.requireNonNull(name, "name == null");
        columns = List.copyOf(columns);
        Objects.requireNonNull(entity, "entity == null");
        targetColumns = List.copyOf(targetColumns);
        Objects.requireNonNull(onDelete, "onDelete == null");
        Objects.requireNonNull(onUpdate, "onUpdate == null");
        Objects.requireNonNull(deferrable, "deferrable == null");
        Objects.requireNonNull(notValidPos, "notValidPos == null");
        Objects.requireNonNull(pos, "pos == null");
    }

    public List<String> columnNames() {
        return columns.stream().map(Named::name).toList();
    }

    /** The referenced columns: as listed, or else {@code target}'s primary key in its order. */
    public List<String> targetColumnNames(Entity target) {
        return (targetColumns.isEmpty() ? target.primaryKey() : targetColumns).stream().map(Named::name).toList();
    }

    /**
     * The column sets of {@code e} a foreign key may reference: its primary key, each {@code unique: true} field,
     * each {@code unique:} item of {@code constraints:} and each unique, non-partial index on plain columns (PostgreSQL needs a unique index on exactly those
     * columns, in any order). The primary key comes first.
     */
    public static List<java.util.Set<String>> uniqueKeys(Entity e) {
        List<java.util.Set<String>> out = new java.util.ArrayList<>();
        if (!e.primaryKey().isEmpty()) {
            out.add(java.util.Set.copyOf(e.primaryKey().stream().map(Named::name).toList()));
        }
        e.fields().stream().filter(Field::unique).forEach(f -> out.add(java.util.Set.of(f.name())));
        for (TableConstraint c : e.constraints()) {
            if (c instanceof TableConstraint.Unique u) {
                out.add(java.util.Set.copyOf(u.columnNames()));
            }
        }
        for (Index ix : e.indexes()) {
            if (ix.unique() && ix.where().isEmpty() && ix.columns().stream().allMatch(c -> c.column().isPresent())) {
                out.add(java.util.Set.copyOf(ix.columns().stream().map(c -> c.column().get()).toList()));
            }
        }
        return out;
    }
}
