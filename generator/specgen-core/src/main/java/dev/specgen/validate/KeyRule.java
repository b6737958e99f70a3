package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Named;
import dev.specgen.model.SpecModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Primary key and unique fields: key columns are fields (SG203) and appear once (SG202); on a partitioned table the
 * primary key and every unique constraint include all partition key columns (SG209), as PostgreSQL requires.
 * Both field flags and an entity-level list (SG223) is reported by the model builder. {@code unique: true} on the
 * field that is the whole primary key generates nothing: a warning says so (SG228).
 */
final class KeyRule implements Rule {

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        Set<String> seen = new HashSet<>();
        for (Named k : e.primaryKey()) {
            if (e.field(k.name()).isEmpty()) {
                diags.error(k.pos(), Code.SG203, "primary key column \"" + k.name() + "\" is not a field of "
                        + e.name() + Columns.didYouMean(k.name(), e));
            }
            if (!seen.add(k.name())) {
                diags.error(k.pos(), Code.SG202, "column \"" + k.name() + "\" appears twice in the primary key");
            }
        }
        for (Field f : e.fields()) {
            if (f.unique() && e.primaryKey().size() == 1 && e.primaryKey().get(0).name().equals(f.name())) {
                diags.warning(f.pos(), Code.SG228, "unique: true on \"" + f.name() + "\" has no effect: it is the"
                        + " primary key of " + e.table() + ", which is unique already (no UNIQUE constraint is"
                        + " generated)", "remove unique: true");
            }
        }
        if (!e.isPartitioned()) {
            return;
        }
        List<String> partCols = Columns.partitionColumns(e);
        if (!e.primaryKey().isEmpty()) {
            for (String part : partCols) {
                if (!seen.contains(part)) {
                    diags.error(e.primaryKey().get(0).pos(), Code.SG209, "primary key of partitioned table "
                            + e.table() + " must include the partition column \"" + part + "\"",
                            "add \"" + part + "\" to the primary key: PostgreSQL requires unique constraints on"
                                    + " partitioned tables to include all partition key columns");
                }
            }
        }
        for (Field f : e.fields()) {
            if (!f.unique()) {
                continue;
            }
            for (String part : partCols) {
                if (!part.equals(f.name())) {
                    diags.error(f.pos(), Code.SG209, "unique field \"" + f.name() + "\" on partitioned table "
                            + e.table() + " must include the partition column \"" + part + "\"",
                            "drop unique: true and add a unique index on (" + f.name() + ", " + part
                                    + "): PostgreSQL requires unique constraints on partitioned tables to include"
                                    + " all partition key columns");
                }
            }
        }
    }
}
