package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entity spec (one YAML document). {@code name} is the spec name ({@code SalesTransaction}); {@code table} is
 * the SQL table name ({@code sales_transaction}, or the spec's {@code table:} override). {@code primaryKey} is
 * resolved from field-level {@code primary_key: true} flags or the entity-level {@code primary_key:} list, in
 * that order of columns. {@code foreignKeys} are the table-level keys ({@code foreign_keys:}); a field's
 * {@code references:} stays on the field. A {@code materialized_view:} on an entity becomes a {@link MaterializedView} of the model
 * (declared by this entity), not part of it. {@code primaryKeyName} is the name of {@code primary_key: {name: ...}}
 * ({@code <table>_pkey} otherwise); {@code constraints} the {@code constraints:} list, in spec order. {@code pos} is
 * the entity name's position; {@code tablePos} the {@code table:} value's (the entity name's when the table name is
 * derived). {@code extensions} are the PostgreSQL extensions the spec declares ({@code extensions: [pg_trgm]}), as
 * written, with their positions; {@code sequences} the sequences it declares.
 */
public record Entity(
        String name,
        String schema,
        String table,
        Optional<String> description,
        List<Field> fields,
        List<Named> primaryKey,
        List<Index> indexes,
        List<ForeignKey> foreignKeys,
        Optional<Partitioning> partitioning,
        Storage storage,
        List<Action> actions,
        Hints performanceHints,
        TableFeatures features,
        SourcePos pos,
        SourcePos tablePos,
        List<Named> extensions,
        List<Sequence> sequences,
        Optional<Named> primaryKeyName,
        List<TableConstraint> constraints,
        Identifiers identifiers) {

    /**
     * Consistent with the record's {@code equals} (equal entities have equal names and positions) and cheap: the
     * generated {@code hashCode} hashes every component, records within records, and its first call in a JVM spins
     * method handle classes for each record class it reaches (about 2.5 ms of CPU each in a fresh JVM). The planner
     * keys maps by entities. Only lookups depend on it: no output iterates a hashed collection of them.
     */
    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + schema.hashCode()) + pos.line();
    }

    /**
     * How the entity's names become identifiers: {@code LOWER_CASE} (the default) accepts lower-case snake_case and
     * key words only (SG212); {@code EXACT} ({@code identifiers: exact}) also takes names with capitals as written,
     * quoted wherever they appear, as ORMs such as Prisma create them ({@code "WebhookDelivery"."createdAt"}).
     */
    public enum Identifiers { LOWER_CASE, EXACT }

    public Entity {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(schema, "schema == null");
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(description, "description == null");
        fields = List.copyOf(fields);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        Objects.requireNonNull(partitioning, "partitioning == null");
        Objects.requireNonNull(storage, "storage == null");
        actions = List.copyOf(actions);
        Objects.requireNonNull(performanceHints, "performanceHints == null");
        Objects.requireNonNull(features, "features == null");
        Objects.requireNonNull(pos, "pos == null");
        Objects.requireNonNull(tablePos, "tablePos == null");
        extensions = List.copyOf(extensions);
        sequences = List.copyOf(sequences);
        Objects.requireNonNull(primaryKeyName, "primaryKeyName == null");
        constraints = List.copyOf(constraints);
        Objects.requireNonNull(identifiers, "identifiers == null");
    }

    /** {@code identifiers: exact}: names with capitals are taken as written. */
    public boolean exactNames() {
        return identifiers == Identifiers.EXACT;
    }

    public Optional<Field> field(String fieldName) {
        // a loop, not a stream: looked up for nearly every column reference of every stage (issue 12)
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code f} references another row: by its own {@code references:} or as a column of a table-level key. */
    public boolean referencing(Field f) {
        return f.references().isPresent() || foreignKeys.stream().anyMatch(k -> k.columnNames().contains(f.name()));
    }

    /** NOT NULL in the table: declared so, or a primary key column. */
    public boolean notNull(Field f) {
        return !f.nullable() || f.primaryKey() || inPrimaryKey(f);
    }

    /** Whether {@code f} is a column of the table-level {@code primary_key:} (a loop: asked per column, issue 12). */
    public boolean inPrimaryKey(Field f) {
        for (Named n : primaryKey) {
            if (n.name().equals(f.name())) {
                return true;
            }
        }
        return false;
    }

    /** Every partition key column, outermost level first (two-level partitioning has two). */
    public List<String> partitionColumns() {
        List<String> out = new java.util.ArrayList<>();
        Optional<Partitioning> p = partitioning;
        while (p.isPresent()) {
            out.add(p.get().column().name());
            p = p.get().subpartitioning();
        }
        return out;
    }

    public boolean isPartitioned() {
        return partitioning.isPresent();
    }

    /** The hint, if the spec gave one ({@code performance_hints: [{seed_rows: 10000}]}). */
    public Optional<Hint> hint(Hint.Name hintName) {
        return performanceHints.get(hintName);
    }

    /** The bulk operations among the actions, in spec order. */
    public List<Action.Bulk> bulkActions() {
        return actions.stream().filter(Action.Bulk.class::isInstance).map(Action.Bulk.class::cast).toList();
    }
}
