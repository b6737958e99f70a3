package dev.specgen.model.build;

import dev.specgen.diag.SourcePos;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.load.YSeq;
import dev.specgen.model.Action;
import dev.specgen.model.Hint;
import dev.specgen.model.Named;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code actions:} to {@link Action}s and {@code performance_hints:} (entity or action level) to {@link Hint}s.
 * Pattern, operation and step action words are lower-cased here; whether they are known, and whether hints are,
 * is the validator's business (ActionRule, HintRule).
 */
final class ActionBuilder {

    static final List<String> KEYS = List.of("name", "pattern", "operation", "batch_field", "trigger",
            "performance_hints", "workflow");
    static final List<String> STEP_KEYS = List.of("step", "action", "entity", "fields", "condition");

    private final Shape shape;

    ActionBuilder(Shape shape) {
        this.shape = shape;
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
        Optional<String> pattern = patternNode.map(p -> lower(p.text()));
        Optional<YScalar> operationNode = m.get("operation").flatMap(o -> shape.scalar(o, "\"operation\""));
        Optional<String> operation = operationNode.map(o -> lower(o.text()));
        Optional<String> batchField = m.get("batch_field").flatMap(o -> shape.text(o, "\"batch_field\""));
        Optional<String> trigger = m.get("trigger").flatMap(o -> shape.text(o, "\"trigger\""));
        List<Hint> hints = m.get("performance_hints").map(this::hints).orElse(List.of());
        List<Action.Step> steps = new ArrayList<>();
        m.get("workflow").flatMap(w -> shape.seq(w, "\"workflow\"")).ifPresent(s -> s.items().forEach(
                i -> shape.map(i, "each item of \"workflow\"").flatMap(this::step).ifPresent(steps::add)));
        if (name.isEmpty() || pattern.isEmpty()) {
            return Optional.empty();
        }
        SourcePos patternPos = patternNode.get().pos();
        return Optional.of(new Action(name.get(), pattern.get(), operation, batchField, trigger, hints, steps,
                m.pos(), patternPos, operationNode.map(YNode::pos).orElse(patternPos)));
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
        Optional<String> action = actionNode.map(a -> lower(a.text()));
        Optional<Named> entity = shape.required(m, "entity", ctx).flatMap(e -> shape.named(e, "\"entity\""));
        Map<String, Action.Expr> fields = new LinkedHashMap<>();
        m.get("fields").flatMap(f -> shape.map(f, "\"fields\"")).ifPresent(f -> {
            for (YMap.Entry e : f.entries()) {
                shape.text(e.value(), "\"" + e.key().text() + "\"")
                        .ifPresent(sql -> fields.put(e.key().text(), new Action.Expr(sql, e.key().pos())));
            }
        });
        Optional<String> condition = m.get("condition").flatMap(c -> shape.text(c, "\"condition\""));
        if (step.isEmpty() || action.isEmpty() || entity.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Action.Step(step.get(), action.get(), entity.get(), fields, condition, m.pos(),
                actionNode.get().pos()));
    }

    /**
     * A list of single-key mappings ({@code - copy_mode: true}, as in the seed specs) or one mapping. Values as
     * written, booleans {@code true}/{@code false}; a list value (conflict_columns) is joined with {@code ", "}.
     */
    List<Hint> hints(YNode n) {
        List<Hint> out = new ArrayList<>();
        if (n instanceof YMap m) {
            m.entries().forEach(e -> hint(e).ifPresent(out::add));
        } else if (n instanceof YSeq s) {
            for (YNode item : s.items()) {
                shape.map(item, "each item of \"performance_hints\"")
                        .ifPresent(m -> m.entries().forEach(e -> hint(e).ifPresent(out::add)));
            }
        } else {
            shape.wrong(n, "\"performance_hints\"", "a list or a mapping");
        }
        return out;
    }

    private Optional<Hint> hint(YMap.Entry e) {
        String name = e.key().text();
        if (e.value() instanceof YSeq s) {
            List<String> items = new ArrayList<>();
            s.items().forEach(i -> shape.text(i, "each item of \"" + name + "\"").ifPresent(items::add));
            return Optional.of(new Hint(name, String.join(", ", items), e.key().pos()));
        }
        return shape.scalar(e.value(), "\"" + name + "\"")
                .map(v -> new Hint(name, Shape.valueText(v), e.key().pos()));
    }

    private static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
