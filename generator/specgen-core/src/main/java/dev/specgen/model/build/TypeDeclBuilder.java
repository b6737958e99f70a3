package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.model.FieldType;
import dev.specgen.model.UserType;
import dev.specgen.validate.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code types:} item to a {@link UserType}: exactly one of {@code domain:} (the base type), {@code composite:}
 * (attribute: type, in order), {@code range:} (the subtype) and {@code enum:} (labels); a domain also takes
 * {@code not_null}, {@code default}, {@code checks} and {@code collation}. Type texts are read like field types, so
 * they may name other declared types.
 */
final class TypeDeclBuilder {

    static final List<String> KINDS = List.of("domain", "composite", "range", "enum");
    static final List<String> DOMAIN_KEYS = List.of("not_null", "default", "checks", "collation");
    static final List<String> KEYS;

    static {
        List<String> k = new ArrayList<>(List.of("name"));
        k.addAll(KINDS);
        k.addAll(DOMAIN_KEYS);
        KEYS = List.copyOf(k);
    }

    private static final List<String> CHECK_KEYS = List.of("name", "check");

    private final Shape shape;
    private final TypeParser types;

    TypeDeclBuilder(Shape shape, TypeParser types) {
        this.shape = shape;
        this.types = types;
    }

    Optional<UserType> build(DeclaredTypes.Raw raw) {
        YMap m = raw.map();
        List<String> kinds = KINDS.stream().filter(k -> m.get(k).isPresent()).toList();
        if (kinds.size() != 1) {
            shape.diags.error(raw.pos(), Code.SG288, "type " + raw.name() + " needs exactly one of domain, composite,"
                    + " range, enum" + (kinds.isEmpty() ? "" : " (found " + String.join(", ", kinds) + ")"),
                    "e.g. {name: " + raw.name() + ", domain: text} or {name: " + raw.name() + ", composite: {a: text}}");
            return Optional.empty();
        }
        String kind = kinds.get(0);
        if (!kind.equals("domain")) {
            for (String k : DOMAIN_KEYS) {
                m.entry(k).ifPresent(e -> shape.diags.error(e.key().pos(), Code.SG288, "\"" + k
                        + "\" only applies to domains; " + raw.name() + " is a " + kind));
            }
        }
        YNode value = m.get(kind).get();
        return switch (kind) {
            case "domain" -> domain(raw, value);
            case "composite" -> composite(raw, value);
            case "range" -> range(raw, value);
            default -> enumType(raw, value);
        };
    }

    private Optional<FieldType> type(YNode n, String what, String schema) {
        return shape.scalar(n, what).flatMap(s -> types.parse(s.text(), s.pos(), schema, null, List.of()));
    }

    private Optional<UserType> domain(DeclaredTypes.Raw raw, YNode value) {
        YMap m = raw.map();
        Optional<FieldType> base = type(value, "\"domain\"", raw.schema());
        boolean notNull = m.get("not_null").flatMap(n -> shape.bool(n, "\"not_null\"")).orElse(false);
        Optional<String> dflt = m.get("default").flatMap(n -> n instanceof YScalar s && s.isNull()
                ? Optional.of("NULL") : shape.text(n, "\"default\""));
        Optional<String> collation = m.get("collation").flatMap(n -> shape.text(n, "\"collation\""));
        List<UserType.Check> checks = new ArrayList<>();
        m.get("checks").flatMap(c -> shape.seq(c, "\"checks\"")).ifPresent(s -> s.items().forEach(i -> check(i)
                .ifPresent(checks::add)));
        SourcePos dpos = m.get("default").map(YNode::pos).orElse(raw.pos());
        return base.map(b -> new UserType.Domain(new FieldType.Domain(raw.schema(), raw.name(), b, notNull,
                checks.stream().map(UserType.Check::expression).toList()), dflt, collation, checks, raw.pos(),
                value.pos(), dpos));
    }

    /** {@code "VALUE > 0"} or {@code {name: positive, check: "VALUE > 0"}}. */
    private Optional<UserType.Check> check(YNode item) {
        if (item instanceof YScalar s && !s.isNull()) {
            return Optional.of(new UserType.Check(Optional.empty(), s.text(), s.pos()));
        }
        Optional<YMap> m = shape.map(item, "each item of \"checks\"");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        shape.keys(m.get(), CHECK_KEYS, "checks");
        Optional<YScalar> name = m.get().get("name").flatMap(n -> shape.scalar(n, "\"name\""));
        name.ifPresent(n -> Identifiers.check("constraint", n.text(), n.pos(), shape.diags));
        return shape.required(m.get(), "check", "checks").flatMap(c -> shape.scalar(c, "\"check\""))
                .map(c -> new UserType.Check(name.map(YScalar::text), c.text(), c.pos()));
    }

    private Optional<UserType> composite(DeclaredTypes.Raw raw, YNode value) {
        Optional<YMap> m = shape.map(value, "\"composite\"");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        List<FieldType.Attribute> attributes = new ArrayList<>();
        boolean ok = true;
        for (YMap.Entry e : m.get().entries()) {
            Identifiers.check("attribute", e.key().text(), e.key().pos(), shape.diags);
            Optional<FieldType> t = type(e.value(), "attribute \"" + e.key().text() + "\"", raw.schema());
            ok &= t.isPresent();
            t.ifPresent(x -> attributes.add(new FieldType.Attribute(e.key().text(), x)));
        }
        return ok ? Optional.of(new UserType.Composite(new FieldType.Composite(raw.schema(), raw.name(), attributes),
                raw.pos())) : Optional.empty();
    }

    private Optional<UserType> range(DeclaredTypes.Raw raw, YNode value) {
        Optional<FieldType> sub = type(value, "\"range\"", raw.schema());
        if (sub.isPresent() && !sub.get().sortable()) {
            shape.diags.error(value.pos(), Code.SG286, "range " + raw.name() + " over " + sub.get().sql()
                    + ": the subtype has no btree operator class to order its bounds",
                    "use a subtype with an order (numbers, text, dates, timestamps, uuid...)");
            return Optional.empty();
        }
        if (sub.isPresent() && !sub.get().formatType().equals(unmodified(sub.get()))) {
            shape.diags.warning(value.pos(), Code.SG289, "range " + raw.name() + " over " + sub.get().sql()
                    + ": PostgreSQL keeps no type modifier on a range subtype, so its bounds are plain "
                    + unmodified(sub.get()), "write range: " + unmodified(sub.get()) + ", or a domain over "
                    + sub.get().sql() + " as the subtype");
        }
        return sub.map(s -> new UserType.Range(new FieldType.Range(raw.schema(), raw.name(),
                FieldType.Range.multirangeOf(raw.name()), s, false), raw.pos(), value.pos()));
    }

    /** The type as format_type prints it without a modifier ({@code numeric(12,2)} is {@code numeric}). */
    static String unmodified(FieldType t) {
        return t.formatType().replaceAll("\\(\\d+(,\\d+)?\\)", "");
    }

    private Optional<UserType> enumType(DeclaredTypes.Raw raw, YNode value) {
        List<String> labels = new ArrayList<>();
        shape.seq(value, "\"enum\"").ifPresent(s -> s.items().forEach(i -> shape.text(i, "each item of \"enum\"")
                .ifPresent(labels::add)));
        return Optional.of(new UserType.Enum(new FieldType.Enum(raw.schema(), raw.name(), labels), raw.pos()));
    }
}
