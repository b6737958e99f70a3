package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.ForeignKey;
import dev.specgen.model.ForeignKey.Action;
import dev.specgen.model.ForeignKey.OnChange;
import dev.specgen.model.Named;
import dev.specgen.model.SpecModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Table-level foreign keys ({@code foreign_keys:}), each checked completely: its name (SG212, SG263), its columns
 * and the target's (unknown SG203 with a did-you-mean, repeated or not as many SG260), the target entity (SG204),
 * column types (SG261), that the referenced columns are the target's primary key or a unique key (SG224: on a
 * partitioned target such a key includes every partition column, and the hint says which are missing), the actions
 * against the columns' NOT NULL (SG262), a key given twice, also as a field's {@code references:} (SG263), and NOT
 * VALID on a partitioned table, which PostgreSQL before 18 rejects (SG264).
 */
final class ForeignKeyRule implements Rule {

    @Override
    public void check(SpecModel model, Diagnostics diags) {
        List<String> entityNames = model.entities().stream().map(Entity::name).toList();
        Map<String, Entity> byName = new HashMap<>();
        model.entities().forEach(e -> byName.putIfAbsent(e.name(), e));
        for (Entity e : model.entities()) {
            if (!e.foreignKeys().isEmpty()) {
                check(e, byName, entityNames, diags);
            }
        }
    }

    private void check(Entity e, Map<String, Entity> byName, List<String> entityNames, Diagnostics diags) {
        Set<String> names = new HashSet<>();
        Set<String> signatures = new HashSet<>();
        for (Field f : e.fields()) {
            f.references().ifPresent(r -> Optional.ofNullable(byName.get(r.entity())).ifPresent(t -> signatures.add(
                    signature(List.of(f.name()), t, r.field().map(List::of)
                            .orElse(t.primaryKey().stream().map(Named::name).toList())))));
        }
        for (ForeignKey fk : e.foreignKeys()) {
            fk.name().ifPresent(n -> {
                if (Identifiers.check("foreign key", n.name(), n.pos(), diags, e.exactNames()) && !names.add(n.name())) {
                    diags.error(n.pos(), Code.SG263, "foreign key name \"" + n.name() + "\" is used twice on "
                            + e.name(), "give each foreign key its own name");
                }
            });
            boolean ok = columns(fk.columns(), e, "foreign key column", diags);
            Entity t = byName.get(fk.entity().name());
            if (t == null) {
                diags.error(fk.entity().pos(), Code.SG204, "foreign key " + list(fk.columnNames())
                        + " references unknown entity \"" + fk.entity().name() + "\""
                        + Suggest.didYouMean(fk.entity().name(), entityNames),
                        "entities of this run: " + ActionRule.listed(entityNames)
                                + "; specs that reference each other must be generated together");
                continue;
            }
            ok &= columns(fk.targetColumns(), t, "referenced column", diags);
            if (fk.targetColumns().isEmpty() && t.primaryKey().isEmpty()) {
                diags.error(fk.entity().pos(), Code.SG224, "foreign key " + list(fk.columnNames()) + " references "
                        + t.name() + ", which has no primary key", "declare a primary key on " + t.name()
                                + ", or name a unique key: references: {entity: " + t.name() + ", columns: [...]}");
                continue;
            }
            if (!ok) {
                continue;
            }
            List<String> targets = fk.targetColumnNames(t);
            if (targets.size() != fk.columns().size()) {
                diags.error(fk.columns().get(0).pos(), Code.SG260, "foreign key " + list(fk.columnNames()) + " has "
                        + count(fk.columns().size()) + " but references " + count(targets.size()) + ": " + t.name()
                        + " " + list(targets), "list one column of " + e.name()
                                + " for each referenced column, in the same order");
                continue;
            }
            types(e, fk, t, targets, diags);
            key(fk, t, targets, diags);
            fk.onDelete().ifPresent(a -> action("on_delete", a, e, fk, diags));
            fk.onUpdate().ifPresent(a -> action("on_update", a, e, fk, diags));
            if (!signatures.add(signature(fk.columnNames(), t, targets))) {
                diags.error(fk.pos(), Code.SG263, "foreign key " + list(fk.columnNames()) + " -> " + t.name() + " "
                        + list(targets) + " is given twice on " + e.name(),
                        "keep one: the same key twice only slows down every write");
            }
            if (fk.notValid() && e.isPartitioned()) {
                diags.error(fk.notValidPos(), Code.SG264, "foreign key " + list(fk.columnNames())
                        + " cannot be NOT VALID: " + e.name() + " is partitioned, and PostgreSQL before 18 rejects"
                        + " NOT VALID foreign keys on partitioned tables",
                        "remove not_valid: (the key is checked when it is added, on tables that are still empty)");
            }
        }
    }

    /** Every name is a field of {@code owner}, none twice; reports and returns false otherwise. */
    private static boolean columns(List<Named> cols, Entity owner, String what, Diagnostics diags) {
        boolean ok = true;
        Set<String> seen = new HashSet<>();
        for (Named c : cols) {
            if (owner.field(c.name()).isEmpty()) {
                diags.error(c.pos(), Code.SG203, what + " \"" + c.name() + "\" is not a field of " + owner.name()
                        + Columns.didYouMean(c.name(), owner));
                ok = false;
            } else if (!seen.add(c.name())) {
                diags.error(c.pos(), Code.SG260, what + " \"" + c.name() + "\" is listed twice",
                        "list each column once");
                ok = false;
            }
        }
        return ok;
    }

    private static void types(Entity e, ForeignKey fk, Entity t, List<String> targets, Diagnostics diags) {
        for (int i = 0; i < targets.size(); i++) {
            Optional<Field> ownField = e.field(fk.columns().get(i).name());
            Optional<Field> refField = t.field(targets.get(i));
            if (ownField.isEmpty() || refField.isEmpty()) {
                continue; // a column that is no field: reported already (SG203, also a target's key column)
            }
            Field own = ownField.get();
            Field ref = refField.get();
            if (!family(own.type()).equals(family(ref.type()))) {
                diags.error(fk.columns().get(i).pos(), Code.SG261, "foreign key column \"" + own.name() + "\" ("
                        + own.type().sql() + ") cannot reference " + t.name() + "." + ref.name() + " ("
                        + ref.type().sql() + ")", "give " + own.name() + " the type of " + t.name() + "."
                                + ref.name() + " (" + ref.type().sql() + "), or reference a column of its type");
            }
        }
    }

    /**
     * Types PostgreSQL can compare in a foreign key with the referenced key's equality operator: the integer
     * types with each other, the string types with each other, otherwise the same type (precision and length
     * aside). Stricter than PostgreSQL in one place: an integer column referencing a numeric key is refused.
     */
    static String family(FieldType t) {
        if (t instanceof FieldType.Array a) {
            return family(a.element()) + "[]";
        }
        if (t.has(FieldType.Traits.INTEGER)) {
            return "integer";
        }
        if (t.isText()) {
            return "text";
        }
        if (t instanceof FieldType.Numeric) {
            return "numeric";
        }
        if (t instanceof FieldType.Simple s) {
            return s.kind().name();
        }
        return t.sql();
    }

    private static void key(ForeignKey fk, Entity t, List<String> targets, Diagnostics diags) {
        if (ForeignKey.uniqueKeys(t).contains(Set.copyOf(targets))) {
            return;
        }
        SourcePos pos = fk.targetColumns().isEmpty() ? fk.entity().pos() : fk.targetColumns().get(0).pos();
        List<String> missing = Columns.partitionColumns(t).stream().filter(p -> !targets.contains(p)).toList();
        String hint;
        if (!missing.isEmpty()) {
            List<String> withParts = new ArrayList<>(targets);
            withParts.addAll(missing);
            hint = t.name() + " is partitioned by " + Columns.quoted(missing) + ", so each of its unique keys includes "
                    + String.join(", ", missing) + ": reference columns that include " + String.join(", ", missing)
                    + " (references: {entity: " + t.name() + ", columns: [" + String.join(", ", withParts)
                    + "]}, with a column of this entity for each)";
        } else {
            hint = "reference the primary key of " + t.name() + ", or give " + t.name() + " a unique key on "
                    + list(targets) + " (unique: true on a field, a unique: item of constraints:, or a unique index)";
        }
        diags.error(pos, Code.SG224, "foreign key " + list(fk.columnNames()) + " references " + t.name() + " "
                + list(targets) + ", which is neither the primary key nor a unique key of " + t.name(), hint);
    }

    private static void action(String key, OnChange a, Entity e, ForeignKey fk, Diagnostics diags) {
        for (Named c : fk.columns()) {
            Optional<Field> field = e.field(c.name());
            if (field.isEmpty()) {
                continue; // reported already (SG203)
            }
            Field f = field.get();
            if (a.action() == Action.SET_NULL && e.notNull(f)) {
                diags.error(a.pos(), Code.SG262, key + ": set null cannot work: column \"" + f.name() + "\" of "
                        + e.name() + " is NOT NULL", "make " + f.name() + " nullable, or choose another action"
                                + " (cascade, restrict, no action)");
                return;
            }
            if (a.action() == Action.SET_DEFAULT && e.notNull(f) && f.defaultSql().isEmpty()
                    && f.identity() == Field.Identity.NONE) {
                diags.error(a.pos(), Code.SG262, key + ": set default cannot work: column \"" + f.name() + "\" of "
                        + e.name() + " is NOT NULL and has no default", "give " + f.name() + " a default: that"
                                + " exists in the referenced table, or choose another action");
                return;
            }
        }
    }

    private static String signature(List<String> cols, Entity t, List<String> targets) {
        return cols + "->" + t.name() + targets;
    }

    private static String list(List<String> names) {
        return "(" + String.join(", ", names) + ")";
    }

    private static String count(int n) {
        return n + (n == 1 ? " column" : " columns");
    }
}
