package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Action;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Index;
import dev.specgen.model.MaterializedView;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.Partitioning;
import dev.specgen.model.SpecModel;
import dev.specgen.model.TableConstraint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Duplicate names (SG202): entity names across the run; then, per schema, one namespace for tables, partitions,
 * explicit index names, materialized views and enum types (PostgreSQL keeps relations in pg_class and every table
 * also has a row type in pg_type, so an enum named like a table clashes too), and explicit constraint names (a
 * primary key, UNIQUE or EXCLUDE constraint names its index, a relation; CHECK names are held to the same rule, so
 * that a name finds one constraint in the schema). Two enum fields may share a type
 * by giving the same {@code enum_name} with the same values; the planner creates it once. Action names are unique
 * per schema (they become functions).
 */
final class NamespaceRule implements Rule {

    private record Owner(String what, SourcePos pos, List<String> enumValues) {
    }

    @Override
    public void check(SpecModel model, Diagnostics diags) {
        Map<String, Entity> entities = new HashMap<>();
        Map<String, Owner> names = new HashMap<>();
        for (Entity e : model.entities()) {
            Entity first = entities.putIfAbsent(e.name(), e);
            if (first != null) {
                diags.error(e.pos(), Code.SG202, "entity " + e.name() + " is defined twice (first at " + first.pos()
                        + ")");
                continue;
            }
            String s = e.schema();
            claim(names, s, e.table(), new Owner("table of entity " + e.name(), e.tablePos(), null), diags);
            e.partitioning().ifPresent(p -> partitions(names, p.partitionSchema(s), e.table(), e.table(), p, diags));
            for (Index ix : e.indexes()) {
                ix.name().ifPresent(n -> claim(names, s, n, new Owner("index", ix.pos(), null), diags));
            }
            e.primaryKeyName().ifPresent(n -> claim(names, s, n.name(), new Owner("primary key", n.pos(), null),
                    diags));
            for (TableConstraint c : e.constraints()) {
                c.name().ifPresent(n -> claim(names, s, n.name(), new Owner(c.kind() + " constraint", n.pos(), null),
                        diags));
            }
            for (Field f : e.fields()) {
                if (f.type() instanceof FieldType.Enum en) {
                    claim(names, en.schema(), en.typeName(), new Owner("enum type of field " + e.name() + "."
                            + f.name(), f.typePos(), en.values()), diags);
                }
            }
            for (Action a : e.actions()) {
                // the jsonb form of a bulk operation is a function of its own
                if (claim(names, s, "function " + a.name(), new Owner("action", a.pos(), null), diags)
                        && a instanceof Action.Bulk) {
                    claim(names, s, "function " + a.name() + "_json", new Owner("jsonb form of action " + a.name(),
                            a.pos(), null), diags);
                }
            }
        }
        for (MaterializedView v : model.views()) {
            claim(names, v.schema(), v.name(), new Owner("materialized view", v.pos(), null), diags);
            for (Index ix : v.indexes()) {
                ix.name().ifPresent(n -> claim(names, v.schema(), n, new Owner("index", ix.pos(), null), diags));
            }
        }
    }

    private static void partitions(Map<String, Owner> names, String schema, String table, String parent,
            Partitioning p, Diagnostics diags) {
        for (PartitionSpec s : p.partitions()) {
            String name = s.name().resolve(table, parent);
            if (claim(names, schema, name, new Owner("partition", s.pos(), null), diags)) {
                p.subpartitioning().ifPresent(sub -> partitions(names, schema, table, name, sub, diags));
            }
        }
        if (p.defaultPartition()) {
            claim(names, schema, Partitioning.defaultName(parent), new Owner("default partition", p.pos(), null),
                    diags);
        }
    }

    /** Registers {@code name}; on a clash reports SG202 at the newcomer and returns false. */
    private static boolean claim(Map<String, Owner> names, String schema, String name, Owner owner,
            Diagnostics diags) {
        Owner first = names.putIfAbsent(schema + "\u0000" + name, owner);
        if (first == null) {
            return true;
        }
        if (owner.enumValues() != null && owner.enumValues().equals(first.enumValues())) {
            return true; // a shared enum type: same name, same values
        }
        String shown = name.startsWith("function ") ? name.substring(9) : name;
        String why = owner.enumValues() != null && first.enumValues() != null ? " with other values" : "";
        // one partition_name: pattern naming two partitions alike (in subpartition: without {parent})
        String hint = owner.pos().equals(first.pos()) && owner.what().equals("partition")
                ? "partition_name gives two partitions this name; in subpartition: start it with {parent}" : null;
        diags.error(owner.pos(), Code.SG202, "name \"" + schema + "." + shown + "\" of the " + owner.what()
                + " is already used by the " + first.what() + why + " (" + first.pos() + ")", hint);
        return false;
    }
}
