package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.load.LoadedFile;
import dev.specgen.load.YDocument;
import dev.specgen.load.YMap;
import dev.specgen.load.YScalar;
import dev.specgen.model.FieldType;
import dev.specgen.model.UserType;
import dev.specgen.validate.Contrib;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The types a run declares ({@code types:} of its entity documents) and the schema of each extension it declares,
 * read before any entity so that a field of one file may use a type declared in another. A declared type is built
 * when first named (by a field or another declaration) or at the end, each once; one named while it is being built
 * is a cycle (SG285).
 */
final class DeclaredTypes implements TypeScope {

    /** A {@code types:} item not built yet: its schema, name and mapping. */
    record Raw(String schema, String name, YMap map, SourcePos pos) {
    }

    private final Shape shape;
    private final Map<String, Raw> raws = new LinkedHashMap<>();
    /** Multirange key to its range's key: PostgreSQL creates one with each range type. */
    private final Map<String, String> multiranges = new LinkedHashMap<>();
    private final Map<String, Optional<UserType>> built = new LinkedHashMap<>();
    private final List<String> building = new ArrayList<>();
    private final Map<String, String> extensionHomes = new TreeMap<>();
    private final TypeDeclBuilder builder;

    private DeclaredTypes(Shape shape) {
        this.shape = shape;
        this.builder = new TypeDeclBuilder(shape, new TypeParser(shape.diags, this));
    }

    /** The declarations of every entity document of {@code files}; each problem of an item reported once. */
    static DeclaredTypes collect(Shape shape, List<LoadedFile> files) {
        DeclaredTypes out = new DeclaredTypes(shape);
        for (LoadedFile f : files) {
            for (YDocument doc : f.documents()) {
                if (doc.root() instanceof YMap m && !ViewBuilder.isViewDocument(m)) {
                    out.document(m);
                }
            }
        }
        return out;
    }

    private void document(YMap m) {
        String schema = m.get("schema").filter(YScalar.class::isInstance).map(s -> ((YScalar) s).text())
                .orElse("public");
        m.get("extensions").filter(dev.specgen.load.YSeq.class::isInstance)
                .ifPresent(x -> ((dev.specgen.load.YSeq) x).items().stream().filter(YScalar.class::isInstance)
                        .map(i -> ((YScalar) i).text()).forEach(x2 -> extensionHomes.merge(x2, schema,
                                (a, b) -> a.compareTo(b) <= 0 ? a : b)));
        m.get("types").flatMap(t -> shape.seq(t, "\"types\"")).ifPresent(s -> s.items().forEach(
                i -> shape.map(i, "each item of \"types\"").ifPresent(item -> raw(schema, item))));
    }

    private void raw(String schema, YMap item) {
        shape.keys(item, TypeDeclBuilder.KEYS, "type");
        Optional<YScalar> name = shape.required(item, "name", "type").flatMap(n -> shape.scalar(n, "\"name\""));
        if (name.isEmpty()) {
            return;
        }
        // a name that must be quoted still works (warned); one with a dot would read as schema-qualified
        dev.specgen.validate.Identifiers.check("type", name.get().text(), name.get().pos(), shape.diags);
        if (name.get().text().indexOf('.') >= 0) {
            shape.diags.error(name.get().pos(), Code.SG288, "type name \"" + name.get().text() + "\" has a dot",
                    "a type is created in its entity's schema: give the name alone");
            return;
        }
        String key = schema + "." + name.get().text();
        Raw earlier = raws.get(key);
        if (earlier != null) {
            shape.diags.error(name.get().pos(), Code.SG202, "type " + key + " is declared twice (first at "
                    + earlier.pos() + ")",
                    "keep one declaration; a type belongs to its schema, not to one entity");
            return;
        }
        if (TypeParser.NAMES.containsKey(name.get().text()) || Contrib.extensionOfType(name.get().text()).isPresent()
                || TypeParser.ALL_NAMES.contains(name.get().text())) {
            shape.diags.error(name.get().pos(), Code.SG202, "type name \"" + name.get().text() + "\" is the name of"
                    + " a built-in or extension type", "choose another name: fields would not know which is meant");
            return;
        }
        raws.put(key, new Raw(schema, name.get().text(), item, name.get().pos()));
        if (item.get("range").isPresent()) {
            multiranges.put(schema + "." + FieldType.Range.multirangeOf(name.get().text()), key);
        }
    }

    /**
     * True when no document declares a type: then nothing is built or reported later ({@link #resolve} finds nothing
     * to build), and this is only read, from any thread.
     */
    boolean declaresNone() {
        return raws.isEmpty() && multiranges.isEmpty();
    }

    /** Every declared type that could be built, in declaration order (files by path, documents, items). */
    List<UserType> all() {
        List<UserType> out = new ArrayList<>();
        for (String key : raws.keySet()) {
            build(key).ifPresent(out::add);
        }
        return out;
    }

    private String key(String name, String schema) {
        return name.indexOf('.') >= 0 ? name : schema + "." + name;
    }

    @Override
    public boolean declares(String name, String schema) {
        return raws.containsKey(key(name, schema)) || multiranges.containsKey(key(name, schema));
    }

    @Override
    public Optional<FieldType> resolve(String name, String schema, SourcePos pos) {
        String key = key(name, schema);
        if (!raws.containsKey(key)) {
            return resolve(multiranges.get(key), schema, pos).map(r -> {
                FieldType.Range range = (FieldType.Range) r;
                return new FieldType.Range(range.schema(), range.name(), range.multirangeName(), range.subtype(), true);
            });
        }
        if (building.contains(key)) {
            List<String> cycle = new ArrayList<>(building.subList(building.indexOf(key), building.size()));
            cycle.add(key);
            shape.diags.error(pos, Code.SG285, "type " + key + " is made of itself: " + String.join(" -> ", cycle),
                    "a domain, composite or range cannot contain itself; break the cycle (e.g. with jsonb)");
            return Optional.empty();
        }
        return build(key).map(UserType::type);
    }

    private Optional<UserType> build(String key) {
        Optional<UserType> done = built.get(key);
        if (done != null) {
            return done;
        }
        building.add(key);
        Optional<UserType> t = builder.build(raws.get(key));
        building.remove(building.size() - 1);
        built.put(key, t);
        return t;
    }

    @Override
    public Optional<FieldType> extensionType(String name) {
        return Contrib.extensionOfType(name).filter(extensionHomes::containsKey)
                .map(x -> new FieldType.Extension(extensionHomes.get(x), name, x));
    }

    @Override
    public List<String> names(String schema) {
        return raws.values().stream().map(r -> r.schema().equals(schema) ? r.name() : r.schema() + "." + r.name())
                .toList();
    }
}
