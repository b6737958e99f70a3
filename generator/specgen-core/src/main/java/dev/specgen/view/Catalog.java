package dev.specgen.view;

import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The relations a view query may read, by {@code schema.name}: every entity's table, and the views analysed so far
 * (with their output columns; a view that could not be analysed is known by name, with unknown columns).
 */
final class Catalog {
    /** A readable relation; {@code columns} empty when unknown (then any column name is accepted). */
    record Rel(Relation relation, Optional<List<String>> columns) {
        Optional<Field> field(String column) {
            return relation.entity().flatMap(e -> e.field(column));
        }
    }

    private final Map<String, Rel> relations = new LinkedHashMap<>();

    Catalog(List<Entity> entities) {
        for (Entity e : entities) {
            relations.putIfAbsent(e.schema() + "." + e.table(), new Rel(Relation.of(e),
                    Optional.of(e.fields().stream().map(Field::name).toList())));
        }
    }

    void addView(String schema, String name, Optional<List<String>> columns) {
        relations.put(schema + "." + name, new Rel(Relation.view(schema, name), columns));
    }

    Optional<Rel> get(String schema, String name) {
        return Optional.ofNullable(relations.get(schema + "." + name));
    }

    List<String> names() {
        return new ArrayList<>(relations.keySet());
    }
}
