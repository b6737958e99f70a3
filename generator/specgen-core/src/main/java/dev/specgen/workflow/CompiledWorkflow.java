package dev.specgen.workflow;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import java.util.List;
import java.util.Objects;

/**
 * A {@code composite/workflow_orchestrator} action compiled to set-based maintenance: every step's target, key and
 * field updates resolved to columns of the target and the source (the entity that declares the action), every
 * expression parsed once into {@link Term}s. The planner renders it; nothing here is parsed again.
 *
 * @param action       the action's name
 * @param source       the entity whose inserted rows drive the steps
 * @param async        {@code async_execution: true}: the trigger only queues, {@code process_<action>()} applies
 * @param queueColumns the source columns the steps read (sorted by name), what a queued row keeps
 * @param pos          the action's {@code pattern:} position
 */
public record CompiledWorkflow(String action, Entity source, boolean async, List<CompiledStep> steps,
        List<Field> queueColumns, SourcePos pos) {
    public CompiledWorkflow {
        Objects.requireNonNull(action, "action == null");
        Objects.requireNonNull(source, "source == null");
        steps = List.copyOf(steps);
        queueColumns = List.copyOf(queueColumns);
        Objects.requireNonNull(pos, "pos == null");
    }

    /**
     * One step: the rows of {@code target} whose {@code key} columns equal the inserted rows' {@code matches}
     * (same order) get {@code updates}; a key that has no row yet gets one.
     */
    public record CompiledStep(String name, Entity target, List<KeyMatch> key, List<FieldUpdate> updates,
            SourcePos pos) {
        public CompiledStep {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(target, "target == null");
            key = List.copyOf(key);
            updates = List.copyOf(updates);
            Objects.requireNonNull(pos, "pos == null");
        }
    }

    /** {@code target.column = transaction.source} of a step's condition. */
    public record KeyMatch(Field target, Field source) {
        public KeyMatch {
            Objects.requireNonNull(target, "target == null");
            Objects.requireNonNull(source, "source == null");
        }
    }

    /** How a step sets one target column. */
    public sealed interface FieldUpdate permits Accumulate, Derived {
        Field target();
    }

    /** How inserted rows fold into a column: a sum, the greatest or the least value. */
    public enum Fold {
        /** {@code col + transaction.x} ({@code sum(x)}) or {@code col + 1} ({@code count(*)}). */
        ADD,
        /** {@code GREATEST(col, transaction.x)} ({@code max(x)}). */
        GREATEST,
        /** {@code LEAST(col, transaction.x)} ({@code min(x)}). */
        LEAST
    }

    /**
     * {@code col + transaction.x}, {@code col + 1}, {@code GREATEST(col, transaction.x)}, {@code LEAST(...)}:
     * {@code source} is the source column, or empty for a constant {@code constant} per row (ADD only: the
     * number as written, a plain unsigned numeric literal).
     */
    public record Accumulate(Field target, Fold fold, java.util.Optional<Field> source, String constant)
            implements FieldUpdate {
        public Accumulate {
            Objects.requireNonNull(target, "target == null");
            Objects.requireNonNull(fold, "fold == null");
            Objects.requireNonNull(source, "source == null");
            Objects.requireNonNull(constant, "constant == null");
        }
    }

    /**
     * A column computed from the new values of the step's accumulated columns (and columns the step does not set):
     * {@code (total_spent + transaction.total_amount) / (total_orders + 1)} is
     * {@code new(total_spent) / new(total_orders)}.
     */
    public record Derived(Field target, Term value) implements FieldUpdate {
        public Derived {
            Objects.requireNonNull(target, "target == null");
            Objects.requireNonNull(value, "value == null");
        }
    }
}
