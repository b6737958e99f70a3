package dev.specgen.plan;

import dev.specgen.model.Action;
import dev.specgen.model.Entity;
import dev.specgen.model.Sql;
import dev.specgen.render.Renderer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The statements of a bulk action's function, for rows staged in the session's table {@code pg_temp.specgen_stage}
 * ({@code specgen load}): rendered by the very templates the function's body is made of ({@code bulk/insert.ftl},
 * {@code bulk/upsert.ftl}, {@code bulk/replace_lock.ftl} and {@code bulk/replace.ftl}), so a load follows the
 * function's rules without the detour of aggregating the staged rows into arrays. Each statement takes the batch's
 * first and last input line as its two parameters.
 */
public final class BulkStatements {
    /** The staging table's name in the session's temporary schema. */
    public static final String STAGE = "specgen_stage";

    private BulkStatements() {
    }

    /**
     * One statement and how to run it: {@code SETTING} and {@code LOCK} for their effect (a SET LOCAL ends with the
     * batch's transaction), the others return the rows written.
     */
    public record Statement(String sql, Kind kind) {
        public enum Kind { SETTING, LOCK, UPDATE_COUNT, QUERY_COUNT }
    }

    /**
     * @param given  the supplied columns the input has; the others are left out (defaults for new rows, unchanged
     *               for existing ones)
     * @param filter an extra condition on the staged rows ({@code ""} for none), in their own column names
     * @param into   the table to write (empty: the entity's); always written as an insert (an empty partition)
     */
    public static List<Statement> of(Entity e, Action.Bulk a, Collection<String> given, String filter,
            java.util.Optional<String> into, Renderer renderer) {
        return of(e, a, given, filter, into, into.isPresent() ? Action.Operation.INSERT : a.operation(), renderer);
    }

    /**
     * The action's own statements (an upsert's ON CONFLICT, a replace's lock and diff) writing one partition that has
     * its indexes: a partition that {@code load --initial} fills again after a key turned up twice in it.
     */
    public static List<Statement> intoPartition(Entity e, Action.Bulk a, Collection<String> given, String filter,
            String partition, Renderer renderer) {
        return of(e, a, given, filter, java.util.Optional.of(partition), a.operation(), renderer);
    }

    private static List<Statement> of(Entity e, Action.Bulk a, Collection<String> given, String filter,
            java.util.Optional<String> into, Action.Operation op, Renderer renderer) {
        String stage = "(SELECT * FROM pg_temp." + STAGE + " AS s WHERE s.specgen_line BETWEEN ? AND ?"
                + (filter.isEmpty() ? "" : " AND " + filter) + ") AS u";
        BulkPlanner planner = new BulkPlanner(e);
        String table = into.orElse(Sql.qualified(e.schema(), e.table()));
        SqlObject.BulkFunction f = planner.staged(a, given, stage, table, op != a.operation());
        List<Statement> out = new ArrayList<>();
        if (op == a.operation()) {
            // the function's own pinned settings, for this transaction only
            f.settings().forEach(x -> out.add(new Statement("SET LOCAL " + x, Statement.Kind.SETTING)));
        }
        switch (op) {
            case INSERT -> out.add(new Statement(renderer.template("bulk/insert", f).strip(),
                    Statement.Kind.UPDATE_COUNT));
            case UPSERT -> out.add(new Statement(renderer.template("bulk/upsert", f).strip(),
                    Statement.Kind.UPDATE_COUNT));
            case REPLACE -> {
                out.add(new Statement("SELECT " + renderer.template("bulk/replace_lock", f).strip(),
                        Statement.Kind.LOCK));
                out.add(new Statement(renderer.template("bulk/replace", f).strip(), Statement.Kind.QUERY_COUNT));
            }
            case DELETE -> throw new IllegalArgumentException("a load does not delete");
        }
        return out;
    }
}
