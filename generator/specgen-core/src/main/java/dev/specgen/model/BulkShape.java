package dev.specgen.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a bulk operation's functions take and match on, derived once from the entity and the action (the validator
 * judges it, the planner and the loader use it):
 * <ul>
 * <li>{@code supplied}: the columns callers pass, in field order: every column but identity columns, which their
 * sequence fills (unless rows are matched on one); delete: the key only;</li>
 * <li>{@code key}: insert de-duplicates by the primary key (none when it holds an identity column: the sequence
 * makes those keys distinct); upsert by {@code conflict_columns}, default the primary key; delete by {@code key},
 * default the primary key; replace matches a parent's children by {@code key}, default the primary key without the
 * parent key;</li>
 * <li>{@code parentKey}: replace's {@code parent_key};</li>
 * <li>{@code update}: what upsert and replace update in an existing row: {@code update_columns}, default every
 * supplied column that is neither key nor parent key.</li>
 * </ul>
 */
public record BulkShape(Action.Bulk action, List<Field> supplied, List<Field> key, List<Field> parentKey,
        List<Field> update) {

    public BulkShape {
        Objects.requireNonNull(action, "action == null");
        supplied = List.copyOf(supplied);
        key = List.copyOf(key);
        parentKey = List.copyOf(parentKey);
        update = List.copyOf(update);
    }

    public static BulkShape of(Entity e, Action.Bulk a) {
        List<Field> pk = e.primaryKey().stream().map(n -> e.field(n.name())).flatMap(Optional::stream).toList();
        List<Field> parent = a.operation() == Action.Operation.REPLACE
                ? a.parentKey().map(Columns::fields).orElse(List.of()) : List.of();
        List<Field> key = switch (a.operation()) {
            // a key PostgreSQL fills (identity, generated) is not the caller's: such inserts are not de-duplicated
            case INSERT -> pk.stream().anyMatch(f -> f.identity() != Field.Identity.NONE || f.isGenerated()) ? List.of()
                    : pk;
            case UPSERT -> a.conflictColumns().map(Columns::fields).orElse(pk);
            case DELETE -> a.key().map(Columns::fields).orElse(pk);
            case REPLACE -> a.key().map(Columns::fields)
                    .orElseGet(() -> pk.stream().filter(f -> !parent.contains(f)).toList());
        };
        // identity columns are filled by their sequence, unless rows are matched on them; generated columns never
        List<Field> insertable = e.fields().stream().filter(f -> !f.isGenerated() && (f.identity() == Field.Identity.NONE
                || (a.operation() != Action.Operation.INSERT && (key.contains(f) || parent.contains(f))))).toList();
        List<Field> supplied = a.operation() == Action.Operation.DELETE ? key : insertable;
        List<Field> update = List.of();
        if (a.operation() == Action.Operation.UPSERT || a.operation() == Action.Operation.REPLACE) {
            update = a.updateColumns().map(Columns::fields).orElseGet(() -> {
                List<Field> out = new ArrayList<>();
                for (Field f : insertable) {
                    if (!key.contains(f) && !parent.contains(f)) {
                        out.add(f);
                    }
                }
                return out;
            });
        }
        return new BulkShape(a, supplied, key, parent, update);
    }

    /** Key or parent-key column of an upsert, delete or replace: callers must give it. */
    public boolean matched(Field f) {
        return action.operation() != Action.Operation.INSERT && (key.contains(f) || parentKey.contains(f));
    }

    /**
     * A column callers may leave out (its parameter defaults to NULL): it has a default or is nullable, and is not
     * matched on. Left out, a new row gets the column's default (NULL without one) and an updated row keeps its
     * value.
     */
    public boolean optional(Entity e, Field f) {
        return !matched(f) && (f.defaultSql().isPresent() || !e.notNull(f));
    }

    /** The array form's parameters in order: required columns first (field order), then the optional ones. */
    public List<Field> parameters(Entity e) {
        List<Field> out = new ArrayList<>(supplied.stream().filter(f -> !optional(e, f)).toList());
        out.addAll(supplied.stream().filter(f -> optional(e, f)).toList());
        return out;
    }

    /** The array form's parameter type of {@code f}: array columns travel as text[] of array literals. */
    public static String arrayType(Field f) {
        return asText(f.type()) ? "text[]" : f.type().sql() + "[]";
    }

    /**
     * Whether the array form takes values of {@code t} as text, cast back in the function: arrays (an array of arrays
     * would be two-dimensional), and composite values, also through a domain (unnest in FROM expands a row into its
     * attributes, which would shift every later column).
     */
    public static boolean asText(FieldType t) {
        return t instanceof FieldType.Array || rowValued(t);
    }

    private static boolean rowValued(FieldType t) {
        return t instanceof FieldType.Composite || t instanceof FieldType.Domain d && rowValued(d.base());
    }

    /** The array form as GRANT and DROP name it: {@code shop.load(timestamptz[], numeric(10,2)[])}. */
    public String signature(Entity e) {
        return Sql.qualified(e.schema(), action.name()) + "(" + String.join(", ", parameters(e).stream()
                .map(BulkShape::arrayType).toList()) + ")";
    }
}
