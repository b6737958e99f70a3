package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.load.YDocument;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.model.Action;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.ForeignKey;
import dev.specgen.model.Hint;
import dev.specgen.model.Hints;
import dev.specgen.model.Index;
import dev.specgen.model.MaterializedView;
import dev.specgen.model.Named;
import dev.specgen.model.Param;
import dev.specgen.model.Partitioning;
import dev.specgen.model.Sql;
import dev.specgen.model.Storage;
import dev.specgen.model.TableConstraint;
import dev.specgen.model.TableFeatures;
import dev.specgen.validate.Identifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One YAML document to one {@link Entity}. Every part is read even when an earlier one failed, so that all
 * problems of a document are reported in one run; a document without a usable {@code entity:} name yields no
 * entity.
 */
final class EntityBuilder {

    static final List<String> KEYS = List.of("entity", "schema", "table", "description", "fields", "primary_key",
            "indexes", "foreign_keys", "partitioning", "storage", "actions", "performance_hints", "materialized_view",
            "refresh_strategy", "refresh_interval", "replica_identity", "row_level_security", "triggers", "extensions",
            "sequences", "constraints", "types", "identifiers");
    /** {@code identifiers:} words: {@code lower_case} (the default), {@code exact}. */
    private static final Map<String, Entity.Identifiers> IDENTIFIERS = Shape.words(Entity.Identifiers.values());
    private static final List<String> PRIMARY_KEY_KEYS = List.of("name", "columns");
    private static final Pattern CAMEL = Pattern.compile("[A-Z][A-Za-z0-9]*");

    private final Shape shape;
    private final TypeScope types;

    /** @param types the run's declared types ({@code types:} of every document, read by {@link DeclaredTypes}) */
    EntityBuilder(Shape shape, TypeScope types) {
        this.shape = shape;
        this.types = types;
    }

    /** The entity of {@code doc}; a view it declares ({@code materialized_view:}) is added to {@code views}. */
    Optional<Entity> build(YDocument doc, List<MaterializedView> views) {
        Optional<YMap> root = shape.map(doc.root(), "an entity document");
        if (root.isEmpty()) {
            return Optional.empty();
        }
        YMap m = root.get();
        shape.keys(m, KEYS, "entity");
        Entity.Identifiers identifiers = m.get("identifiers").flatMap(i -> shape.word(i, "\"identifiers\"",
                IDENTIFIERS)).orElse(Entity.Identifiers.LOWER_CASE);
        shape.exactNames(identifiers == Entity.Identifiers.EXACT);
        try {
            return build(m, identifiers, views);
        } finally {
            shape.exactNames(false);
        }
    }

    private Optional<Entity> build(YMap m, Entity.Identifiers identifiers, List<MaterializedView> views) {
        Optional<YScalar> nameNode = shape.required(m, "entity", "entity").flatMap(n -> shape.scalar(n, "\"entity\""));
        Optional<String> name = nameNode.map(n -> n.text().trim());
        SourcePos pos = nameNode.map(YNode::pos).orElse(m.pos());
        name.ifPresent(n -> checkEntityName(n, pos));
        String schema = m.get("schema").flatMap(s -> shape.scalar(s, "\"schema\"")).map(s -> {
            if (shape.ident("schema", s.text(), s.pos())) {
                Identifiers.checkSchema(s.text(), s.pos(), shape.diags);
            }
            return s.text();
        }).orElse("public");
        Optional<YScalar> tableNode = m.get("table").flatMap(t -> shape.scalar(t, "\"table\""));
        tableNode.ifPresent(t -> shape.ident("table", t.text(), t.pos()));
        String table = tableNode.map(YScalar::text).orElseGet(() -> name.map(Sql::snakeCase).orElse("?"));
        if (tableNode.isEmpty() && name.isPresent() && CAMEL.matcher(name.get()).matches()) {
            shape.ident("table", table, pos);
        }
        Optional<String> description = m.get("description").flatMap(d -> shape.text(d, "\"description\""));
        Optional<YMap> pkMap = m.get("primary_key").filter(YMap.class::isInstance).map(YMap.class::cast);
        pkMap.ifPresent(p -> shape.keys(p, PRIMARY_KEY_KEYS, "primary_key"));
        Optional<Named> pkName = pkMap.flatMap(p -> p.get("name")).flatMap(n -> shape.named(n, "\"name\""));
        Optional<YNode> pkColumns = pkMap.isPresent() ? pkMap.get().get("columns") : m.get("primary_key");
        List<Named> pkList = pkColumns.map(p -> shape.names(p, pkMap.isPresent() ? "\"columns\""
                : "\"primary_key\"")).orElse(List.of());
        HashSet<String> pkNames = new HashSet<>();
        pkList.forEach(k -> pkNames.add(k.name()));
        List<Field> fields = shape.required(m, "fields", "entity").flatMap(f -> shape.map(f, "\"fields\""))
                .map(f -> new FieldBuilder(shape, schema, table, types).build(f, pkNames)).orElse(List.of());
        List<Named> primaryKey = primaryKey(m, fields, pkList, pkColumns.isPresent());
        if (pkMap.isPresent() && pkColumns.isEmpty() && primaryKey.isEmpty()) {
            shape.required(pkMap.get(), "columns", "primary_key");
        }
        List<TableConstraint> constraints = m.get("constraints").flatMap(c -> shape.seq(c, "\"constraints\""))
                .map(s -> new ConstraintBuilder(shape).build(s)).orElse(List.of());
        List<Index> indexes = m.get("indexes").flatMap(i -> shape.seq(i, "\"indexes\""))
                .map(s -> new IndexBuilder(shape).build(s)).orElse(List.of());
        List<ForeignKey> foreignKeys = m.get("foreign_keys").flatMap(k -> shape.seq(k, "\"foreign_keys\""))
                .map(s -> new ForeignKeyBuilder(shape).build(s)).orElse(List.of());
        Optional<Partitioning> partitioning = m.get("partitioning").flatMap(p -> shape.map(p, "\"partitioning\""))
                .flatMap(p -> new PartitionBuilder(shape).build(p, fields, false));
        Storage storage = m.get("storage").flatMap(s -> shape.map(s, "\"storage\"")).map(this::storage)
                .orElse(Storage.NONE);
        ActionBuilder actionBuilder = new ActionBuilder(shape, fields, name.orElse("?"));
        List<Action> actions = m.get("actions").flatMap(a -> shape.seq(a, "\"actions\""))
                .map(actionBuilder::build).orElse(List.of());
        Hints hints = m.get("performance_hints").map(h -> new HintBuilder(shape).build(h, Hint.Level.ENTITY))
                .orElse(Hints.NONE);
        new ViewBuilder(shape).ofEntity(m, name, schema, pos).ifPresent(views::add);
        SourcePos tablePos = tableNode.map(YNode::pos).orElse(pos);
        TableFeatures features = new TableFeaturesBuilder(shape, schema).build(m);
        List<Named> extensions = m.get("extensions").map(x -> shape.names(x, "\"extensions\"")).orElse(List.of());
        List<dev.specgen.model.Sequence> sequences = m.get("sequences")
                .map(x -> SequenceBuilder.build(shape, x, schema)).orElse(List.of());
        return name.map(n -> new Entity(n, schema, table, description, fields, primaryKey, indexes, foreignKeys,
                partitioning, storage, actions, hints, features, pos, tablePos, extensions, sequences, pkName,
                constraints, identifiers));
    }

    private void checkEntityName(String name, SourcePos pos) {
        if (CAMEL.matcher(name).matches()) {
            return;
        }
        StringBuilder camel = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                camel.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        String hint = CAMEL.matcher(camel).matches() ? "write \"" + camel + "\"; the table is named "
                + Sql.snakeCase(camel.toString()) + " (or set table:)" : "start with an upper-case letter and use"
                        + " letters and digits only, like SalesTransaction";
        shape.diags.error(pos, Code.SG212, "entity name \"" + name + "\" is not CamelCase", hint);
    }

    /**
     * Field flags in field order, or the entity-level list; both is SG223 and the list wins. The mapping form
     * without {@code columns} ({@code primary_key: {name: orders_pk}}) names the key the field flags make.
     */
    private List<Named> primaryKey(YMap m, List<Field> fields, List<Named> pkList, boolean listGiven) {
        List<Named> flagged = new ArrayList<>();
        for (Field f : fields) {
            if (f.primaryKey()) {
                flagged.add(new Named(f.name(), f.pos()));
            }
        }
        if (!flagged.isEmpty() && listGiven) {
            shape.diags.error(m.entry("primary_key").get().key().pos(), Code.SG223, "primary key given twice: by"
                    + " primary_key: true on " + String.join(", ", flagged.stream().map(Named::name).toList())
                    + " and by the entity's primary_key list", "keep either the field flags or the list");
        }
        return listGiven ? pkList : flagged;
    }

    private Storage storage(YMap m) {
        boolean unlogged = false;
        List<Param> params = new ArrayList<>();
        for (YMap.Entry e : m.entries()) {
            if (e.key().text().equals("unlogged")) {
                unlogged = shape.bool(e.value(), "\"unlogged\"").orElse(false);
            } else {
                shape.scalar(e.value(), "\"" + e.key().text() + "\"")
                        .ifPresent(v -> params.add(new Param(e.key().text(), Shape.valueText(v), e.key().pos())));
            }
        }
        return new Storage(params, unlogged, m.pos());
    }
}
