package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.List;
import java.util.Objects;

/**
 * The plan records of a compiled workflow ({@code composite/workflow_orchestrator}): the statement-level trigger on
 * the source, its function, and with {@code async_execution} the queue table and {@code process_<action>()}. Names
 * are quoted and SQL fragments (select items, SET items) spelled by {@link WorkflowPlanner}; templates place them.
 */
public sealed interface WorkflowObject extends SqlObject {

    /**
     * One step as one statement: the inserted rows aggregated per target key, keys in order, then
     * {@code INSERT ... ON CONFLICT (key) DO UPDATE}. {@code aggregates} are the inner select items (key columns
     * first), {@code values} the inserted values in {@code columns} order (read from the aggregates, alias
     * {@code specgen_d}), {@code sets} the {@code DO UPDATE} items; {@code from} the rows ({@code specgen_new},
     * or the claimed batch), {@code notNull} the key columns that must not be NULL (a NULL key matches no row).
     */
    record StepStatement(String step, String target, List<String> columns, List<String> aggregates,
            List<String> values, String from, List<String> notNull, List<String> groupBy, List<String> key,
            List<String> sets, SourcePos origin) implements WorkflowObject {
        public StepStatement {
            Objects.requireNonNull(step, "step == null");
            Objects.requireNonNull(target, "target == null");
            columns = List.copyOf(columns);
            aggregates = List.copyOf(aggregates);
            values = List.copyOf(values);
            Objects.requireNonNull(from, "from == null");
            notNull = List.copyOf(notNull);
            groupBy = List.copyOf(groupBy);
            key = List.copyOf(key);
            sets = List.copyOf(sets);
            Objects.requireNonNull(origin, "origin == null");
        }

        /** The key columns as the ORDER BY names them. */
        public List<String> order() {
            return key.stream().map(k -> "specgen_d." + k).toList();
        }

        public String describe() {
            return "workflow step " + step + " (" + target + ")";
        }

        public String template() {
            return "workflow_step";
        }
    }

    /** {@code INSERT INTO <queue> (...) SELECT ... FROM specgen_new}: what an async workflow's trigger does. */
    record Enqueue(String queue, List<String> columns, SourcePos origin) implements WorkflowObject {
        public Enqueue {
            Objects.requireNonNull(queue, "queue == null");
            columns = List.copyOf(columns);
            Objects.requireNonNull(origin, "origin == null");
        }

        public String columnList() {
            return String.join(", ", columns);
        }

        public String describe() {
            return "queueing of workflow rows into " + queue;
        }

        public String template() {
            return "workflow_enqueue";
        }
    }

    /** The queue of an async workflow: one row per inserted source row, the columns the steps read. */
    record CreateQueue(String name, List<String> columns, SourcePos origin) implements WorkflowObject {
        public CreateQueue {
            Objects.requireNonNull(name, "name == null");
            columns = List.copyOf(columns);
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "workflow queue " + name;
        }

        public String template() {
            return "create_workflow_queue";
        }
    }

    /**
     * The trigger function: applies {@code steps} to the statement's inserted rows (sync), or only queues them
     * ({@code enqueue}, async).
     */
    record TriggerFunction(String name, String action, String source, List<StepStatement> steps,
            java.util.Optional<Enqueue> enqueue, List<String> settings, SourcePos origin) implements WorkflowObject {
        public TriggerFunction {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(action, "action == null");
            Objects.requireNonNull(source, "source == null");
            steps = List.copyOf(steps);
            Objects.requireNonNull(enqueue, "enqueue == null");
            settings = List.copyOf(settings);
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean async() {
            return enqueue.isPresent();
        }

        public Enqueue enqueueStatement() {
            return enqueue.orElseThrow();
        }

        @Override
        public List<SqlObject> embedded() {
            return enqueue.<List<SqlObject>>map(List::of).orElse(List.copyOf(steps));
        }

        public String tag() {
            return BodyTag.of(this);
        }

        public String describe() {
            return "workflow function " + name;
        }

        public String template() {
            return "workflow_trigger_function";
        }
    }

    /**
     * {@code process_<action>(p_batch)}: claims up to {@code p_batch} queued rows (oldest first, skipping rows
     * another processor holds), applies {@code steps} to them, returns how many it applied.
     */
    record ProcessFunction(String name, String action, String queue, String queueType, int batch,
            List<StepStatement> steps, List<String> settings, SourcePos origin) implements WorkflowObject {
        public ProcessFunction {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(action, "action == null");
            Objects.requireNonNull(queue, "queue == null");
            Objects.requireNonNull(queueType, "queueType == null");
            steps = List.copyOf(steps);
            settings = List.copyOf(settings);
            Objects.requireNonNull(origin, "origin == null");
        }

        @Override
        public List<SqlObject> embedded() {
            return List.copyOf(steps);
        }

        public String tag() {
            return BodyTag.of(this);
        }

        public String describe() {
            return "workflow function " + name;
        }

        public String template() {
            return "workflow_process_function";
        }
    }

    /** {@code AFTER INSERT ... REFERENCING NEW TABLE ... FOR EACH STATEMENT} on the source. */
    record Trigger(String name, String table, String function, SourcePos origin) implements WorkflowObject {
        public Trigger {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "workflow trigger " + name + " on " + table;
        }

        public String template() {
            return "create_workflow_trigger";
        }
    }
}
