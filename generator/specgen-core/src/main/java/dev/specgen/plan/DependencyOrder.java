package dev.specgen.plan;

import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entities in foreign-key dependency order (Atlas SortChanges/DetachCycles): a table comes after the tables it
 * references; ties are broken by schema, then table name. A reference that would close a cycle is detached: it is
 * listed in {@link #deferred()} (as "Entity.field") and emitted as ALTER TABLE ... ADD CONSTRAINT after all tables.
 */
record DependencyOrder(List<Entity> entities, Set<String> deferred) {

    static String key(Entity e, Field f) {
        return e.name() + "." + f.name();
    }

    static DependencyOrder of(List<Entity> input) {
        List<Entity> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparing(Entity::schema).thenComparing(Entity::table));
        Map<String, Entity> byName = new LinkedHashMap<>();
        sorted.forEach(e -> byName.putIfAbsent(e.name(), e));

        List<Entity> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> deferred = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        for (Entity e : sorted) {
            visit(e, byName, done, visiting, out, deferred);
        }
        return new DependencyOrder(List.copyOf(out), Set.copyOf(deferred));
    }

    /**
     * Depth-first, referenced tables first, without recursion: a chain of references as long as a run may hold
     * entities would overflow the stack.
     */
    private static void visit(Entity start, Map<String, Entity> byName, Set<String> done, Set<String> visiting,
            List<Entity> out, Set<String> deferred) {
        if (done.contains(start.name())) {
            return;
        }
        Deque<int[]> fieldAt = new ArrayDeque<>();
        Deque<Entity> path = new ArrayDeque<>();
        visiting.add(start.name());
        path.push(start);
        fieldAt.push(new int[] {0});
        while (!path.isEmpty()) {
            Entity e = path.peek();
            int[] i = fieldAt.peek();
            if (i[0] == e.fields().size()) {
                path.pop();
                fieldAt.pop();
                visiting.remove(e.name());
                done.add(e.name());
                out.add(e);
                continue;
            }
            Field f = e.fields().get(i[0]++);
            if (f.references().isEmpty()) {
                continue;
            }
            String target = f.references().get().entity();
            if (target.equals(e.name()) || !byName.containsKey(target) || done.contains(target)) {
                continue;
            }
            if (visiting.contains(target)) {
                deferred.add(key(e, f));
                continue;
            }
            visiting.add(target);
            path.push(byName.get(target));
            fieldAt.push(new int[] {0});
        }
    }
}
