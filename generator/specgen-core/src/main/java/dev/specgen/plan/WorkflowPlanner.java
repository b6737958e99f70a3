package dev.specgen.plan;

import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Sql;
import dev.specgen.workflow.CompiledWorkflow;
import dev.specgen.workflow.CompiledWorkflow.Accumulate;
import dev.specgen.workflow.CompiledWorkflow.CompiledStep;
import dev.specgen.workflow.CompiledWorkflow.Derived;
import dev.specgen.workflow.CompiledWorkflow.FieldUpdate;
import dev.specgen.workflow.CompiledWorkflow.KeyMatch;
import dev.specgen.workflow.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A compiled workflow to its objects, in the source entity's file: sync, a trigger function that applies every step
 * to the statement's inserted rows; async ({@code async_execution}), a queue table, a trigger function that only
 * queues and {@code process_<action>(p_batch)} that applies a claimed batch. Each step is one
 * {@code INSERT ... SELECT ... GROUP BY key ORDER BY key ... ON CONFLICT (key) DO UPDATE}: aggregated per target
 * key (sum, count, max, min), rows locked in key order (writers of overlapping keys wait for each other instead of
 * deadlocking), a key without a row gets one. The SQL fragments of those statements are spelled here, from the
 * compiled terms; nothing is parsed.
 */
public final class WorkflowPlanner {

    /** Rows {@code process_<action>()} claims per call unless told otherwise. */
    public static final int DEFAULT_BATCH = 10_000;
    static final List<String> SETTINGS = List.of("search_path = pg_catalog, pg_temp");
    static final String ROW = "specgen_row";
    static final String AGG = "specgen_d";
    static final String TARGET = "t";

    private WorkflowPlanner() {
    }

    /** The names a workflow's objects get: trigger function, queue, process function (async only). */
    public record Names(String function, String queue, String process, String trigger) {
    }

    static Names names(CompiledWorkflow w, NameAllocator tables, NameAllocator functions) {
        if (w.async()) {
            return new Names(functions.allocate(w.action() + "_enqueue"), tables.allocate(w.action() + "_queue"),
                    functions.allocate("process_" + w.action()), "specgen_" + w.action());
        }
        return new Names(functions.allocate(w.action() + "_apply"), "", "", "specgen_" + w.action());
    }

    static List<SqlObject> objects(CompiledWorkflow w, Names n) {
        Entity src = w.source();
        String schema = src.schema();
        String table = Sql.qualified(schema, src.table());
        List<SqlObject> out = new ArrayList<>();
        if (w.async()) {
            String queue = Sql.qualified(schema, n.queue());
            List<String> columns = w.queueColumns().stream().map(f -> Sql.ident(f.name()) + " " + f.type().sql())
                    .toList();
            out.add(new WorkflowObject.CreateQueue(queue, columns, w.pos()));
            out.add(new SqlObject.CommentOn("TABLE", queue, Sql.literal("rows inserted into " + src.schema() + "."
                    + src.table() + " that workflow " + w.action() + " has not applied yet: process_" + w.action()
                    + "() applies them"), w.pos()));
            WorkflowObject.Enqueue enqueue = new WorkflowObject.Enqueue(queue, w.queueColumns().stream()
                    .map(f -> Sql.ident(f.name())).toList(), w.pos());
            out.add(new WorkflowObject.TriggerFunction(Sql.qualified(schema, n.function()), w.action(), table,
                    List.of(), Optional.of(enqueue), SETTINGS, w.pos()));
            out.add(new WorkflowObject.ProcessFunction(Sql.qualified(schema, n.process()), w.action(), queue, queue,
                    DEFAULT_BATCH, steps(w, "unnest(specgen_batch)"), SETTINGS, w.pos()));
        } else {
            out.add(new WorkflowObject.TriggerFunction(Sql.qualified(schema, n.function()), w.action(), table,
                    steps(w, "specgen_new"), Optional.empty(), SETTINGS, w.pos()));
        }
        out.add(new WorkflowObject.Trigger(Sql.ident(n.trigger()), table, Sql.qualified(schema, n.function()),
                w.pos()));
        return out;
    }

    static List<WorkflowObject.StepStatement> steps(CompiledWorkflow w, String rows) {
        return w.steps().stream().map(s -> step(s, rows + " AS " + ROW)).toList();
    }

    static WorkflowObject.StepStatement step(CompiledStep s, String from) {
        List<String> columns = new ArrayList<>();
        List<String> aggregates = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> notNull = new ArrayList<>();
        List<String> groupBy = new ArrayList<>();
        List<String> key = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (KeyMatch k : s.key()) {
            String col = Sql.ident(k.target().name());
            String src = ROW + "." + Sql.ident(k.source().name());
            columns.add(col);
            aggregates.add(src + " AS " + col);
            values.add(AGG + "." + col);
            notNull.add(src + " IS NOT NULL");
            groupBy.add(src);
            key.add(col);
        }
        for (FieldUpdate u : s.updates()) {
            String col = Sql.ident(u.target().name());
            columns.add(col);
            if (u instanceof Accumulate a) {
                aggregates.add(aggregate(a) + " AS " + col);
                values.add(AGG + "." + col);
                sets.add(col + " = " + newValue(a));
            } else if (u instanceof Derived d) {
                values.add(render(d.value(), true));
                sets.add(col + " = " + render(d.value(), false));
            }
        }
        return new WorkflowObject.StepStatement(s.name(), Sql.qualified(s.target().schema(), s.target().table()),
                columns, aggregates, values, from, notNull, groupBy, key, sets, s.pos());
    }

    /** What the inserted rows of one key add up to. */
    static String aggregate(Accumulate a) {
        return aggregate(a, ROW);
    }

    /** What the rows (alias {@code row}) of one key add up to. */
    public static String aggregate(Accumulate a, String row) {
        String src = a.source().map(f -> row + "." + Sql.ident(f.name())).orElse("");
        return switch (a.fold()) {
            case ADD -> a.source().isPresent() ? "coalesce(sum(" + src + "), 0)"
                    : a.constant().equals("1") ? "count(*)" : "count(*) * " + a.constant();
            case GREATEST -> "max(" + src + ")";
            case LEAST -> "min(" + src + ")";
        };
    }

    /** The column's value after the step, on conflict: the row's value folded with the aggregate. */
    static String newValue(Accumulate a) {
        String col = Sql.ident(a.target().name());
        return switch (a.fold()) {
            case ADD -> TARGET + "." + col + " + EXCLUDED." + col;
            case GREATEST -> "GREATEST(" + TARGET + "." + col + ", EXCLUDED." + col + ")";
            case LEAST -> "LEAST(" + TARGET + "." + col + ", EXCLUDED." + col + ")";
        };
    }

    /** A derived value, from the aggregates of a key that has no row yet (a column the step does not set: its default). */
    static String render(Term t, boolean inserting) {
        return inserting ? render(t, a -> AGG + "." + Sql.ident(a.target().name()), WorkflowPlanner::defaultOf)
                : render(t, a -> "(" + newValue(a) + ")", f -> TARGET + "." + Sql.ident(f.name()));
    }

    /** A column's default as an expression, or NULL: the value a created row has where the step sets nothing. */
    public static String defaultOf(Field f) {
        return f.defaultSql().map(d -> "(" + d + ")").orElse("NULL");
    }

    /** {@code t} with the new values of folds and other columns spelled by the caller. */
    public static String render(Term t, Function<Accumulate, String> newValue, Function<Field, String> column) {
        if (t instanceof Term.Number n) {
            return n.text();
        }
        if (t instanceof Term.Paren p) {
            return "(" + render(p.inner(), newValue, column) + ")";
        }
        if (t instanceof Term.Binary b) {
            return render(b.left(), newValue, column) + " " + b.op() + " " + render(b.right(), newValue, column);
        }
        if (t instanceof Term.NewValue v) {
            return newValue.apply(v.fold());
        }
        return column.apply(((Term.Column) t).field());
    }
}
