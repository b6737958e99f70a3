package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.ForeignKey;
import dev.specgen.model.Index;
import dev.specgen.model.Named;
import dev.specgen.model.Param;
import dev.specgen.model.Partitioning;
import dev.specgen.model.Reference;
import dev.specgen.model.Sql;
import dev.specgen.plan.SqlObject.AddForeignKey;
import dev.specgen.plan.SqlObject.Column;
import dev.specgen.plan.SqlObject.CommentOn;
import dev.specgen.plan.SqlObject.Constraint;
import dev.specgen.plan.SqlObject.CreateEnum;
import dev.specgen.plan.SqlObject.CreateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The objects of one entity's file: enum types, table, partitions, indexes, comments. */
final class EntityPlanner {
    private final Entity entity;
    private final java.util.Map<String, Entity> byName;
    private final NameAllocator names;
    private final Set<String> deferred;
    private final Set<String> createdTypes;
    private final List<AddForeignKey> deferredForeignKeys = new ArrayList<>();
    private final String table;
    private PartitionPlanner partitions;
    private final List<EntityPlan.KeyIndex> keyIndexes = new ArrayList<>();
    private IndexPlanner indexes;
    private final java.util.Map<String, String> opclassSchemas;
    private ConstraintPlanner tableConstraints;

    /** @param byName the run's entities by name (the first of a name), made once per run */
    EntityPlanner(Entity entity, java.util.Map<String, Entity> byName, NameAllocator names, Set<String> deferred,
            Set<String> createdTypes) {
        this(entity, byName, names, deferred, createdTypes, java.util.Map.of());
    }

    /** @param opclassSchemas where the run's extensions put their operator classes ({@link IndexPlanner}) */
    EntityPlanner(Entity entity, java.util.Map<String, Entity> byName, NameAllocator names, Set<String> deferred,
            Set<String> createdTypes, java.util.Map<String, String> opclassSchemas) {
        this(entity, byName, names, deferred, createdTypes, opclassSchemas, null);
    }

    /** @param partitions the entity's partitions, planned ahead (null: planned by {@link #objects()}) */
    EntityPlanner(Entity entity, java.util.Map<String, Entity> byName, NameAllocator names, Set<String> deferred,
            Set<String> createdTypes, java.util.Map<String, String> opclassSchemas, PartitionPlanner partitions) {
        this.partitions = partitions;
        this.opclassSchemas = opclassSchemas;
        this.entity = entity;
        this.createdTypes = createdTypes;
        this.byName = byName;
        this.names = names;
        this.deferred = deferred;
        this.table = Sql.qualified(entity.schema(), entity.table());
    }

    /** Names the spec fixes (table, partitions, explicit index names) are taken before any is generated. */
    static void reserveNames(Entity e, NameAllocator names) {
        names.reserve(e.table());
        e.partitioning().ifPresent(p -> PartitionPlanner.leafAndBranchNames(e.table(), p).forEach(names::reserve));
        for (Index i : e.indexes()) {
            i.name().ifPresent(names::reserve);
        }
        for (ForeignKey fk : e.foreignKeys()) {
            fk.name().ifPresent(n -> names.reserve(n.name()));
        }
        ConstraintPlanner.reserveNames(e, names);
    }

    List<AddForeignKey> deferredForeignKeys() {
        return deferredForeignKeys;
    }

    List<SqlObject> objects() {
        List<SqlObject> out = new ArrayList<>();
        for (Field f : entity.fields()) {
            FieldType t = f.type() instanceof FieldType.Array a ? a.element() : f.type();
            // a type two fields share (same enum_name) is created once, by the first entity in install order
            if (t instanceof FieldType.Enum en && createdTypes.add(en.sql())) {
                out.add(new CreateEnum(en.sql(), en.values().stream().map(Sql::literal).toList(), f.typePos()));
            }
        }
        out.add(createTable());
        for (dev.specgen.model.Sequence s : entity.sequences()) {
            s.ownedBy().ifPresent(o -> out.add(new SequenceObject.OwnedBy(Sql.qualified(s.schema(), s.name()),
                    table + "." + Sql.ident(o.name()), o.pos())));
        }
        if (partitions == null) {
            partitions = new PartitionPlanner(entity);
        }
        out.addAll(partitions.objects());
        out.addAll(tableConstraints.added());
        indexes = new IndexPlanner(entity, names, partitions, opclassSchemas);
        for (Index i : entity.indexes()) {
            out.addAll(indexes.plan(i));
        }
        out.addAll(comments(indexes));
        out.addAll(TableFeaturesPlanner.plan(entity, partitions.nodes()));
        BulkPlanner bulk = new BulkPlanner(entity);
        for (dev.specgen.model.Action.Bulk a : entity.bulkActions()) {
            out.addAll(bulk.plan(a));
        }
        return out;
    }

    /** The decisions behind {@link #objects()}; call after it. */
    EntityPlan entityPlan(String file, String specFile) {
        List<EntityPlan.Partition> parts = partitions.nodes().stream()
                .map(n -> new EntityPlan.Partition(n.rawName(), n.parentRaw(), n.leaf(), n.bound())).toList();
        List<EntityPlan.NamedIndex> named = entity.indexes().stream()
                .map(i -> new EntityPlan.NamedIndex(i, indexes.nameOf(i))).toList();
        return new EntityPlan(entity, file, specFile, parts, named, keyIndexes, tableConstraints.named());
    }

    private CreateTable createTable() {
        int width = entity.fields().stream().mapToInt(f -> Sql.ident(f.name()).length()).max().orElse(0);
        List<Column> columns = new ArrayList<>();
        for (Field f : entity.fields()) {
            String name = Sql.ident(f.name());
            String padded = name + " ".repeat(width - name.length());
            boolean notNull = entity.notNull(f);
            String options = f.identityOptions().isEmpty() ? "" : " (" + f.identityOptions().sql() + ")";
            String identity = switch (f.identity()) {
                case ALWAYS -> "GENERATED ALWAYS AS IDENTITY" + options;
                case BY_DEFAULT -> "GENERATED BY DEFAULT AS IDENTITY" + options;
                case NONE -> "";
            };
            columns.add(new Column(name, padded, f.type().sql(), notNull, f.defaultSql().orElse(""), identity,
                    f.pos(), f.generated().orElse("")));
        }
        List<Constraint> constraints = new ArrayList<>();
        List<String> pk = entity.primaryKey().stream().map(Named::name).toList();
        if (!pk.isEmpty()) {
            String name = entity.primaryKeyName().map(Named::name)
                    .orElseGet(() -> names.allocate(entity.table() + "_pkey"));
            keyIndexes.add(new EntityPlan.KeyIndex(name, pk, true));
            constraints.add(new Constraint(Constraint.Kind.PRIMARY_KEY, Sql.ident(name),
                    "PRIMARY KEY (" + idents(pk) + ")", entity.primaryKey().get(0).pos()));
        }
        for (Field f : entity.fields()) {
            if (f.unique() && !(pk.size() == 1 && pk.get(0).equals(f.name()))) {
                String name = names.allocate(entity.table() + "_" + f.name() + "_key");
                keyIndexes.add(new EntityPlan.KeyIndex(name, List.of(f.name()), false));
                constraints.add(new Constraint(Constraint.Kind.UNIQUE, Sql.ident(name),
                        "UNIQUE (" + Sql.ident(f.name()) + ")", f.pos()));
            }
        }
        for (Field f : entity.fields()) {
            if (f.check().isPresent()) {
                constraints.add(new Constraint(Constraint.Kind.CHECK,
                        constraintName(entity.table() + "_" + f.name() + "_check"),
                        "CHECK (" + f.check().get() + ")", f.checkPos()));
            }
        }
        tableConstraints = new ConstraintPlanner(entity, names, table);
        keyIndexes.addAll(tableConstraints.keyIndexes());
        constraints.addAll(tableConstraints.inline());
        for (Field f : entity.fields()) {
            if (f.references().isEmpty()) {
                continue;
            }
            Optional<Constraint> fk = foreignKey(f, f.references().get());
            if (fk.isEmpty()) {
                continue;
            }
            if (deferred.contains(DependencyGraph.key(entity, f)) || uniqueOnlyThroughOwnIndex(f.references().get())) {
                deferredForeignKeys.add(new AddForeignKey(table, fk.get(), f.references().get().pos()));
            } else {
                constraints.add(fk.get());
            }
        }
        for (ForeignKey fk : entity.foreignKeys()) {
            Optional<Constraint> k = foreignKey(fk);
            if (k.isEmpty()) {
                continue;
            }
            if (fk.notValid() || deferred.contains(DependencyGraph.key(entity, fk)) || uniqueOnlyThroughOwnIndex(fk)) {
                deferredForeignKeys.add(new AddForeignKey(table, k.get(), fk.pos()));
            } else {
                constraints.add(k.get());
            }
        }
        String partitionBy = entity.partitioning().map(PartitionPlanner::partitionBy).orElse("");
        List<String> with = entity.isPartitioned() ? List.of() : params(entity.storage().params());
        boolean unlogged = !entity.isPartitioned() && entity.storage().unlogged();
        return new CreateTable(table, unlogged, columns, constraints, partitionBy, with, entity.pos());
    }

    /**
     * A reference to this same table whose target column is unique only through one of the table's unique
     * indexes: the index is created after the table, so the key must be added after it too.
     */
    private boolean uniqueOnlyThroughOwnIndex(Reference ref) {
        if (!ref.entity().equals(entity.name()) || ref.field().isEmpty()) {
            return false;
        }
        String col = ref.field().get();
        boolean primary = entity.primaryKey().size() == 1 && entity.primaryKey().get(0).name().equals(col);
        boolean uniqueConstraint = entity.field(col).map(Field::unique).orElse(false);
        return !primary && !uniqueConstraint;
    }

    /** As {@link #uniqueOnlyThroughOwnIndex(Reference)}, for a table-level key to this same table. */
    private boolean uniqueOnlyThroughOwnIndex(ForeignKey fk) {
        if (!fk.entity().name().equals(entity.name())) {
            return false;
        }
        Set<String> cols = Set.copyOf(fk.targetColumnNames(entity));
        boolean primary = Set.copyOf(entity.primaryKey().stream().map(Named::name).toList()).equals(cols);
        boolean uniqueConstraint = cols.size() == 1 && entity.field(cols.iterator().next()).map(Field::unique)
                .orElse(false);
        return !primary && !uniqueConstraint;
    }

    /**
     * {@code FOREIGN KEY (a, b) REFERENCES s.t (x, y)} with its actions, DEFERRABLE and NOT VALID (which only
     * ALTER TABLE keeps: CREATE TABLE marks the key valid), named as PostgreSQL would:
     * {@code <table>_<a>_<b>_fkey}.
     */
    private Optional<Constraint> foreignKey(ForeignKey fk) {
        Entity target = byName.get(fk.entity().name());
        if (target == null) {
            return Optional.empty();
        }
        StringBuilder body = new StringBuilder("FOREIGN KEY (").append(idents(fk.columnNames()))
                .append(") REFERENCES ").append(Sql.qualified(target.schema(), target.table())).append(" (")
                .append(idents(fk.targetColumnNames(target))).append(")");
        fk.onDelete().ifPresent(a -> body.append(" ON DELETE ").append(a.action().sql()));
        fk.onUpdate().ifPresent(a -> body.append(" ON UPDATE ").append(a.action().sql()));
        if (fk.deferrable() != ForeignKey.Deferrable.NO) {
            body.append(" ").append(fk.deferrable().sql());
        }
        if (fk.notValid()) {
            body.append(" NOT VALID");
        }
        String name = fk.name().map(n -> Sql.ident(n.name())).orElseGet(() -> constraintName(entity.table() + "_"
                + String.join("_", fk.columnNames()) + "_fkey"));
        return Optional.of(new Constraint(Constraint.Kind.FOREIGN_KEY, name, body.toString(), fk.pos()));
    }

    private Optional<Constraint> foreignKey(Field f, Reference ref) {
        Optional<Entity> target = Optional.ofNullable(byName.get(ref.entity()));
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> column = ref.field().or(() -> target.get().primaryKey().size() == 1
                ? Optional.of(target.get().primaryKey().get(0).name()) : Optional.empty());
        if (column.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder body = new StringBuilder("FOREIGN KEY (").append(Sql.ident(f.name())).append(") REFERENCES ")
                .append(Sql.qualified(target.get().schema(), target.get().table())).append(" (")
                .append(Sql.ident(column.get())).append(")");
        ref.onDelete().ifPresent(a -> body.append(" ON DELETE ").append(a.toUpperCase(Locale.ROOT)));
        ref.onUpdate().ifPresent(a -> body.append(" ON UPDATE ").append(a.toUpperCase(Locale.ROOT)));
        return Optional.of(new Constraint(Constraint.Kind.FOREIGN_KEY,
                constraintName(entity.table() + "_" + f.name() + "_fkey"),
                body.toString(), ref.pos()));
    }

    private String constraintName(String wanted) {
        return Sql.ident(names.allocate(wanted));
    }

    private List<CommentOn> comments(IndexPlanner indexes) {
        List<CommentOn> out = new ArrayList<>();
        entity.description().ifPresent(d -> out.add(new CommentOn("TABLE", table, Sql.literal(d), entity.pos())));
        for (Field f : entity.fields()) {
            f.comment().ifPresent(c -> out.add(new CommentOn("COLUMN", table + "." + Sql.ident(f.name()),
                    Sql.literal(c), f.pos())));
        }
        for (Index i : entity.indexes()) {
            i.comment().ifPresent(c -> out.add(new CommentOn("INDEX",
                    Sql.qualified(entity.schema(), indexes.nameOf(i)), Sql.literal(c), i.pos())));
        }
        return out;
    }

    static String idents(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }

    static List<String> params(List<Param> params) {
        return params.stream().map(p -> p.name() + " = " + p.value()).toList();
    }
}
