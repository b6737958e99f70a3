package dev.specgen.plan;

import java.util.List;
import java.util.Optional;

/**
 * The whole plan: files in install order (applying every object of every file in order installs everything), and
 * per entity and per view what was decided for it, in dependency order; the declared types ({@code types:}) the files
 * create; the compiled workflows.
 */
public record SchemaPlan(List<PlannedFile> files, List<EntityPlan> entities, List<ViewPlan> views,
        List<dev.specgen.model.UserType> types, List<WorkflowPlan> workflows) {
    public SchemaPlan {
        files = List.copyOf(files);
        entities = List.copyOf(entities);
        views = List.copyOf(views);
        types = List.copyOf(types);
        workflows = List.copyOf(workflows);
    }

    public SchemaPlan(List<PlannedFile> files, List<EntityPlan> entities, List<ViewPlan> views,
            List<dev.specgen.model.UserType> types) {
        this(files, entities, views, types, List.of());
    }

    /** A compiled workflow, the names its objects got and the file (of its source entity) that creates them. */
    public record WorkflowPlan(dev.specgen.workflow.CompiledWorkflow workflow, WorkflowPlanner.Names names,
            String file, String specFile) {
    }

    public SchemaPlan(List<PlannedFile> files, List<EntityPlan> entities, List<ViewPlan> views) {
        this(files, entities, views, List.of());
    }

    public SchemaPlan(List<PlannedFile> files, List<EntityPlan> entities) {
        this(files, entities, List.of());
    }

    public List<SqlObject> installOrder() {
        return files.stream().flatMap(f -> f.objects().stream()).toList();
    }

    public Optional<EntityPlan> entity(String name) {
        return entities.stream().filter(e -> e.entity().name().equals(name)).findFirst();
    }
}
