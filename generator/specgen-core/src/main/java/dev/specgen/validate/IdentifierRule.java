package dev.specgen.validate;

import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Action;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Index;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.Partitioning;
import dev.specgen.model.SpecModel;
import dev.specgen.model.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every name specgen cannot shorten on its own is at most 63 bytes (SG211): schema, table, fields, partitions
 * ({@code <table>_<suffix>}, {@code <table>_<suffix>_<subsuffix>}, {@code <table>_default}), explicit index names,
 * enum types, actions (function names) and materialized views. PostgreSQL would silently truncate them, and two
 * truncated names can then collide. Names the planner makes up (indexes without {@code name:}, constraints) are
 * shortened by its NameAllocator instead.
 */
final class IdentifierRule implements Rule {

    private static final String SHORTEN_TABLE = "shorten the table name with table:";

    @Override
    public void check(SpecModel model, Diagnostics diags) {
        Rule.super.check(model, diags);
        for (dev.specgen.model.MaterializedView v : model.views()) {
            Identifiers.checkLength("materialized view", v.name(), v.pos(), "use a shorter view name", diags);
            for (Index ix : v.indexes()) {
                ix.name().ifPresent(n -> Identifiers.checkLength("index", n, ix.pos(), "use a shorter name:", diags));
            }
        }
    }

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        Identifiers.checkLength("schema", e.schema(), e.pos(), "use a shorter schema:", diags);
        Identifiers.checkLength("table", e.table(), e.pos(), SHORTEN_TABLE, diags);
        for (Field f : e.fields()) {
            Identifiers.checkLength("field", f.name(), f.pos(), "use a shorter field name", diags);
            if (f.type() instanceof FieldType.Enum en) {
                Identifiers.checkLength("enum type", en.typeName(), f.typePos(), "set a shorter enum_name:", diags);
            }
        }
        for (Index ix : e.indexes()) {
            ix.name().ifPresent(n -> Identifiers.checkLength("index", n, ix.pos(), "use a shorter name:", diags));
        }
        for (dev.specgen.model.ForeignKey fk : e.foreignKeys()) {
            fk.name().ifPresent(n -> Identifiers.checkLength("foreign key", n.name(), n.pos(), "use a shorter name:",
                    diags));
        }
        for (Action a : e.actions()) {
            Identifiers.checkLength("action", a.name(), a.pos(), "use a shorter action name", diags);
        }
        e.partitioning().ifPresent(p -> partitions(e.table(), p, diags));
    }

    /** One diagnostic per level at most: a long table name would otherwise flag every generated partition. */
    private static void partitions(String table, Partitioning p, Diagnostics diags) {
        List<String> parents = List.of(table);
        Optional<Partitioning> level = Optional.of(p);
        while (level.isPresent()) {
            Partitioning lp = level.get();
            List<String> names = new ArrayList<>();
            boolean reported = false;
            for (String parent : parents) {
                for (PartitionSpec s : lp.partitions()) {
                    String name = s.name().resolve(table, parent);
                    names.add(name);
                    if (!reported && Sql.byteLength(name) > Sql.MAX_IDENT_BYTES) {
                        reported = !Identifiers.checkLength("partition", name, s.pos(),
                                SHORTEN_TABLE + " or the partition names", diags);
                    }
                }
                if (!reported && lp.defaultPartition()) {
                    reported = !Identifiers.checkLength("partition", Partitioning.defaultName(parent), lp.pos(),
                            SHORTEN_TABLE,
                            diags);
                }
            }
            parents = names;
            level = lp.subpartitioning();
        }
    }
}
