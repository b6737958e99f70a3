package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Entity;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.Named;
import dev.specgen.model.SpecModel;
import java.util.List;

/**
 * Index columns and keys: every column and INCLUDE column is a field (SG203); INCLUDE only where the access method
 * has it (SG206); UNIQUE only on btree (SG220); a unique index on a partitioned table covers every partition key
 * column (SG209).
 */
final class IndexRule implements Rule {

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        for (Index ix : e.indexes()) {
            for (IndexColumn c : ix.columns()) {
                c.column().ifPresent(col -> {
                    if (e.field(col).isEmpty()) {
                        diags.error(c.pos(), Code.SG203, "index column \"" + col + "\" is not a field of "
                                + e.name() + Columns.didYouMean(col, e));
                    }
                });
            }
            for (Named inc : ix.include()) {
                if (e.field(inc.name()).isEmpty()) {
                    diags.error(inc.pos(), Code.SG203, "include column \"" + inc.name() + "\" is not a field of "
                            + e.name() + Columns.didYouMean(inc.name(), e));
                }
            }
            if (!ix.include().isEmpty() && !ix.method().supportsInclude()) {
                diags.error(ix.include().get(0).pos(), Code.SG206,
                        ix.method().sql() + " indexes do not support INCLUDE",
                        "only btree, gist and spgist indexes can INCLUDE columns; drop \"include\" or use a btree"
                                + " index");
            }
            if (ix.unique() && !ix.method().supportsUnique()) {
                diags.error(ix.methodPos(), Code.SG220, ix.method().sql() + " indexes cannot be unique",
                        "only btree indexes enforce uniqueness; use type: btree or drop unique");
            }
            if (ix.unique() && e.isPartitioned()) {
                checkPartitionKey(e, ix, diags);
            }
        }
    }

    private static void checkPartitionKey(Entity e, Index ix, Diagnostics diags) {
        List<String> keyCols = ix.columns().stream().filter(c -> c.column().isPresent())
                .map(c -> c.column().get()).toList();
        for (String part : Columns.partitionColumns(e)) {
            if (!keyCols.contains(part)) {
                diags.error(ix.pos(), Code.SG209, "unique index on partitioned table " + e.table()
                        + " must include the partition column \"" + part + "\"",
                        "add " + part + " to the index columns");
            }
        }
    }

    /** {@code idx_name} or {@code on (a, b)}, for messages. */
    static String describe(Index ix) {
        return ix.name().map(n -> "index " + n).orElseGet(() -> "index on (" + String.join(", ",
                ix.columns().stream().map(c -> c.column().orElseGet(() -> c.expression().orElseThrow())).toList())
                + ")");
    }
}
