package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An action from the spec's {@code actions:} list. Parsed and validated now; rendered by the bulk-operations issue.
 * {@code pattern} is {@code batch/bulk_operation} or {@code composite/workflow_orchestrator}; {@code operation}
 * is {@code insert}, {@code upsert} or {@code delete} for bulk operations. {@code pos} is the item's position,
 * {@code patternPos} and {@code operationPos} the values' ({@code operationPos} is {@code patternPos} without one).
 */
public record Action(
        String name,
        String pattern,
        Optional<String> operation,
        Optional<String> batchField,
        Optional<String> trigger,
        List<Hint> performanceHints,
        List<Step> workflow,
        SourcePos pos,
        SourcePos patternPos,
        SourcePos operationPos) {

    public Action {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(pattern, "pattern == null");
        Objects.requireNonNull(operation, "operation == null");
        Objects.requireNonNull(batchField, "batchField == null");
        Objects.requireNonNull(trigger, "trigger == null");
        performanceHints = List.copyOf(performanceHints);
        workflow = List.copyOf(workflow);
        Objects.requireNonNull(pos, "pos == null");
        Objects.requireNonNull(patternPos, "patternPos == null");
        Objects.requireNonNull(operationPos, "operationPos == null");
    }

    /**
     * One workflow step: update {@code entity} setting {@code fields} (column -> SQL expression) where
     * {@code condition}. {@code actionPos} is the {@code action:} value's position.
     */
    public record Step(String step, String action, Named entity, Map<String, Expr> fields, Optional<String> condition,
            SourcePos pos, SourcePos actionPos) {
        public Step {
            Objects.requireNonNull(step, "step == null");
            Objects.requireNonNull(action, "action == null");
            Objects.requireNonNull(entity, "entity == null");
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
            Objects.requireNonNull(condition, "condition == null");
            Objects.requireNonNull(pos, "pos == null");
            Objects.requireNonNull(actionPos, "actionPos == null");
        }
    }

    /** An SQL expression with the position of its key. */
    public record Expr(String sql, SourcePos pos) {
        public Expr {
            Objects.requireNonNull(sql, "sql == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }
}
