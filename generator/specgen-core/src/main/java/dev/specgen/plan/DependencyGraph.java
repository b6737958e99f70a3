package dev.specgen.plan;

import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.ForeignKey;
import dev.specgen.view.AnalyzedView;
import dev.specgen.view.Relation;
import dev.specgen.view.ViewCatalog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One dependency graph for everything the plan creates (Atlas SortChanges/DetachCycles): tables, then views on
 * tables, then views on views. An entity's table comes after the tables it references; a view after every table
 * and view it reads. Ties are broken by schema, then name. A foreign key that would close a cycle is detached: it is
 * listed in {@link #deferred()} (as "Entity.field", or for a table-level key as "Entity(a,b)->Target") and
 * emitted as ALTER TABLE ... ADD CONSTRAINT after all tables.
 * Views never form cycles (the view analysis rejects them, SG247). Tables are ordered before views, so a schema's
 * files number its tables first.
 */
record DependencyGraph(List<Node> order, Set<String> deferred) {

    /** A thing with its own place in install order. */
    sealed interface Node permits TableNode, ViewNode {
        String schema();

        /** The SQL name (table or view). */
        String name();

        /** Graph key: entities by spec name, views by {@code view:schema.name}. */
        String key();
    }

    record TableNode(Entity entity) implements Node {
        public TableNode {
            Objects.requireNonNull(entity, "entity == null");
        }

        public String schema() {
            return entity.schema();
        }

        public String name() {
            return entity.table();
        }

        public String key() {
            return entity.name();
        }
    }

    record ViewNode(AnalyzedView view) implements Node {
        public ViewNode {
            Objects.requireNonNull(view, "view == null");
        }

        public String schema() {
            return view.view().schema();
        }

        public String name() {
            return view.view().name();
        }

        public String key() {
            return "view:" + view.qualifiedName();
        }
    }

    static String key(Entity e, Field f) {
        return e.name() + "." + f.name();
    }

    /** A table-level key: "Entity(a,b)->Target" (field names cannot hold parentheses or commas). */
    static String key(Entity e, ForeignKey fk) {
        return e.name() + "(" + String.join(",", fk.columnNames()) + ")->" + fk.entity().name();
    }

    static DependencyGraph of(List<Entity> entities, ViewCatalog views) {
        List<Node> nodes = new ArrayList<>();
        entities.forEach(e -> nodes.add(new TableNode(e)));
        views.views().forEach(v -> nodes.add(new ViewNode(v)));
        nodes.sort(Comparator.comparing(Node::schema).thenComparing(Node::name));
        Map<String, Node> byKey = new LinkedHashMap<>();
        Map<String, String> tableKeys = new LinkedHashMap<>();
        for (Node n : nodes) {
            byKey.putIfAbsent(n.key(), n);
            if (n instanceof TableNode t) {
                tableKeys.putIfAbsent(t.schema() + "." + t.name(), t.key());
            }
        }
        DependencyGraph.Walk w = new Walk(byKey, tableKeys);
        // tables first (entities never read views), so adding a view never renumbers the table files
        nodes.stream().filter(TableNode.class::isInstance).forEach(w::visit);
        nodes.stream().filter(ViewNode.class::isInstance).forEach(w::visit);
        return new DependencyGraph(List.copyOf(w.out), Set.copyOf(w.deferred));
    }

    List<Entity> entities() {
        return order.stream().filter(TableNode.class::isInstance).map(n -> ((TableNode) n).entity()).toList();
    }

    List<AnalyzedView> views() {
        return order.stream().filter(ViewNode.class::isInstance).map(n -> ((ViewNode) n).view()).toList();
    }

    private static final class Walk {
        final Map<String, Node> byKey;
        final Map<String, String> tableKeys;
        final List<Node> out = new ArrayList<>();
        final Set<String> done = new HashSet<>();
        final Set<String> deferred = new HashSet<>();
        final Set<String> visiting = new HashSet<>();

        Walk(Map<String, Node> byKey, Map<String, String> tableKeys) {
            this.byKey = byKey;
            this.tableKeys = tableKeys;
        }

        /**
         * Depth-first from {@code start}, what a node depends on first, without recursion: a chain of foreign keys
         * as long as a run may hold entities (issue 12) would overflow the stack, one frame per reference.
         */
        void visit(Node start) {
            if (done.contains(start.key())) {
                return;
            }
            Deque<Frame> path = new ArrayDeque<>();
            visiting.add(start.key());
            path.push(new Frame(start));
            while (!path.isEmpty()) {
                Frame top = path.peek();
                if (top.exhausted()) {
                    path.pop();
                    visiting.remove(top.node.key());
                    done.add(top.node.key());
                    out.add(top.node);
                    continue;
                }
                Node next = top.node instanceof TableNode t ? referenced(t, top.next++)
                        : read(((ViewNode) top.node).view().sources().get(top.next++));
                if (next != null) {
                    visiting.add(next.key());
                    path.push(new Frame(next));
                }
            }
        }

        /**
         * The table {@code f} references when it must come first, else null: none, itself, one not in this run,
         * one already placed, or one on the current path (that reference closes a cycle and is detached).
         */
        private Node referenced(TableNode t, int i) {
            List<Field> fields = t.entity().fields();
            if (i < fields.size()) {
                Field f = fields.get(i);
                return f.references().isEmpty() ? null : referenced(t, f.references().get().entity(), key(t.entity(), f));
            }
            ForeignKey fk = t.entity().foreignKeys().get(i - fields.size());
            return referenced(t, fk.entity().name(), key(t.entity(), fk));
        }

        private Node referenced(TableNode t, String target, String key) {
            if (target.equals(t.key()) || !byKey.containsKey(target) || done.contains(target)) {
                return null;
            }
            if (visiting.contains(target)) {
                deferred.add(key);
                return null;
            }
            return byKey.get(target);
        }

        /** The table or view {@code r} names when it must come first, else null (views never form cycles). */
        private Node read(Relation r) {
            String k = r.isView() ? "view:" + r.qualified() : tableKeys.get(r.qualified());
            return k != null && byKey.containsKey(k) && !done.contains(k) && !visiting.contains(k) ? byKey.get(k)
                    : null;
        }
    }

    /**
     * A node on the walk's path and the index of its next reference to look at: a table's fields, then its
     * table-level foreign keys; a view's sources.
     */
    private static final class Frame {
        final Node node;
        int next;

        Frame(Node node) {
            this.node = node;
        }

        boolean exhausted() {
            return next == (node instanceof TableNode t ? t.entity().fields().size() + t.entity().foreignKeys().size()
                    : ((ViewNode) node).view().sources().size());
        }
    }
}
