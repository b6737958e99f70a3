package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Named;
import dev.specgen.model.Partitioning;
import dev.specgen.model.SpecModel;
import java.util.Optional;

/**
 * Partition keys: the column is a field (SG203) and NOT NULL (SG208; a primary key column counts as NOT NULL);
 * a subpartition uses another column than its parent (SG216). Bounds, intervals and counts were checked by the
 * model builder while it resolved the partitions.
 */
final class PartitionRule implements Rule {

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        Optional<Partitioning> top = e.partitioning();
        if (top.isEmpty()) {
            return;
        }
        checkColumn(e, top.get(), "partition", diags);
        schemaComment(e, top.get(), model, diags);
        top.get().subpartitioning().ifPresent(sub -> {
            checkColumn(e, sub, "subpartition", diags);
            if (sub.column().name().equals(top.get().column().name())) {
                diags.error(sub.column().pos(), Code.SG216, "subpartition column \"" + sub.column().name()
                        + "\" is the parent's partition column",
                        "subpartition by another column (for example range by date, then hash by id)");
            }
        });
    }

    /**
     * Two tables that put their partitions in one {@code partition_schema} with different comments: the schema can
     * hold one (SG202 at the later table's partitioning, naming the first).
     */
    private static void schemaComment(Entity e, Partitioning p, SpecModel model, Diagnostics diags) {
        if (p.schema().isEmpty() || p.schemaComment().isEmpty()) {
            return;
        }
        for (Entity other : model.entities()) {
            if (other == e) {
                return;
            }
            Optional<Partitioning> op = other.partitioning();
            if (op.isPresent() && op.get().schema().equals(p.schema()) && op.get().schemaComment().isPresent()
                    && !op.get().schemaComment().equals(p.schemaComment())) {
                diags.error(p.pos(), Code.SG202, "partition_schema " + p.schema().get() + " has another comment in "
                        + other.name() + " (" + op.get().pos() + ")", "give the schema one comment (or give it in"
                        + " one table only)");
                return;
            }
        }
    }

    private static void checkColumn(Entity e, Partitioning p, String what, Diagnostics diags) {
        Named col = p.column();
        Optional<Field> f = e.field(col.name());
        if (f.isEmpty()) {
            diags.error(col.pos(), Code.SG203, what + " column \"" + col.name() + "\" is not a field of " + e.name()
                    + Columns.didYouMean(col.name(), e));
            return;
        }
        boolean inPrimaryKey = e.primaryKey().stream().anyMatch(k -> k.name().equals(col.name()));
        if (f.get().nullable() && !inPrimaryKey) {
            String why = p.strategy() == Partitioning.Strategy.RANGE
                    ? "PostgreSQL cannot route NULL keys to range partitions"
                    : "specgen requires NOT NULL partition keys, so every row has a partition";
            diags.error(col.pos(), Code.SG208, what + " column \"" + col.name() + "\" is nullable",
                    "declare \"" + col.name() + "\" with nullable: false (" + why + ")");
        }
    }
}
