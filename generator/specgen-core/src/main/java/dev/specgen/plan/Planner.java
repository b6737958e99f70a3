package dev.specgen.plan;

import dev.specgen.Parallel;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Sql;
import dev.specgen.model.SpecModel;
import dev.specgen.view.AnalyzedView;
import dev.specgen.view.ViewCatalog;
import dev.specgen.plan.SqlObject.AddForeignKey;
import dev.specgen.plan.SqlObject.CreateSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * Valid model in, plan out: which files, which objects in which order. SQL text here is limited to quoted names,
 * expressions and the fragments of view maintenance ({@link MaintenanceSql}); statements are the renderer's job.
 * Deterministic: everything is ordered by one dependency graph ({@link DependencyGraph}: tables by foreign keys,
 * then views after what they read), ties broken by schema and name; output never depends on file-system order or
 * the clock.
 *
 * <p>Layout: {@code <schema>/00_schema.sql} (schema, extensions, sequences, declared types, and with views the refresh log and state tables),
 * then one {@code <schema>/NN_<table>.sql} per entity and {@code <schema>/NN_<view>.sql} per view in dependency order,
 * then {@code <schema>/NN_foreign_keys.sql} for foreign keys that close a cycle, and {@code NN_refresh_all.sql}.
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

    /** The plan of a model without views (or whose views were not analysed). */
    public SchemaPlan plan(SpecModel model) {
        return plan(model, ViewCatalog.EMPTY);
    }

    /** The plan of {@code model}; {@code views} is what validation made of its views (in dependency order). */
    public SchemaPlan plan(SpecModel model, ViewCatalog views) {
        return plan(model, views, List.of());
    }

    /**
     * The plan of {@code model}; {@code views} and {@code workflows} are what validation made of its views (in
     * dependency order) and workflows. A workflow's objects go in its source entity's file.
     */
    public SchemaPlan plan(SpecModel model, ViewCatalog views,
            List<dev.specgen.workflow.CompiledWorkflow> workflows) {
        DependencyGraph graph = DependencyGraph.of(model.entities(), views);
        Map<String, NameAllocator> names = new TreeMap<>();
        Map<String, NameAllocator> functionNames = new TreeMap<>();
        SortedMap<String, List<Entity>> bySchema = new TreeMap<>();
        SortedMap<String, List<AnalyzedView>> viewsBySchema = new TreeMap<>();
        for (Entity e : graph.entities()) {
            bySchema.computeIfAbsent(e.schema(), s -> new ArrayList<>()).add(e);
            EntityPlanner.reserveNames(e, names.computeIfAbsent(e.schema(), s -> new NameAllocator()));
        }
        for (AnalyzedView v : graph.views()) {
            viewsBySchema.computeIfAbsent(v.view().schema(), s -> new ArrayList<>()).add(v);
            ViewPlanner.reserveNames(v.view(), names.computeIfAbsent(v.view().schema(), s -> new NameAllocator()));
        }
        // the refresh log and state tables of a schema with views, named before anything else is generated
        Map<String, String[]> refreshTables = new TreeMap<>();
        for (String schema : viewsBySchema.keySet()) {
            NameAllocator alloc = names.get(schema);
            refreshTables.put(schema, new String[] {alloc.allocate("specgen_refresh_log"),
                alloc.allocate("specgen_refresh_state"),
                functionNames.computeIfAbsent(schema, s -> new NameAllocator()).allocate("refresh_all")});
        }

        ExtensionPlanner extensionPlanner = new ExtensionPlanner(graph.entities(), extensions);
        Map<String, String> opclassSchemas = extensionPlanner.opclassSchemas(graph.entities());
        List<PlannedFile> files = new ArrayList<>();
        java.util.SortedSet<String> schemas = new TreeSet<>(bySchema.keySet());
        schemas.addAll(viewsBySchema.keySet());
        for (String schema : schemas) {
            files.add(schemaFile(schema, bySchema.getOrDefault(schema, List.of()),
                    viewsBySchema.getOrDefault(schema, List.of()), refreshTables.get(schema),
                    extensionPlanner.objects(schema), TypePlanner.objects(schema, model.types())));
        }
        Map<String, Integer> counters = new LinkedHashMap<>();
        Map<String, List<AddForeignKey>> deferred = new TreeMap<>();
        Map<String, SortedSet<String>> deferredSpecs = new TreeMap<>();
        List<EntityPlan> entityPlans = new ArrayList<>();
        List<ViewPlan> viewPlans = new ArrayList<>();
        List<SchemaPlan.WorkflowPlan> workflowPlans = new ArrayList<>();
        Set<String> createdTypes = new HashSet<>();
        // declared enums are created with the other declared types, in 00_schema.sql
        model.types().forEach(t -> createdTypes.add(t.type().sql()));
        Map<String, Entity> byName = new HashMap<>();
        model.entities().forEach(e -> byName.putIfAbsent(e.name(), e));
        Map<Entity, Ahead> ahead = ahead(graph);
        for (DependencyGraph.Node node : graph.order()) {
            String schema = node.schema();
            int n = counters.merge(schema, 1, Integer::sum);
            String path = schema + "/" + number(n, fileCount(schema, bySchema, viewsBySchema)) + "_" + node.name()
                    + ".sql";
            if (node instanceof DependencyGraph.TableNode t) {
                Entity e = t.entity();
                Ahead planned = ahead.remove(e); // released once its file is planned
                String source = planned.source();
                EntityPlanner ep = new EntityPlanner(e, byName, names.get(schema), graph.deferred(), createdTypes,
                        opclassSchemas, planned.partitions());
                List<SqlObject> objects = new ArrayList<>(ep.objects());
                objects.addAll(MaintenancePlanner.objects(e));
                for (dev.specgen.workflow.CompiledWorkflow w : workflows) {
                    if (w.source().name().equals(e.name())) {
                        WorkflowPlanner.Names wn = WorkflowPlanner.names(w, names.get(schema),
                                functionNames.computeIfAbsent(schema, s -> new NameAllocator()));
                        objects.addAll(WorkflowPlanner.objects(w, wn));
                        workflowPlans.add(new SchemaPlan.WorkflowPlan(w, wn, path, source));
                    }
                }
                files.add(new PlannedFile(path, List.of(source), objects));
                entityPlans.add(ep.entityPlan(path, source));
                if (!ep.deferredForeignKeys().isEmpty()) {
                    deferred.computeIfAbsent(schema, s -> new ArrayList<>()).addAll(ep.deferredForeignKeys());
                    deferredSpecs.computeIfAbsent(schema, s -> new TreeSet<>()).add(source);
                }
            } else if (node instanceof DependencyGraph.ViewNode vn) {
                String[] shared = refreshTables.get(schema);
                ViewPlanner vp = new ViewPlanner(vn.view(), graph.views(), names.get(schema),
                        functionNames.computeIfAbsent(schema, s -> new NameAllocator()),
                        name -> entityPlans.stream().filter(p -> p.entity().name().equals(name)).findFirst(),
                        shared[0], shared[1], shared[2]);
                ViewPlanner.Planned planned = vp.plan(path, source(vn.view()));
                files.add(new PlannedFile(path, List.of(source(vn.view())), planned.objects()));
                viewPlans.add(planned.plan());
            }
        }
        for (Map.Entry<String, List<AddForeignKey>> d : deferred.entrySet()) {
            int n = counters.merge(d.getKey(), 1, Integer::sum);
            files.add(new PlannedFile(d.getKey() + "/" + number(n, fileCount(d.getKey(), bySchema, viewsBySchema))
                    + "_foreign_keys.sql", List.copyOf(deferredSpecs.get(d.getKey())), List.copyOf(d.getValue())));
        }
        for (Map.Entry<String, List<AnalyzedView>> vs : viewsBySchema.entrySet()) {
            String schema = vs.getKey();
            int n = counters.merge(schema, 1, Integer::sum);
            List<ViewPlan> ofSchema = viewPlans.stream().filter(p -> p.schema().equals(schema)).toList();
            SortedSet<String> specs = new TreeSet<>();
            vs.getValue().forEach(v -> specs.add(source(v)));
            files.add(new PlannedFile(schema + "/" + number(n, fileCount(schema, bySchema, viewsBySchema))
                    + "_refresh_all.sql", List.copyOf(specs), List.of(new ViewObject.RefreshAll(
                            Sql.qualified(schema, refreshTables.get(schema)[2]),
                            ofSchema.stream().map(p -> Sql.literal(p.relation())).toList(),
                            ofSchema.stream().map(p -> Sql.qualified(schema, p.refresh())).toList(),
                            vs.getValue().get(0).view().pos()))));
        }
        return new SchemaPlan(files, entityPlans, viewPlans, model.types(), workflowPlans);
    }

    /** What planning an entity's file needs that depends on the entity alone: worked out on all cores first. */
    private record Ahead(String source, PartitionPlanner partitions) {
    }

    /**
     * For each table of {@code graph}, by identity: its spec file's name in headers and its partitions (issue 12:
     * the planner runs on one thread, because names are allocated in file order; these two, a third of its time at
     * 1,000 partitioned entities, need no names).
     */
    private Map<Entity, Ahead> ahead(DependencyGraph graph) {
        List<Entity> tables = graph.order().stream().filter(DependencyGraph.TableNode.class::isInstance)
                .map(n -> ((DependencyGraph.TableNode) n).entity()).toList();
        List<Ahead> done = Parallel.map(tables, e -> new Ahead(source(e), new PartitionPlanner(e)));
        Map<Entity, Ahead> out = new java.util.IdentityHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            out.put(tables.get(i), done.get(i));
        }
        return out;
    }

    /** How many numbered files a schema has: tables, views, the deferred foreign keys, refresh_all. */
    private static int fileCount(String schema, Map<String, List<Entity>> tables, Map<String, List<AnalyzedView>> views) {
        int views0 = views.getOrDefault(schema, List.of()).size();
        return tables.getOrDefault(schema, List.of()).size() + views0 + 1 + (views0 > 0 ? 1 : 0);
    }

    private String source(AnalyzedView v) {
        return sourceNames.apply(v.view().pos().file());
    }

    private PlannedFile schemaFile(String schema, List<Entity> entities, List<AnalyzedView> views,
            String[] refreshTables, List<SqlObject> extensionObjects, List<SqlObject> typeObjects) {
        List<SqlObject> objects = new ArrayList<>();
        SourcePos first = entities.isEmpty() ? views.get(0).view().pos() : entities.get(0).pos();
        objects.add(new CreateSchema(Sql.ident(schema), first));
        // the partition_schema of this schema's tables, before the tables' files put partitions there
        entities.stream().map(e -> e.partitioning().flatMap(p -> p.schema().map(ps -> Map.entry(ps, e.pos()))))
                .flatMap(Optional::stream).filter(ps -> !ps.getKey().equals(schema))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        TreeMap::new))
                .forEach((ps, pos) -> {
                    objects.add(new CreateSchema(Sql.ident(ps), pos));
                    // its comment (partition_schema: {name, comment}); validation made them agree
                    entities.stream().flatMap(e -> e.partitioning().stream())
                            .filter(p -> p.schema().equals(Optional.of(ps)) && p.schemaComment().isPresent())
                            .findFirst().ifPresent(p -> objects.add(new SqlObject.CommentOn("SCHEMA", Sql.ident(ps),
                                    Sql.literal(p.schemaComment().get()), p.pos())));
                });
        objects.addAll(extensionObjects);
        entities.stream().flatMap(e -> e.sequences().stream())
                .sorted(java.util.Comparator.comparing(dev.specgen.model.Sequence::name))
                .forEach(s -> objects.add(new SequenceObject.CreateSequence(Sql.qualified(schema, s.name()), s.type(),
                        s.options().sql(), s.pos())));
        objects.addAll(typeObjects);
        if (!views.isEmpty()) {
            objects.addAll(RefreshTables.objects(schema, refreshTables[0], refreshTables[1], views.get(0).view().pos()));
        }
        if (MaintenancePlanner.any(entities)) {
            objects.addAll(MaintenancePlanner.log(schema, entities.stream()
                    .filter(e -> MaintenancePlanner.maintenance(e).isPresent()).findFirst().orElseThrow().pos()));
        }
        if (!entities.isEmpty()) {
            // reads the catalog when it runs: it may come before the tables it reports on
            objects.addAll(HealthPlanner.health(schema, entities, first));
        }
        SortedSet<String> specs = new TreeSet<>();
        entities.forEach(e -> specs.add(source(e)));
        views.forEach(v -> specs.add(source(v)));
        return new PlannedFile(schema + "/00_schema.sql", List.copyOf(specs), objects);
    }

    /** Zero-padded to two digits, or more when a schema has 100+ files. */
    static String number(int n, int total) {
        int width = Math.max(2, String.valueOf(total).length());
        return String.format(Locale.ROOT, "%0" + width + "d", n);
    }
}
