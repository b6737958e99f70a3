package dev.specgen.loader;

import dev.specgen.diag.Suggest;
import dev.specgen.model.Action;
import dev.specgen.model.BulkShape;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Hint;
import dev.specgen.model.SpecModel;
import dev.specgen.plan.BulkStatements;
import dev.specgen.render.Renderer;
import dev.specgen.model.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a load writes into and how: the action's entity, its generated function, and the columns the input's header
 * names, in header order. Each batch is written by the function's own statements (rendered from the same templates:
 * the same de-duplication, ordering, locking and update rules as every other caller), reading the session's staging
 * table instead of arrays.
 */
final class LoadTarget {
    /** The session's staging table, qualified. */
    static final String STAGE = "pg_temp." + BulkStatements.STAGE;

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

    /**
     * The action named {@code name} in {@code model}; a load takes insert, upsert and replace actions. Without a name,
     * the one action with {@code copy_mode: true} (the hint that says an action is fed by COPY).
     */
    static Action.Bulk action(SpecModel model, String name) {
        if (name.isEmpty()) {
            List<Action.Bulk> copy = model.entities().stream().flatMap(e -> e.bulkActions().stream())
                    .filter(a -> a.hints().on(Hint.Name.COPY_MODE) && a.operation() != Action.Operation.DELETE)
                    .toList();
            if (copy.size() == 1) {
                return copy.get(0);
            }
            throw new LoadException(copy.isEmpty() ? "no action has copy_mode: true; name one with --action"
                    : "several actions have copy_mode: true (" + String.join(", ", copy.stream().map(Action::name)
                            .toList()) + "); name one with --action", null);
        }
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

    /**
     * The session's staging table: every column the action takes (those the input lacks stay NULL, and the
     * statements leave them out), and the input line of each row.
     */
    String createStage() {
        return "CREATE TEMP TABLE IF NOT EXISTS " + BulkStatements.STAGE + " (specgen_line bigint NOT NULL, "
                + shape.supplied().stream().map(f -> Sql.ident(f.name()) + " " + f.type().sql())
                        .collect(Collectors.joining(", ")) + ") ON COMMIT DELETE ROWS";
    }

    /** The COPY into the session's staging table: each record led by its input line. */
    String copy(InputFormat format) {
        return copyInto(STAGE, "specgen_line, ", format.copyOptions());
    }

    /** {@link #copy} of records the client encoded in binary ({@link BinaryCopy}). */
    String copyBinary() {
        return copyInto(STAGE, "specgen_line, ", "FORMAT binary");
    }

    /**
     * What a plain insert COPYs each batch straight into first: the table, with the input's columns (the others take
     * their defaults, as the function leaves them out); empty for upsert and replace, which always stage.
     */
    Optional<String> directTable() {
        if (action.operation() != Action.Operation.INSERT) {
            return Optional.empty();
        }
        return Optional.of(table());
    }

    /**
     * For an insert that de-duplicates: deletes the staged rows of lines [?, ?] that a later row of the same key
     * supersedes (a key column the input lacks is NULL in staging and matches nothing: its default decides).
     */
    Optional<String> supersede() {
        if (action.operation() != Action.Operation.INSERT || shape.key().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("DELETE FROM " + STAGE + " AS s WHERE s.specgen_line BETWEEN ? AND ? AND EXISTS (SELECT 1"
                + " FROM " + STAGE + " AS l WHERE l.specgen_line > s.specgen_line AND " + equal(shape.key(), "l.", "s.")
                + ")");
    }

    /** The fields' quoted names, each led by {@code prefix}, comma-separated. */
    static String names(List<Field> fields, String prefix) {
        return fields.stream().map(f -> prefix + Sql.ident(f.name())).collect(Collectors.joining(", "));
    }

    /** {@code left.a = right.a AND ...} over the fields (NULL matches nothing). */
    static String equal(List<Field> fields, String left, String right) {
        return fields.stream().map(f -> left + Sql.ident(f.name()) + " = " + right + Sql.ident(f.name()))
                .collect(Collectors.joining(" AND "));
    }

    /** {@code COPY relation (leading + the input's columns) FROM STDIN WITH (options)}. */
    String copyInto(String relation, String leading, String options) {
        return "COPY " + relation + " (" + leading + names(columns, "") + ") FROM STDIN WITH (" + options + ")";
    }

    /**
     * The statements that write the staged rows of lines [?, ?] (meeting {@code filter} too, when not empty): the
     * function's own statements, or when {@code into} is given, an insert into it (a detached partition of --initial,
     * filling without its indexes).
     */
    List<BulkStatements.Statement> statements(String filter, Optional<String> into) {
        return BulkStatements.of(entity, action, columns.stream().map(Field::name).toList(), filter, into, RENDERER);
    }

    /** The function's own statements (upsert, replace) for the staged rows, writing one partition that has its indexes. */
    List<BulkStatements.Statement> statementsInto(String filter, String partition) {
        return BulkStatements.intoPartition(entity, action, columns.stream().map(Field::name).toList(), filter,
                partition, RENDERER);
    }

    private static final Renderer RENDERER = Renderer.of(Optional.empty());
}
