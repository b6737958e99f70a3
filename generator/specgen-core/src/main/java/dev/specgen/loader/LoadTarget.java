package dev.specgen.loader;

import dev.specgen.diag.Suggest;
import dev.specgen.model.Action;
import dev.specgen.model.BulkShape;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Hint;
import dev.specgen.model.SpecModel;
import dev.specgen.model.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a load writes into and how: the action's entity, its generated array function, and the columns the input's
 * header names, in header order. Each batch goes through that very function (the same de-duplication, ordering,
 * locking and update rules as every other caller), fed from the session's staging table.
 */
final class LoadTarget {
    static final String STAGE = "specgen_stage";

    final Entity entity;
    final Action.Bulk action;
    final BulkShape shape;
    /** The input's columns, in header order. */
    final List<Field> columns;

    private LoadTarget(Entity entity, Action.Bulk action, List<Field> columns) {
        this.entity = entity;
        this.action = action;
        this.shape = BulkShape.of(entity, action);
        this.columns = List.copyOf(columns);
    }

    /** The action named {@code name} in {@code model}; a load takes insert, upsert and replace actions. */
    static Action.Bulk action(SpecModel model, String name) {
        List<String> all = new ArrayList<>();
        for (Entity e : model.entities()) {
            for (Action.Bulk a : e.bulkActions()) {
                all.add(a.name());
                if (a.name().equals(name)) {
                    if (a.operation() == Action.Operation.DELETE) {
                        throw new LoadException("action " + name + " deletes; specgen load inserts, upserts and"
                                + " replaces", "call " + e.schema() + "." + name + "(...) with the keys instead");
                    }
                    return a;
                }
            }
        }
        throw new LoadException("no bulk action " + name + " in the specs" + Suggest.didYouMean(name, all),
                all.isEmpty() ? "add an action with pattern: batch/bulk_operation to the entity"
                        : "actions: " + String.join(", ", all));
    }

    static Entity entityOf(SpecModel model, Action.Bulk action) {
        return model.entities().stream().filter(e -> e.actions().contains(action)).findFirst().orElseThrow();
    }

    /** Checks the header against the action's columns: each one known, once, and every required one there. */
    static LoadTarget of(Entity e, Action.Bulk a, List<String> header) {
        BulkShape shape = BulkShape.of(e, a);
        List<String> names = shape.supplied().stream().map(Field::name).toList();
        List<Field> cols = new ArrayList<>();
        for (String h : header) {
            Optional<Field> f = shape.supplied().stream().filter(x -> x.name().equals(h)).findFirst();
            if (f.isEmpty()) {
                throw new LoadException("the header names \"" + h + "\", which " + a.name() + " does not take"
                        + Suggest.didYouMean(h, names), "columns: " + String.join(", ", names));
            }
            if (cols.contains(f.get())) {
                throw new LoadException("the header names \"" + h + "\" twice", null);
            }
            cols.add(f.get());
        }
        List<String> missing = shape.supplied().stream().filter(f -> !shape.optional(e, f) && !cols.contains(f))
                .map(Field::name).toList();
        if (!missing.isEmpty()) {
            throw new LoadException("the header lacks " + String.join(", ", missing) + ", which " + a.name()
                    + " requires", "required: " + String.join(", ", shape.supplied().stream()
                            .filter(f -> !shape.optional(e, f)).map(Field::name).toList()));
        }
        return new LoadTarget(e, a, cols);
    }

    String table() {
        return Sql.qualified(entity.schema(), entity.table());
    }

    String function() {
        return Sql.qualified(entity.schema(), action.name());
    }

    /** The action's batch_size hint, if any. */
    Optional<Integer> batchSizeHint() {
        return action.hints().count(Hint.Name.BATCH_SIZE).stream().mapToObj(n -> (int) n).findFirst();
    }

    boolean initialHint() {
        return action.hints().on(Hint.Name.DISABLE_INDEXES);
    }

    /** The session's staging table: the input's columns with their types, and the input line of each row. */
    String createStage() {
        return "CREATE TEMP TABLE IF NOT EXISTS " + STAGE + " (specgen_line bigint NOT NULL, " + columns.stream()
                .map(f -> Sql.ident(f.name()) + " " + f.type().sql()).collect(Collectors.joining(", "))
                + ") ON COMMIT DELETE ROWS";
    }

    String copy(InputFormat format) {
        return "COPY pg_temp." + STAGE + " (specgen_line, " + columns.stream().map(f -> Sql.ident(f.name()))
                .collect(Collectors.joining(", ")) + ") FROM STDIN WITH (" + format.copyOptions() + ")";
    }

    /**
     * One call of the generated function on the staged rows with lines in {@code [?, ?]}; columns the header leaves
     * out are left out of the call (NULL: default for new rows, unchanged for existing ones).
     */
    String call() {
        return call("");
    }

    /** {@link #call()} for the staged rows that also meet {@code filter} (an SQL condition on {@code s}). */
    String call(String filter) {
        return "SELECT " + function() + "(" + columns.stream().map(f -> Sql.ident("p_" + f.name())
                + " => array_agg(s." + Sql.ident(f.name()) + (f.type() instanceof FieldType.Array ? "::text" : "")
                + " ORDER BY s.specgen_line)").collect(Collectors.joining(", ")) + ") FROM pg_temp." + STAGE
                + " AS s WHERE s.specgen_line BETWEEN ? AND ?" + (filter.isEmpty() ? "" : " AND " + filter)
                + " HAVING count(*) > 0"; // no call (no row) when no staged row is left for it
    }

    /**
     * A direct insert of the staged rows meeting {@code filter} into {@code table} (a detached partition), with the
     * function's rules: the last row of a key wins, rows go in key order. Returns the row count.
     */
    String insertInto(String table, String filter) {
        List<String> cols = columns.stream().map(f -> Sql.ident(f.name())).toList();
        List<String> key = shape.key().stream().filter(columns::contains).map(f -> "s." + Sql.ident(f.name()))
                .toList();
        boolean dedup = !key.isEmpty() && key.size() == shape.key().size();
        return "WITH i AS (INSERT INTO " + table + " (" + String.join(", ", cols) + ") SELECT "
                + (dedup ? "DISTINCT ON (" + String.join(", ", key) + ") " : "")
                + cols.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + " FROM pg_temp." + STAGE
                + " AS s WHERE s.specgen_line BETWEEN ? AND ? AND " + filter
                + (dedup ? " ORDER BY " + String.join(", ", key) + ", s.specgen_line DESC" : "")
                + " RETURNING 1) SELECT count(*) FROM i";
    }
}
