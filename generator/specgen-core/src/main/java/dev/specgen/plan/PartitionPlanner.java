package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.Partitioning;
import dev.specgen.model.Sql;
import dev.specgen.plan.SqlObject.CreatePartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The partitions of a partitioned entity, as a tree flattened parent-first. Storage parameters and UNLOGGED go on
 * leaf partitions only: PostgreSQL accepts neither on a partitioned table. The DEFAULT partition of a level is a
 * leaf (it is not sub-partitioned).
 */
final class PartitionPlanner {

    /**
     * One partition: raw (unquoted) name, its schema (raw), quoted qualified name, whether it holds rows, its
     * parent's raw name and quoted qualified name, bound.
     */
    record Node(String rawName, String schema, String qualified, boolean leaf, String parentRaw, String parent,
            String bound) {
    }

    private final Entity entity;
    private final List<Node> nodes = new ArrayList<>();
    private final List<SqlObject> objects = new ArrayList<>();

    PartitionPlanner(Entity entity) {
        this.entity = entity;
        entity.partitioning().ifPresent(p -> level(entity.table(), Sql.qualified(entity.schema(), entity.table()),
                p.partitionSchema(entity.schema()), p));
    }

    static String partitionBy(Partitioning p) {
        return p.strategy().sql() + " (" + Sql.ident(p.column().name()) + ")";
    }

    /** Every partition name below {@code table}, for name reservation. */
    static List<String> leafAndBranchNames(String table, Partitioning p) {
        return names(table, table, p);
    }

    private static List<String> names(String table, String parent, Partitioning p) {
        List<String> out = new ArrayList<>();
        for (PartitionSpec s : p.partitions()) {
            String name = s.name().resolve(table, parent);
            out.add(name);
            p.subpartitioning().ifPresent(sub -> out.addAll(names(table, name, sub)));
        }
        if (p.defaultPartition()) {
            out.add(Partitioning.defaultName(parent));
        }
        return out;
    }

    List<SqlObject> objects() {
        return objects;
    }

    List<Node> nodes() {
        return nodes;
    }

    /** The partitions of {@code parentRaw} (qualified: {@code parent}), in {@code schema}. */
    private void level(String parentRaw, String parent, String schema, Partitioning p) {
        Optional<Partitioning> sub = p.subpartitioning();
        for (PartitionSpec s : p.partitions()) {
            String raw = s.name().resolve(entity.table(), parentRaw);
            add(schema, raw, parent, parentRaw, "FOR VALUES " + s.bound().sql(), sub, s.pos());
            sub.ifPresent(sp -> level(raw, Sql.qualified(schema, raw), schema, sp));
        }
        if (p.defaultPartition()) {
            add(schema, Partitioning.defaultName(parentRaw), parent, parentRaw, "DEFAULT", Optional.empty(), p.pos());
        }
    }

    private void add(String schema, String raw, String parent, String parentRaw, String bound,
            Optional<Partitioning> sub, SourcePos pos) {
        String qualified = Sql.qualified(schema, raw);
        boolean leaf = sub.isEmpty();
        nodes.add(new Node(raw, schema, qualified, leaf, parentRaw, parent, bound));
        objects.add(new CreatePartition(qualified, parent, bound, sub.map(PartitionPlanner::partitionBy).orElse(""),
                leaf && entity.storage().unlogged(),
                leaf ? EntityPlanner.params(entity.storage().params()) : List.of(), pos));
    }
}
