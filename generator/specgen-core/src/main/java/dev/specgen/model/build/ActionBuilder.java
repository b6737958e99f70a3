package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.Suggest;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.load.YSeq;
import dev.specgen.model.Action;
import dev.specgen.model.Columns;
import dev.specgen.model.Field;
import dev.specgen.model.Hint;
import dev.specgen.model.Hints;
import dev.specgen.model.Named;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code actions:} to typed {@link Action}s. The pattern decides the type (an unknown one is SG222 and the action
 * is left out); operation and step action words become enums here (SG222 with a did-you-mean, at the value); column
 * lists are resolved to the entity's fields (SG203 for a name that is not one); hints go through
 * {@link HintBuilder}. Whether keys fit the operation and targets exist is the validator's (ActionRule).
 */
final class ActionBuilder {

    static final List<String> KEYS = List.of("name", "pattern", "operation", "batch_field", "trigger",
            "performance_hints", "workflow", "conflict_columns", "key", "update_columns", "parent_key");
    static final List<String> STEP_KEYS = List.of("step", "action", "entity", "fields", "condition");
    static final List<String> PATTERNS = Arrays.stream(Action.Pattern.values()).map(Action.Pattern::word).toList();
    static final List<String> OPERATIONS = Arrays.stream(Action.Operation.values()).map(Action.Operation::word)
            .toList();
    static final List<String> STEP_ACTIONS = Arrays.stream(Action.StepAction.values())
            .map(Action.StepAction::word).toList();
    /** Keys only bulk operations use. */
    static final List<String> BULK_ONLY = List.of("operation", "batch_field", "conflict_columns", "key",
            "update_columns", "parent_key");

    private final Shape shape;
    private final List<Field> fields;
    private final String entity;

    ActionBuilder(Shape shape, List<Field> fields, String entity) {
        this.shape = shape;
        this.fields = List.copyOf(fields);
        this.entity = entity;
    }

    List<Action> build(YSeq items) {
        List<Action> out = new ArrayList<>();
        for (YNode item : items.items()) {
            shape.map(item, "each item of \"actions\"").flatMap(this::action).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Action> action(YMap m) {
        String ctx = context(m, "name", "action");
        shape.keys(m, KEYS, ctx);
        Optional<String> name = shape.required(m, "name", "action").flatMap(n -> shape.text(n, "\"name\""));
        Optional<YScalar> patternNode = shape.required(m, "pattern", ctx)
                .flatMap(p -> shape.scalar(p, "\"pattern\""));
        Hints hints = m.get("performance_hints").map(h -> new HintBuilder(shape).build(h, Hint.Level.ACTION))
                .orElse(Hints.NONE);
        Optional<Named> trigger = m.get("trigger").flatMap(o -> shape.named(o, "\"trigger\""));
        String what = "action \"" + name.orElse("?") + "\"";
        // without a name the action is already reported (SG108); its pattern is not judged on top
        Optional<Action.Pattern> pattern = name.isEmpty() ? Optional.empty()
                : patternNode.flatMap(p -> pattern(p, what));
        List<Action.Step> steps = new ArrayList<>();
        m.get("workflow").flatMap(w -> shape.seq(w, "\"workflow\"")).ifPresent(s -> s.items().forEach(
                i -> shape.map(i, "each item of \"workflow\"").flatMap(this::step).ifPresent(steps::add)));
        if (name.isEmpty() || pattern.isEmpty()) {
            return Optional.empty();
        }
        SourcePos patternPos = patternNode.get().pos();
        if (pattern.get() == Action.Pattern.WORKFLOW_ORCHESTRATOR) {
            return workflow(m, name.get(), what, trigger, steps, hints, patternPos);
        }
        return bulk(m, name.get(), what, trigger, hints, patternPos);
    }

    private Optional<Action> bulk(YMap m, String name, String what, Optional<Named> trigger, Hints hints,
            SourcePos patternPos) {
        String bulk = Action.Pattern.BULK_OPERATION.word();
        m.entry("workflow").ifPresent(w -> shape.diags.error(w.key().pos(), Code.SG222, what + " has a workflow,"
                + " which pattern " + bulk + " does not use", "use pattern "
                + Action.Pattern.WORKFLOW_ORCHESTRATOR.word() + " for workflows"));
        Optional<YScalar> opNode = m.get("operation").flatMap(o -> shape.scalar(o, "\"operation\""));
        if (opNode.isEmpty() && m.get("operation").isEmpty() && !shape.misspelled(m, "operation")) {
            shape.diags.error(patternPos, Code.SG108, what + " needs \"operation\" (" + String.join(", ", OPERATIONS)
                    + ") for pattern " + bulk);
        }
        Optional<Action.Operation> op = opNode.flatMap(o -> operation(o, what));
        Optional<Named> batchField = m.get("batch_field").flatMap(b -> shape.named(b, "\"batch_field\""));
        Optional<Columns> conflict = columns(m, "conflict_columns");
        Optional<Columns> key = columns(m, "key");
        Optional<Columns> update = columns(m, "update_columns");
        Optional<Columns> parent = columns(m, "parent_key");
        if (op.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Action.Bulk(name, op.get(), batchField, conflict, key, update, parent, trigger,
                hints, m.pos(), patternPos, opNode.get().pos()));
    }

    private Optional<Action> workflow(YMap m, String name, String what, Optional<Named> trigger,
            List<Action.Step> steps, Hints hints, SourcePos patternPos) {
        String workflow = Action.Pattern.WORKFLOW_ORCHESTRATOR.word();
        if (m.get("workflow").isEmpty() && !shape.misspelled(m, "workflow")) {
            shape.diags.error(patternPos, Code.SG108, what + " needs a \"workflow\" list of steps for pattern "
                    + workflow);
        }
        for (String k : BULK_ONLY) {
            m.entry(k).ifPresent(e -> shape.diags.error(e.value().pos(), Code.SG222, what + " has " + k
                    + (e.value() instanceof YScalar s ? " " + s.text() : "") + ", which pattern " + workflow
                    + " does not use", "use pattern " + Action.Pattern.BULK_OPERATION.word()
                            + " for bulk operations"));
        }
        return Optional.of(new Action.Workflow(name, trigger, steps, hints, m.pos(), patternPos));
    }

    private Optional<Action.Pattern> pattern(YScalar p, String what) {
        String w = lower(p.text());
        for (Action.Pattern x : Action.Pattern.values()) {
            if (x.word().equals(w)) {
                return Optional.of(x);
            }
        }
        shape.diags.error(p.pos(), Code.SG222, "unknown pattern \"" + w + "\" in " + what
                + Suggest.didYouMean(w, PATTERNS), "patterns: " + String.join(", ", PATTERNS));
        return Optional.empty();
    }

    private Optional<Action.Operation> operation(YScalar o, String what) {
        String w = lower(o.text());
        for (Action.Operation x : Action.Operation.values()) {
            if (x.word().equals(w)) {
                return Optional.of(x);
            }
        }
        shape.diags.error(o.pos(), Code.SG222, "unknown operation \"" + w + "\" in " + what
                + Suggest.didYouMean(w, OPERATIONS), "operations: " + String.join(", ", OPERATIONS));
        return Optional.empty();
    }

    /** A list of the entity's field names; SG203 at each name that is not one (left out). */
    private Optional<Columns> columns(YMap m, String key) {
        Optional<YMap.Entry> entry = m.entry(key);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        List<Field> out = new ArrayList<>();
        for (Named n : shape.names(entry.get().value(), "\"" + key + "\"")) {
            Optional<Field> f = fields.stream().filter(x -> x.name().equals(n.name())).findFirst();
            if (f.isEmpty()) {
                shape.diags.error(n.pos(), Code.SG203, key + " names \"" + n.name() + "\", which is not a field of "
                        + entity + Suggest.didYouMean(n.name(), fields.stream().map(Field::name).toList()));
            } else if (out.stream().anyMatch(x -> x.name().equals(n.name()))) {
                // by name: each is the first field of its name, so this is equals, without comparing whole fields
                shape.diags.error(n.pos(), Code.SG202, key + " names \"" + n.name() + "\" twice");
            } else {
                out.add(f.get());
            }
        }
        return Optional.of(new Columns(out, entry.get().value().pos()));
    }

    /** {@code what "name"} when {@code m} has a scalar under {@code key}, else {@code what}; reports nothing. */
    private static String context(YMap m, String key, String what) {
        return m.get(key).filter(n -> n instanceof YScalar s && !s.isNull())
                .map(n -> what + " \"" + ((YScalar) n).text() + "\"").orElse(what);
    }

    private Optional<Action.Step> step(YMap m) {
        String ctx = context(m, "step", "workflow step");
        shape.keys(m, STEP_KEYS, ctx);
        Optional<String> step = shape.required(m, "step", "workflow step").flatMap(s -> shape.text(s, "\"step\""));
        Optional<YScalar> actionNode = shape.required(m, "action", ctx).flatMap(a -> shape.scalar(a, "\"action\""));
        Optional<Action.StepAction> action = actionNode.flatMap(a -> stepAction(a, ctx));
        Optional<Named> entityName = shape.required(m, "entity", ctx).flatMap(e -> shape.named(e, "\"entity\""));
        List<Action.Assignment> assignments = new ArrayList<>();
        m.get("fields").flatMap(f -> shape.map(f, "\"fields\"")).ifPresent(f -> {
            for (YMap.Entry e : f.entries()) {
                shape.scalar(e.value(), "\"" + e.key().text() + "\"").ifPresent(v -> assignments.add(
                        new Action.Assignment(new Named(e.key().text(), e.key().pos()),
                                new Action.Expr(v.text(), v.pos()))));
            }
        });
        Optional<Action.Expr> condition = m.get("condition").flatMap(c -> shape.scalar(c, "\"condition\""))
                .map(c -> new Action.Expr(c.text(), c.pos()));
        if (step.isEmpty() || action.isEmpty() || entityName.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Action.Step(step.get(), action.get(), entityName.get(), assignments, condition,
                m.pos(), actionNode.get().pos()));
    }

    private Optional<Action.StepAction> stepAction(YScalar a, String what) {
        String w = lower(a.text());
        for (Action.StepAction x : Action.StepAction.values()) {
            if (x.word().equals(w)) {
                return Optional.of(x);
            }
        }
        shape.diags.error(a.pos(), Code.SG222, "unknown step action \"" + w + "\" in " + what
                + Suggest.didYouMean(w, STEP_ACTIONS), "step actions: " + String.join(", ", STEP_ACTIONS));
        return Optional.empty();
    }

    private static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
