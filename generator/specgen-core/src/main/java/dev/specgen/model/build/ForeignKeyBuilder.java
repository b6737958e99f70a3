package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YSeq;
import dev.specgen.model.ForeignKey;
import dev.specgen.model.ForeignKey.Action;
import dev.specgen.model.ForeignKey.Deferrable;
import dev.specgen.model.ForeignKey.OnChange;
import dev.specgen.model.Named;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code foreign_keys:} items to {@link ForeignKey}s. The {@code references:} mapping is the field form's
 * ({@code entity}, with {@code columns} for {@code field}), and the actions are spelled the same way. An item whose
 * columns or target cannot be read is reported and left out.
 */
final class ForeignKeyBuilder {

    static final List<String> KEYS = List.of("name", "columns", "references", "on_delete", "on_update",
            "deferrable", "not_valid");
    static final List<String> REF_KEYS = List.of("entity", "columns");
    private static final Map<String, Action> ACTIONS = new LinkedHashMap<>();
    private static final Map<String, Deferrable> DEFERRABLE = new LinkedHashMap<>();

    static {
        for (Action a : List.of(Action.CASCADE, Action.RESTRICT, Action.SET_NULL, Action.SET_DEFAULT,
                Action.NO_ACTION)) {
            ACTIONS.put(a.spelling(), a);
        }
        DEFERRABLE.put("false", Deferrable.NO);
        DEFERRABLE.put("true", Deferrable.INITIALLY_IMMEDIATE);
        DEFERRABLE.put("initially immediate", Deferrable.INITIALLY_IMMEDIATE);
        DEFERRABLE.put("initially deferred", Deferrable.INITIALLY_DEFERRED);
    }

    private final Shape shape;

    ForeignKeyBuilder(Shape shape) {
        this.shape = shape;
    }

    List<ForeignKey> build(YSeq items) {
        List<ForeignKey> out = new ArrayList<>();
        for (YNode item : items.items()) {
            shape.map(item, "each item of \"foreign_keys\"").flatMap(this::foreignKey).ifPresent(out::add);
        }
        return out;
    }

    private Optional<ForeignKey> foreignKey(YMap m) {
        shape.keys(m, KEYS, "foreign key");
        Optional<Named> name = m.get("name").flatMap(n -> shape.named(n, "\"name\""));
        List<Named> columns = shape.required(m, "columns", "foreign key").map(c -> columns(c)).orElse(List.of());
        Optional<YMap> ref = shape.required(m, "references", "foreign key")
                .flatMap(r -> shape.map(r, "\"references\""));
        ref.ifPresent(r -> shape.keys(r, REF_KEYS, "references"));
        Optional<Named> entity = ref.flatMap(r -> shape.required(r, "entity", "references"))
                .flatMap(e -> shape.named(e, "\"entity\""));
        List<Named> targetColumns = ref.flatMap(r -> r.get("columns")).map(this::columns).orElse(List.of());
        Optional<OnChange> onDelete = action(m, "on_delete");
        Optional<OnChange> onUpdate = action(m, "on_update");
        Deferrable deferrable = m.get("deferrable").flatMap(d -> shape.word(d, "deferrable", DEFERRABLE))
                .orElse(Deferrable.NO);
        Optional<YNode> notValidNode = m.get("not_valid");
        boolean notValid = notValidNode.flatMap(n -> shape.bool(n, "\"not_valid\"")).orElse(false);
        SourcePos notValidPos = notValidNode.map(YNode::pos).orElse(m.pos());
        if (columns.isEmpty() || entity.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ForeignKey(name, columns, entity.get(), targetColumns, onDelete, onUpdate, deferrable,
                notValid, notValidPos, m.pos()));
    }

    /** A non-empty list of names; an empty one is reported (a key needs columns). */
    private List<Named> columns(YNode n) {
        if (n instanceof YSeq s && s.items().isEmpty()) {
            shape.diags.error(s.pos(), Code.SG107, "\"columns\" must be a non-empty list, found an empty list");
            return List.of();
        }
        return shape.names(n, "\"columns\"");
    }

    private Optional<OnChange> action(YMap m, String key) {
        Optional<YNode> n = m.get(key);
        return n.flatMap(v -> shape.word(v, key, ACTIONS)).map(a -> new OnChange(a, n.get().pos()));
    }
}
