package dev.specgen.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Every entity of one run, in load order (files sorted by path, documents in file order). */
public record SpecModel(List<Entity> entities) {
    public SpecModel {
        entities = List.copyOf(entities);
    }

    public Optional<Entity> entity(String name) {
        Objects.requireNonNull(name, "name == null");
        return entities.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
