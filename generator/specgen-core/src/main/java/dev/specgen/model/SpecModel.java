package dev.specgen.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every entity and materialized view of one run, in load order (files sorted by path, documents in file order; a
 * view declared by an entity comes right after it), and the types the entity documents declare ({@code types:}), in
 * declaration order.
 */
public record SpecModel(List<Entity> entities, List<MaterializedView> views, List<UserType> types) {
    public SpecModel {
        entities = List.copyOf(entities);
        views = List.copyOf(views);
        types = List.copyOf(types);
    }

    public SpecModel(List<Entity> entities, List<MaterializedView> views) {
        this(entities, views, List.of());
    }

    public SpecModel(List<Entity> entities) {
        this(entities, List.of());
    }

    public Optional<Entity> entity(String name) {
        Objects.requireNonNull(name, "name == null");
        return entities.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The view {@code name} in {@code schema}. */
    public Optional<MaterializedView> view(String schema, String name) {
        return views.stream().filter(v -> v.schema().equals(schema) && v.name().equals(name)).findFirst();
    }
}
