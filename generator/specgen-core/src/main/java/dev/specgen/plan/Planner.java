package dev.specgen.plan;

import dev.specgen.model.Entity;
import dev.specgen.model.Sql;
import dev.specgen.model.SpecModel;
import dev.specgen.validate.Extensions;
import dev.specgen.plan.SqlObject.AddForeignKey;
import dev.specgen.plan.SqlObject.CreateExtension;
import dev.specgen.plan.SqlObject.CreateSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;

/**
 * Valid model in, plan out: which files, which objects in which order. No SQL text is produced here beyond quoted
 * names and expressions; that is the renderer's job. Deterministic: entities are ordered by foreign-key
 * dependencies, ties broken by schema and table name; output never depends on file-system order or the clock.
 *
 * <p>Layout: {@code <schema>/00_schema.sql} (schema and extensions), then one {@code <schema>/NN_<table>.sql} per
 * entity in dependency order, then {@code <schema>/NN_foreign_keys.sql} for foreign keys that close a cycle.
 */
public final class Planner {

    private final Function<Entity, SortedSet<String>> extensions;
    private final UnaryOperator<String> sourceNames;

    /** @param extensions the extensions an entity needs ({@code btree_gist}, ...), from validation. */
    public Planner(Function<Entity, SortedSet<String>> extensions) {
        this(extensions, UnaryOperator.identity());
    }

    /**
     * @param sourceNames how generated headers name a spec file, from its name in diagnostics (the facade makes it
     *     independent of how the spec folder was typed)
     */
    public Planner(Function<Entity, SortedSet<String>> extensions, UnaryOperator<String> sourceNames) {
        this.extensions = extensions;
        this.sourceNames = sourceNames;
    }

    private String source(Entity e) {
        return sourceNames.apply(e.pos().file());
    }

    public SchemaPlan plan(SpecModel model) {
        DependencyOrder order = DependencyOrder.of(model.entities());
        Map<String, NameAllocator> names = new TreeMap<>();
        SortedMap<String, List<Entity>> bySchema = new TreeMap<>();
        for (Entity e : order.entities()) {
            bySchema.computeIfAbsent(e.schema(), s -> new ArrayList<>()).add(e);
            NameAllocator alloc = names.computeIfAbsent(e.schema(), s -> new NameAllocator());
            EntityPlanner.reserveNames(e, alloc);
        }

        List<PlannedFile> files = new ArrayList<>();
        for (Map.Entry<String, List<Entity>> s : bySchema.entrySet()) {
            files.add(schemaFile(s.getKey(), s.getValue()));
        }
        Map<String, Integer> counters = new LinkedHashMap<>();
        Map<String, List<AddForeignKey>> deferred = new TreeMap<>();
        Map<String, SortedSet<String>> deferredSpecs = new TreeMap<>();
        List<EntityPlan> entityPlans = new ArrayList<>();
        Set<String> createdTypes = new HashSet<>();
        Map<String, Entity> byName = new HashMap<>();
        model.entities().forEach(e -> byName.putIfAbsent(e.name(), e));
        for (Entity e : order.entities()) {
            int n = counters.merge(e.schema(), 1, Integer::sum);
            EntityPlanner ep = new EntityPlanner(e, byName, names.get(e.schema()), order.deferred(), createdTypes);
            String path = e.schema() + "/" + number(n, bySchema.get(e.schema()).size()) + "_" + e.table() + ".sql";
            files.add(new PlannedFile(path, List.of(source(e)), ep.objects()));
            entityPlans.add(ep.entityPlan(path, source(e)));
            if (!ep.deferredForeignKeys().isEmpty()) {
                deferred.computeIfAbsent(e.schema(), s -> new ArrayList<>()).addAll(ep.deferredForeignKeys());
                deferredSpecs.computeIfAbsent(e.schema(), s -> new TreeSet<>()).add(source(e));
            }
        }
        for (Map.Entry<String, List<AddForeignKey>> d : deferred.entrySet()) {
            int n = counters.merge(d.getKey(), 1, Integer::sum);
            files.add(new PlannedFile(d.getKey() + "/" + number(n, bySchema.get(d.getKey()).size() + 1)
                    + "_foreign_keys.sql", List.copyOf(deferredSpecs.get(d.getKey())), List.copyOf(d.getValue())));
        }
        return new SchemaPlan(files, entityPlans);
    }

    private PlannedFile schemaFile(String schema, List<Entity> entities) {
        List<SqlObject> objects = new ArrayList<>();
        objects.add(new CreateSchema(Sql.ident(schema), entities.get(0).pos()));
        SortedMap<String, List<String>> needs = new TreeMap<>();
        for (Entity e : entities) {
            for (String ext : extensions.apply(e)) {
                needs.computeIfAbsent(ext, x -> new ArrayList<>()).add(e.table());
            }
        }
        for (Map.Entry<String, List<String>> ext : needs.entrySet()) {
            Entity first = entities.stream().filter(e -> e.table().equals(ext.getValue().get(0))).findFirst()
                    .orElseThrow();
            objects.add(new CreateExtension(Sql.ident(ext.getKey()), Sql.ident(schema),
                    reason(ext.getKey(), ext.getValue()), first.pos()));
        }
        SortedSet<String> specs = new TreeSet<>();
        entities.forEach(e -> specs.add(source(e)));
        return new PlannedFile(schema + "/00_schema.sql", List.copyOf(specs), objects);
    }

    private static String reason(String extension, List<String> tables) {
        String what = extension.equals(Extensions.BTREE_GIST) ? "GiST"
                : extension.equals(Extensions.BTREE_GIN) ? "GIN" : extension;
        return what + " indexes on plain scalar columns need " + extension + " (used by " + String.join(", ", tables)
                + ")";
    }

    /** Zero-padded to two digits, or more when a schema has 100+ files. */
    static String number(int n, int total) {
        int width = Math.max(2, String.valueOf(total).length());
        return String.format(Locale.ROOT, "%0" + width + "d", n);
    }
}
