package dev.specgen.plan;

import java.util.List;
import java.util.Optional;

/**
 * The whole plan: files in install order (applying every object of every file in order installs everything), and
 * per entity and per view what was decided for it, in dependency order; the declared types ({@code types:}) the files
 * create.
 */
public record SchemaPlan(List<PlannedFile> files, List<EntityPlan> entities, List<ViewPlan> views,
        List<dev.specgen.model.UserType> types) {
    public SchemaPlan {
        files = List.copyOf(files);
        entities = List.copyOf(entities);
        views = List.copyOf(views);
        types = List.copyOf(types);
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
