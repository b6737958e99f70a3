package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.model.Field;
import dev.specgen.model.Field.Identity;
import dev.specgen.model.FieldType;
import dev.specgen.model.Reference;
import dev.specgen.model.Sequence;
import dev.specgen.model.SequenceOptions;
import dev.specgen.model.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code fields:} entries to {@link Field}s. Shorthand {@code name: type} is a nullable column without default;
 * the long form is a mapping. A field whose type cannot be read is reported and left out.
 */
final class FieldBuilder {

    static final List<String> KEYS = List.of("type", "nullable", "default", "primary_key", "unique", "check",
            "references", "comment", "identity", "values", "enum_name", "seed", "generated");
    private static final List<String> IDENTITY_KEYS = List.of("generated", "start", "increment", "min", "max", "cache",
            "cycle");
    private static final List<String> REF_KEYS = List.of("entity", "field", "on_delete", "on_update");
    private static final Map<String, String> REF_ACTIONS = new LinkedHashMap<>();
    private static final Map<String, Identity> IDENTITY = new LinkedHashMap<>();

    static {
        for (String a : List.of("cascade", "restrict", "set null", "set default", "no action")) {
            REF_ACTIONS.put(a, a);
        }
        IDENTITY.put("always", Identity.ALWAYS);
        IDENTITY.put("by default", Identity.BY_DEFAULT);
    }

    private static final java.util.regex.Pattern NEXTVAL = java.util.regex.Pattern.compile(
            "\\s*(?i:nextval)\\s*\\(\\s*'(?:([a-z_][a-z0-9_$]*)\\.)?([a-z_][a-z0-9_$]*)'\\s*(?:::\\s*(?i:regclass)\\s*)?\\)\\s*");

    private final Shape shape;
    private final TypeParser types;
    private final String schema;
    private final String table;

    FieldBuilder(Shape shape, String schema, String table, TypeScope scope) {
        this.shape = shape;
        this.types = new TypeParser(shape.diags, scope);
        this.schema = schema;
        this.table = table;
    }

    /** @param pkColumns the entity-level {@code primary_key:} names: those columns are NOT NULL unless said */
    List<Field> build(YMap fields, Set<String> pkColumns) {
        List<Field> out = new ArrayList<>();
        for (YMap.Entry e : fields.entries()) {
            String name = e.key().text();
            field(name, e.key().pos(), e.value(), pkColumns.contains(name)).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Field> field(String name, SourcePos pos, YNode value, boolean inEntityPk) {
        String what = "field \"" + name + "\"";
        String enumName = table + "_" + name;
        if (value instanceof YScalar s && !s.isNull()) {
            return types.parse(s.text(), s.pos(), schema, enumName, List.of())
                    .map(t -> new Field(name, t, !inEntityPk, false, Optional.empty(), Identity.NONE, false, false,
                            Optional.empty(), Optional.empty(), Optional.empty(), pos, s.pos(), pos,
                            Optional.empty(), pos, pos));
        }
        if (!(value instanceof YMap m)) {
            shape.wrong(value, what, "a type or a mapping");
            return Optional.empty();
        }
        shape.keys(m, KEYS, what);
        Optional<String> explicitEnumName = m.get("enum_name").flatMap(n -> shape.text(n, "\"enum_name\""));
        List<String> values = m.get("values").map(v -> enumValues(v)).orElse(List.of());
        Optional<YScalar> typeNode = shape.required(m, "type", what).flatMap(t -> shape.scalar(t, "\"type\""));
        Optional<FieldType> type = typeNode.flatMap(t -> types.parse(t.text(), t.pos(), schema,
                explicitEnumName.orElse(enumName), values));
        Optional<Boolean> nullable = m.get("nullable").flatMap(n -> shape.bool(n, "\"nullable\""));
        boolean pk = m.get("primary_key").flatMap(n -> shape.bool(n, "\"primary_key\"")).orElse(false);
        boolean unique = m.get("unique").flatMap(n -> shape.bool(n, "\"unique\"")).orElse(false);
        Identity identity = m.get("identity").map(this::identity).orElse(Identity.NONE);
        SequenceOptions identityOptions = m.get("identity").filter(YMap.class::isInstance)
                .map(n -> SequenceBuilder.options(shape, (YMap) n)).orElse(SequenceOptions.NONE);
        Optional<String> generated = m.get("generated").flatMap(n -> shape.text(n, "\"generated\""));
        Optional<String> written = m.get("default").flatMap(this::defaultSql);
        Optional<Sequence.Ref> nextval = written.flatMap(d -> nextval(d, m.get("default").get().pos()));
        Optional<String> dflt = nextval.isPresent()
                ? Optional.of("nextval(" + Sql.literal(Sql.qualified(nextval.get().schema(), nextval.get().name()))
                        + "::regclass)")
                : written;
        Optional<String> check = m.get("check").flatMap(n -> shape.text(n, "\"check\""));
        Optional<Reference> ref = m.get("references").flatMap(this::reference);
        Optional<String> comment = m.get("comment").flatMap(n -> shape.text(n, "\"comment\""));
        Optional<String> seed = m.get("seed").flatMap(n -> shape.text(n, "\"seed\""));
        if (type.isPresent() && !(type.get() instanceof FieldType.Enum)
                && !(type.get() instanceof FieldType.Array a && a.element() instanceof FieldType.Enum)) {
            for (String k : List.of("values", "enum_name")) {
                m.entry(k).ifPresent(en -> shape.diags.error(en.key().pos(), Code.SG219, "\"" + k
                        + "\" only applies to enum fields; " + what + " is " + type.get().sql()));
            }
        }
        if (type.isEmpty()) {
            return Optional.empty();
        }
        boolean notNullByKey = pk || inEntityPk || identity != Identity.NONE;
        SourcePos defaultPos = m.get("default").map(YNode::pos).orElse(pos);
        SourcePos checkPos = m.get("check").map(YNode::pos).orElse(pos);
        SourcePos seedPos = m.get("seed").map(YNode::pos).orElse(pos);
        SourcePos generatedPos = m.get("generated").map(YNode::pos).orElse(pos);
        return Optional.of(new Field(name, type.get(), nullable.orElse(!notNullByKey), nullable.isPresent(), dflt,
                identity, pk, unique, check, ref, comment, pos, typeNode.get().pos(), defaultPos, seed, checkPos,
                seedPos, identityOptions, generated, generatedPos, nextval));
    }

    private List<String> enumValues(YNode v) {
        List<String> out = new ArrayList<>();
        shape.seq(v, "\"values\"").ifPresent(s -> s.items().forEach(i -> shape.text(i, "each item of \"values\"")
                .ifPresent(out::add)));
        return out;
    }

    private Identity identity(YNode n) {
        if (n instanceof YScalar s && s.asBoolean().isPresent()) {
            return s.asBoolean().get() ? Identity.BY_DEFAULT : Identity.NONE;
        }
        if (n instanceof YMap m) {
            shape.keys(m, IDENTITY_KEYS, "identity");
            return shape.required(m, "generated", "identity").flatMap(g -> shape.word(g, "generated", IDENTITY))
                    .orElse(Identity.NONE);
        }
        return shape.word(n, "identity", IDENTITY).orElse(Identity.NONE);
    }

    /**
     * The sequence of a default that is exactly {@code nextval('name')} or {@code nextval('schema.name')} (with or
     * without {@code ::regclass}), names lower-case snake_case; anything else is an expression like any other.
     */
    private Optional<Sequence.Ref> nextval(String sql, SourcePos pos) {
        java.util.regex.Matcher mt = NEXTVAL.matcher(sql);
        if (!mt.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Sequence.Ref(mt.group(1) == null ? schema : mt.group(1), mt.group(2), pos));
    }

    /** SQL text as written; YAML null is SQL NULL. Lists and mappings are not expressions. */
    private Optional<String> defaultSql(YNode n) {
        if (n instanceof YScalar s) {
            return Optional.of(s.isNull() ? "NULL" : s.text());
        }
        shape.wrong(n, "\"default\"", "an SQL expression");
        return Optional.empty();
    }

    private Optional<Reference> reference(YNode n) {
        if (n instanceof YScalar s && !s.isNull()) {
            String t = s.text().trim();
            int dot = t.indexOf('.');
            if (dot < 0) {
                return Optional.of(new Reference(t, Optional.empty(), Optional.empty(), Optional.empty(), s.pos()));
            }
            return Optional.of(new Reference(t.substring(0, dot), Optional.of(t.substring(dot + 1)),
                    Optional.empty(), Optional.empty(), s.pos()));
        }
        if (!(n instanceof YMap m)) {
            shape.wrong(n, "\"references\"", "an entity name or a mapping");
            return Optional.empty();
        }
        shape.keys(m, REF_KEYS, "references");
        Optional<String> entity = shape.required(m, "entity", "references")
                .flatMap(e -> shape.text(e, "\"entity\""));
        Optional<String> field = m.get("field").flatMap(f -> shape.text(f, "\"field\""));
        Optional<String> onDelete = m.get("on_delete").flatMap(v -> shape.word(v, "on_delete", REF_ACTIONS));
        Optional<String> onUpdate = m.get("on_update").flatMap(v -> shape.word(v, "on_update", REF_ACTIONS));
        SourcePos pos = m.get("entity").map(YNode::pos).orElse(m.pos());
        return entity.map(e -> new Reference(e, field, onDelete, onUpdate, pos));
    }
}
