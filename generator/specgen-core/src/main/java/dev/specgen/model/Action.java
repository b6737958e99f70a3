package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An item of the spec's {@code actions:} list, typed by its {@code pattern}: a {@link Bulk} operation
 * ({@code batch/bulk_operation}), which becomes generated functions, or a {@link Workflow}
 * ({@code composite/workflow_orchestrator}). Words are already resolved to enums and field names to the entity's
 * fields by the model builder; nothing here is parsed again.
 */
public sealed interface Action permits Action.Bulk, Action.Workflow {

    String name();

    Hints hints();

    /** The item's position. */
    SourcePos pos();

    /** The {@code pattern:} value's position. */
    SourcePos patternPos();

    Pattern pattern();

    enum Pattern {
        BULK_OPERATION("batch/bulk_operation"),
        WORKFLOW_ORCHESTRATOR("composite/workflow_orchestrator");

        private final String word;

        Pattern(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** What a bulk operation does with the rows it is given. */
    enum Operation {
        /** Add the rows. */
        INSERT,
        /** Insert new rows, update existing ones (by the conflict key). */
        UPSERT,
        /** Delete the rows with the given keys. */
        DELETE,
        /** Make the children of the given parents exactly the given rows (writing only what changed). */
        REPLACE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code pattern: batch/bulk_operation}. {@code conflictColumns} (upsert), {@code key} (delete, replace),
     * {@code updateColumns} (upsert, replace) and {@code parentKey} (replace) are given explicitly or empty; their
     * defaults and whether they fit the operation are decided by {@code validate.BulkKeys}.
     * {@code batchField} names the jsonb form's parameter ({@code p_<batch_field>}).
     */
    record Bulk(String name, Operation operation, Optional<Named> batchField, Optional<Columns> conflictColumns,
            Optional<Columns> key, Optional<Columns> updateColumns, Optional<Columns> parentKey,
            Optional<Named> trigger, Hints hints, SourcePos pos, SourcePos patternPos, SourcePos operationPos)
            implements Action {
        public Bulk {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(operation, "operation == null");
            Objects.requireNonNull(batchField, "batchField == null");
            Objects.requireNonNull(conflictColumns, "conflictColumns == null");
            Objects.requireNonNull(key, "key == null");
            Objects.requireNonNull(updateColumns, "updateColumns == null");
            Objects.requireNonNull(parentKey, "parentKey == null");
            Objects.requireNonNull(trigger, "trigger == null");
            Objects.requireNonNull(hints, "hints == null");
            Objects.requireNonNull(pos, "pos == null");
            Objects.requireNonNull(patternPos, "patternPos == null");
            Objects.requireNonNull(operationPos, "operationPos == null");
        }

        @Override
        public Pattern pattern() {
            return Pattern.BULK_OPERATION;
        }
    }

    /**
     * {@code pattern: composite/workflow_orchestrator}: steps that write other entities when {@code trigger}
     * happens. Validated (targets, fields); not generated yet (SG236).
     */
    record Workflow(String name, Optional<Named> trigger, List<Step> steps, Hints hints, SourcePos pos,
            SourcePos patternPos) implements Action {
        public Workflow {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(trigger, "trigger == null");
            steps = List.copyOf(steps);
            Objects.requireNonNull(hints, "hints == null");
            Objects.requireNonNull(pos, "pos == null");
            Objects.requireNonNull(patternPos, "patternPos == null");
        }

        @Override
        public Pattern pattern() {
            return Pattern.WORKFLOW_ORCHESTRATOR;
        }
    }

    /** What a workflow step does to its target entity. */
    enum StepAction {
        UPDATE, INSERT, UPSERT, DELETE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One workflow step: {@code action} on {@code entity} (an entity of the run, resolved by validation), setting
     * {@code fields} (target column, SQL expression; spec order) where {@code condition}. {@code actionPos} is the
     * {@code action:} value's position.
     */
    record Step(String name, StepAction action, Named entity, List<Assignment> fields, Optional<Expr> condition,
            SourcePos pos, SourcePos actionPos) {
        public Step {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(action, "action == null");
            Objects.requireNonNull(entity, "entity == null");
            fields = List.copyOf(fields);
            Objects.requireNonNull(condition, "condition == null");
            Objects.requireNonNull(pos, "pos == null");
            Objects.requireNonNull(actionPos, "actionPos == null");
        }
    }

    /** {@code column: expression} of a step; {@code column} is the target's column name as written. */
    record Assignment(Named column, Expr value) {
        public Assignment {
            Objects.requireNonNull(column, "column == null");
            Objects.requireNonNull(value, "value == null");
        }
    }

    /** An SQL expression as written, with the position of its value. */
    record Expr(String sql, SourcePos pos) {
        public Expr {
            Objects.requireNonNull(sql, "sql == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }
}
