package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.Named;
import dev.specgen.model.Sql;
import dev.specgen.plan.SqlObject.CreateExtension;
import dev.specgen.validate.Contrib;
import dev.specgen.validate.Extensions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where each extension of a run is created. An extension belongs to the database, not to a schema, so the install
 * creates each once, in the first schema (by name) of an entity that declares it ({@code extensions:}) or whose
 * indexes need it (btree_gist, btree_gin): in that schema's {@code 00_schema.sql}, which the install runs before every
 * table, sorted by extension name, with {@code SCHEMA} named so that it does not depend on the search_path.
 */
final class ExtensionPlanner {

    private record Home(String schema, SourcePos origin, Set<String> declaredBy, Set<String> neededBy) {
    }

    private final SortedMap<String, Home> homes = new TreeMap<>();

    /** @param entities the run's entities in install order; {@code needs} what their indexes need */
    ExtensionPlanner(List<Entity> entities, Function<Entity, SortedSet<String>> needs) {
        List<Entity> bySchema = new ArrayList<>(entities);
        bySchema.sort((a, b) -> a.schema().compareTo(b.schema()));
        for (Entity e : bySchema) {
            for (Named x : e.extensions()) {
                home(x.name(), e, x.pos()).declaredBy().add(table(e));
            }
            for (String x : needs.apply(e)) {
                home(x, e, e.pos()).neededBy().add(table(e));
            }
        }
    }

    private Home home(String extension, Entity e, SourcePos pos) {
        return homes.computeIfAbsent(extension, x -> new Home(e.schema(), pos, new LinkedHashSet<>(),
                new LinkedHashSet<>()));
    }

    private String table(Entity e) {
        return e.schema() + "." + e.table();
    }

    /** The CREATE EXTENSION statements of {@code schema}'s 00_schema.sql, sorted by extension name. */
    List<SqlObject> objects(String schema) {
        List<SqlObject> out = new ArrayList<>();
        homes.forEach((x, h) -> {
            if (h.schema().equals(schema)) {
                out.add(new CreateExtension(Sql.ident(x), Sql.ident(schema), reason(x, h), h.origin()));
            }
        });
        return out;
    }

    /** Quoted schema of every operator class (unqualified name) of an extension the install creates. */
    Map<String, String> opclassSchemas(List<Entity> entities) {
        Map<String, String> out = new TreeMap<>();
        for (Entity e : entities) {
            e.indexes().forEach(ix -> ix.columns().stream().map(IndexColumn::opclass).flatMap(java.util.Optional::stream)
                    .forEach(o -> Contrib.extensionOf(o).filter(homes::containsKey)
                            .ifPresent(x -> out.put(o, Sql.ident(homes.get(x).schema())))));
        }
        return out;
    }

    private String reason(String extension, Home h) {
        List<String> parts = new ArrayList<>();
        if (!h.declaredBy().isEmpty()) {
            parts.add("declared by " + tables(h.declaredBy(), h.schema()));
        }
        if (!h.neededBy().isEmpty()) {
            String what = extension.equals(Extensions.BTREE_GIST) ? "GiST" : "GIN";
            parts.add(what + " indexes on plain scalar columns need " + extension + " (used by "
                    + tables(h.neededBy(), h.schema()) + ")");
        }
        String text = String.join("; ", parts);
        return h.declaredBy().isEmpty() ? text : extension + ": " + text;
    }

    /** Tables of the extension's own schema by name, others schema-qualified. */
    private static String tables(Set<String> qualified, String schema) {
        return String.join(", ", qualified.stream()
                .map(t -> t.startsWith(schema + ".") ? t.substring(schema.length() + 1) : t).toList());
    }
}
