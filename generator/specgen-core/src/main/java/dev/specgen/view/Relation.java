package dev.specgen.view;

import dev.specgen.model.Entity;
import java.util.Objects;
import java.util.Optional;

/**
 * A relation a view reads: an entity's table ({@code entity} present) or another materialized view of the run
 * ({@code entity} empty). Names are plain (unquoted).
 */
public record Relation(String schema, String name, Optional<Entity> entity) {
    public Relation {
        Objects.requireNonNull(schema, "schema == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(entity, "entity == null");
    }

    public static Relation of(Entity e) {
        return new Relation(e.schema(), e.table(), Optional.of(e));
    }

    public static Relation view(String schema, String name) {
        return new Relation(schema, name, Optional.empty());
    }

    public String qualified() {
        return schema + "." + name;
    }

    public boolean isView() {
        return entity.isEmpty();
    }
}
