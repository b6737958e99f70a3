package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Index;
import dev.specgen.model.Named;
import dev.specgen.model.Reference;
import dev.specgen.model.SpecModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Foreign keys: the target entity exists in the run (SG204) and has the field (SG203); the referenced column is the
 * target's single-column primary key or unique (SG224); when the target is partitioned, that key includes the
 * partition column (SG224), and the hints show the table-level key ({@code foreign_keys:}, {@link ForeignKeyRule})
 * that can. Foreign keys from and to partitioned tables are otherwise fine (PostgreSQL 12+).
 */
final class ReferenceRule implements Rule {

    /** Entities by name and their names, made once per run: per entity they made this rule quadratic. */
    @Override
    public void check(SpecModel model, Diagnostics diags) {
        List<String> entityNames = model.entities().stream().map(Entity::name).toList();
        Map<String, Entity> byName = new HashMap<>();
        model.entities().forEach(e -> byName.putIfAbsent(e.name(), e));
        for (Entity e : model.entities()) {
            check(e, byName, entityNames, diags);
        }
    }

    private void check(Entity e, Map<String, Entity> byName, List<String> entityNames, Diagnostics diags) {
        for (Field f : e.fields()) {
            if (f.references().isEmpty()) {
                continue;
            }
            Reference r = f.references().get();
            Optional<Entity> target = Optional.ofNullable(byName.get(r.entity()));
            if (target.isEmpty()) {
                diags.error(r.pos(), Code.SG204, "field \"" + f.name() + "\" references unknown entity \""
                        + r.entity() + "\"" + Suggest.didYouMean(r.entity(), entityNames),
                        "entities of this run: " + ActionRule.listed(entityNames)
                                + "; specs that reference each other must be generated together");
                continue;
            }
            Entity t = target.get();
            if (r.field().isPresent()) {
                checkNamedColumn(f, r, t, diags);
            } else {
                checkPrimaryKey(f, r, t, diags);
            }
        }
    }

    private static void checkNamedColumn(Field f, Reference r, Entity t, Diagnostics diags) {
        String col = r.field().get();
        Optional<Field> tf = t.field(col);
        String ref = t.name() + "." + col;
        if (tf.isEmpty()) {
            diags.error(r.pos(), Code.SG203, "field \"" + f.name() + "\" references " + ref + ", but " + col
                    + " is not a field of " + t.name() + Columns.didYouMean(col, t));
            return;
        }
        boolean isPk = t.primaryKey().size() == 1 && t.primaryKey().get(0).name().equals(col);
        if (!isPk && !tf.get().unique() && !hasUniqueIndex(t, col)) {
            diags.error(r.pos(), Code.SG224, "field \"" + f.name() + "\" references " + ref
                    + ", which is neither the primary key nor unique", notUniqueHint(t, col));
            return;
        }
        checkPartitioned(f, r, t, col, diags);
    }

    /**
     * On a partitioned target, unique: true on a column other than the partition key is itself an error (SG209), so
     * the hint names what works there: a key that includes the partition column, or a table that is not partitioned.
     */
    private static String notUniqueHint(Entity t, String col) {
        List<String> missing = Columns.partitionColumns(t).stream().filter(p -> !p.equals(col)).toList();
        if (missing.isEmpty()) {
            return "mark " + t.name() + "." + col + " with unique: true, or reference the primary key of " + t.name();
        }
        String parts = String.join(", ", missing);
        return t.name() + " is partitioned by " + Columns.quoted(missing) + ": its unique keys must include " + parts
                + ", so unique: true on " + col + " is not possible (SG209); reference a key that includes " + parts
                + " with a table-level key: foreign_keys: [{columns: [...], references: {entity: " + t.name()
                + ", columns: [" + col + ", " + parts + "]}}]";
    }

    private static void checkPrimaryKey(Field f, Reference r, Entity t, Diagnostics diags) {
        List<Named> pk = t.primaryKey();
        if (pk.isEmpty()) {
            diags.error(r.pos(), Code.SG224, "field \"" + f.name() + "\" references " + t.name()
                    + ", which has no primary key",
                    "declare a primary key on " + t.name() + ", or reference a unique field as " + t.name()
                            + ".<field>");
        } else if (pk.size() > 1) {
            diags.error(r.pos(), Code.SG224, "field \"" + f.name() + "\" references " + t.name()
                    + ", whose primary key has " + pk.size() + " columns",
                    "a field references one column; for the key (" + String.join(", ", pk.stream().map(Named::name)
                            .toList()) + ") declare a table-level key: foreign_keys: [{columns: [...], references:"
                            + " {entity: " + t.name() + "}}], with a column of this entity for each key column");
        } else {
            checkPartitioned(f, r, t, pk.get(0).name(), diags);
        }
    }

    private static void checkPartitioned(Field f, Reference r, Entity t, String col, Diagnostics diags) {
        for (String part : Columns.partitionColumns(t)) {
            if (!part.equals(col)) {
                diags.error(r.pos(), Code.SG224, "field \"" + f.name() + "\" references " + t.name() + "." + col
                        + ", but " + t.name() + " is partitioned by \"" + part
                        + "\" and a referenced key must include it",
                        "reference a key of " + t.name() + " that includes " + part + " with a table-level key:"
                                + " foreign_keys: [{columns: [...], references: {entity: " + t.name() + ", columns: ["
                                + col + ", " + part + "]}}]");
            }
        }
    }

    /** A non-partial unique btree index on exactly {@code col}. */
    private static boolean hasUniqueIndex(Entity t, String col) {
        for (Index ix : t.indexes()) {
            if (ix.unique() && ix.where().isEmpty() && ix.columns().size() == 1
                    && ix.columns().get(0).column().filter(col::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
