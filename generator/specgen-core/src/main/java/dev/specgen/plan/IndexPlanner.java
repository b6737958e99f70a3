package dev.specgen.plan;

import dev.specgen.model.Entity;
import dev.specgen.model.Index;
import dev.specgen.model.Maintenance;
import dev.specgen.model.Partitioning;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.Named;
import dev.specgen.model.Sql;
import dev.specgen.plan.SqlObject.AttachIndex;
import dev.specgen.plan.SqlObject.CreateIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Indexes. On a plain table: one CREATE INDEX (CONCURRENTLY when asked). On a partitioned table: one CREATE INDEX
 * on the parent, which PostgreSQL cascades to every partition (CONCURRENTLY is not allowed there); or, with
 * {@code concurrently: true}, the rollout form for big existing tables: {@code CREATE INDEX ... ON ONLY} each
 * partitioned level, {@code CREATE INDEX CONCURRENTLY} on every leaf, then {@code ALTER INDEX ... ATTACH
 * PARTITION} bottom-up, after which the parent index is valid.
 */
final class IndexPlanner {
    private final Entity entity;
    private final NameAllocator names;
    private final PartitionPlanner partitions;
    private final Map<Index, String> allocated = new HashMap<>();
    private final Map<String, String> opclassSchemas;

    /**
     * @param opclassSchemas the quoted schema of each operator class (unqualified name) that an extension of the
     *     run defines, where the install creates that extension
     */
    IndexPlanner(Entity entity, NameAllocator names, PartitionPlanner partitions, Map<String, String> opclassSchemas) {
        this.entity = entity;
        this.names = names;
        this.partitions = partitions;
        this.opclassSchemas = opclassSchemas;
    }

    /** The (unquoted) name of an index of this entity, allocating it on first use. */
    String nameOf(Index i) {
        return allocated.computeIfAbsent(i, x -> x.name().orElseGet(() -> names.allocate(autoName(x))));
    }

    private String autoName(Index i) {
        List<String> parts = new ArrayList<>();
        parts.add(entity.table());
        for (IndexColumn c : i.columns()) {
            parts.add(c.column().orElse("expr"));
        }
        parts.add("idx");
        return String.join("_", parts);
    }

    List<SqlObject> plan(Index i) {
        String name = nameOf(i);
        String table = Sql.qualified(entity.schema(), entity.table());
        if (!entity.isPartitioned() || !i.concurrently()) {
            return List.of(index(Sql.ident(name), table, i, i.concurrently() && !entity.isPartitioned(), false,
                    opclassSchemas));
        }
        List<SqlObject> out = new ArrayList<>();
        Map<String, String> indexOf = new HashMap<>();
        indexOf.put(entity.table(), name);
        out.add(index(Sql.ident(name), table, i, false, true, opclassSchemas));
        List<SqlObject> attaches = new ArrayList<>();
        for (PartitionPlanner.Node n : partitions.nodes()) {
            // the partition's own part of its name (a partition_name: pattern need not start with the table's)
            String own = n.rawName().startsWith(entity.table() + "_")
                    ? n.rawName().substring(entity.table().length() + 1) : n.rawName();
            String child = names.allocate(name + "_" + own);
            indexOf.put(n.rawName(), child);
            out.add(index(Sql.ident(child), n.qualified(), i, n.leaf(), !n.leaf(), opclassSchemas));
            boolean top = n.parentRaw().equals(entity.table());
            // an index lives in its table's schema: the partition's (partition_schema) below the top level
            String parentIndexSchema = top ? entity.schema() : n.schema();
            attaches.add(new AttachIndex(Sql.qualified(parentIndexSchema, indexOf.get(n.parentRaw())),
                    Sql.qualified(n.schema(), child), n.qualified(), n.parent(),
                    top && retentionDetaches() && !n.bound().equals("DEFAULT"), i.pos()));
        }
        // bottom-up: a partitioned level's index becomes valid once all of its children are attached
        for (int k = attaches.size() - 1; k >= 0; k--) {
            out.add(attaches.get(k));
        }
        return out;
    }

    /** Whether partition maintenance detaches (keeps) partitions past retention. */
    private boolean retentionDetaches() {
        return entity.partitioning().flatMap(Partitioning::maintenance)
                .filter(m -> m.retention().isPresent() && m.mode() == Maintenance.Mode.DETACH).isPresent();
    }

    private static CreateIndex index(String name, String table, Index i, boolean concurrently, boolean only,
            Map<String, String> opclassSchemas) {
        List<String> keys = i.columns().stream().map(c -> key(c, opclassSchemas)).toList();
        List<String> include = i.include().stream().map(Named::name).map(Sql::ident).toList();
        return new CreateIndex(name, table, i.unique(), concurrently, only, i.method().sql(), keys, include,
                i.where().orElse(""), EntityPlanner.params(i.with()), i.pos());
    }

    static String key(IndexColumn c) {
        return key(c, Map.of());
    }

    /**
     * An index key as SQL. An unqualified operator class of an extension the run creates is qualified with the
     * extension's schema, so that the index does not depend on the installing session's search_path.
     */
    static String key(IndexColumn c, Map<String, String> opclassSchemas) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.column().map(Sql::ident).orElseGet(() -> "(" + c.expression().orElseThrow() + ")"));
        c.opclass().ifPresent(o -> sb.append(' ')
                .append(opclassSchemas.containsKey(o) ? opclassSchemas.get(o) + "." + o : o));
        c.order().ifPresent(o -> sb.append(' ').append(o.name()));
        c.nulls().ifPresent(n -> sb.append(" NULLS ").append(n.name()));
        return sb.toString();
    }
}
