package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YSeq;
import dev.specgen.model.Index;
import dev.specgen.model.Named;
import dev.specgen.model.TableConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code constraints:} items to {@link TableConstraint}s. Each item is a mapping with exactly one of {@code check},
 * {@code unique}, {@code exclude} (SG273 otherwise) and the keys that kind takes. An item that cannot be read is
 * left out after its problems are reported.
 */
final class ConstraintBuilder {

    static final List<String> KINDS = List.of("check", "unique", "exclude");
    private static final List<String> CHECK_KEYS = List.of("check", "name", "not_valid");
    private static final List<String> UNIQUE_KEYS = List.of("unique", "name", "not_valid", "nulls_not_distinct");
    private static final List<String> EXCLUDE_KEYS = List.of("exclude", "name", "not_valid");
    static final List<String> ALL_KEYS = List.of("check", "unique", "exclude", "name", "not_valid",
            "nulls_not_distinct");
    static final List<String> BODY_KEYS = List.of("using", "elements", "where");
    static final List<String> ELEMENT_KEYS = List.of("column", "with");

    private final Shape shape;

    ConstraintBuilder(Shape shape) {
        this.shape = shape;
    }

    List<TableConstraint> build(YSeq items) {
        List<TableConstraint> out = new ArrayList<>();
        for (YNode item : items.items()) {
            shape.map(item, "each item of \"constraints\"").flatMap(this::constraint).ifPresent(out::add);
        }
        return out;
    }

    private Optional<TableConstraint> constraint(YMap m) {
        List<String> kinds = m.keys().stream().filter(KINDS::contains).toList();
        if (kinds.size() != 1) {
            shape.keys(m, ALL_KEYS, "constraint");
            if (!kinds.isEmpty() || !m.keys().stream().anyMatch(k -> !ALL_KEYS.contains(k))) {
                shape.diags.error(m.pos(), Code.SG273, kinds.isEmpty()
                        ? "constraint has none of check, unique, exclude"
                        : "constraint has " + String.join(" and ", kinds) + ": one item is one constraint",
                        "write each constraint as its own item: - check: \"...\", - unique: [...], or"
                                + " - exclude: {using: gist, elements: [...]}");
            }
            return Optional.empty();
        }
        String kind = kinds.get(0);
        shape.keys(m, switch (kind) {
            case "check" -> CHECK_KEYS;
            case "unique" -> UNIQUE_KEYS;
            default -> EXCLUDE_KEYS;
        }, kind + " constraint");
        Optional<Named> name = m.get("name").flatMap(n -> shape.named(n, "\"name\""));
        boolean notValid = m.get("not_valid").flatMap(n -> shape.bool(n, "\"not_valid\"")).orElse(false);
        YNode body = m.get(kind).orElseThrow();
        SourcePos notValidPos = m.get("not_valid").map(YNode::pos).orElse(body.pos());
        return switch (kind) {
            case "check" -> shape.text(body, "\"check\"").map(x -> new TableConstraint.Check(x, name, notValid,
                    notValidPos, body.pos()));
            case "unique" -> {
                List<Named> columns = shape.names(body, "\"unique\"");
                if (body instanceof YSeq s && s.items().isEmpty()) {
                    shape.diags.error(s.pos(), Code.SG107, "\"unique\" must be a non-empty list, found an empty"
                            + " list");
                }
                boolean nnd = m.get("nulls_not_distinct").flatMap(n -> shape.bool(n, "\"nulls_not_distinct\""))
                        .orElse(false);
                yield columns.isEmpty() ? Optional.empty() : Optional.of(new TableConstraint.Unique(columns, nnd,
                        name, notValid, notValidPos, body.pos()));
            }
            default -> shape.map(body, "\"exclude\"").flatMap(b -> exclude(b, name, notValid, notValidPos));
        };
    }

    private Optional<TableConstraint> exclude(YMap m, Optional<Named> name, boolean notValid, SourcePos notValidPos) {
        shape.keys(m, BODY_KEYS, "exclude");
        Optional<YNode> using = m.get("using");
        Optional<Index.Method> method = using.flatMap(u -> shape.word(u, "exclude method", IndexBuilder.METHODS));
        List<TableConstraint.Element> elements = new ArrayList<>();
        shape.required(m, "elements", "exclude").flatMap(e -> shape.seq(e, "\"elements\"")).ifPresent(s -> {
            if (s.items().isEmpty()) {
                shape.diags.error(s.pos(), Code.SG107, "\"elements\" must be a non-empty list, found an empty list");
            }
            for (YNode i : s.items()) {
                shape.map(i, "each item of \"elements\"").flatMap(this::element).ifPresent(elements::add);
            }
        });
        Optional<String> where = m.get("where").flatMap(w -> shape.text(w, "\"where\""));
        if (elements.isEmpty() || using.isPresent() && method.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TableConstraint.Exclude(method.orElse(Index.Method.BTREE),
                using.map(YNode::pos).orElse(m.pos()), elements, where,
                m.get("where").map(YNode::pos).orElse(m.pos()), name, notValid, notValidPos, m.pos()));
    }

    private Optional<TableConstraint.Element> element(YMap m) {
        shape.keys(m, ELEMENT_KEYS, "exclude element");
        Optional<Named> column = shape.required(m, "column", "exclude element")
                .flatMap(c -> shape.named(c, "\"column\""));
        Optional<YNode> with = shape.required(m, "with", "exclude element");
        Optional<String> operator = with.flatMap(w -> shape.text(w, "\"with\""));
        if (column.isEmpty() || operator.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TableConstraint.Element(column.get(), operator.get(), with.get().pos()));
    }
}
