package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.Partitioning;
import dev.specgen.model.Sql;
import dev.specgen.model.TableConstraint;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.EntityPlan.NamedIndex;
import dev.specgen.plan.EntityPlan.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The structure section: the table, each column's type and NOT NULL, the partition tree (keys, partitions, bounds)
 * and every index (columns, method, uniqueness, validity, one attached index per leaf partition), and the named
 * primary key and each item of {@code constraints:} (name, kind, validity), as the plan decided them.
 */
final class StructureTests {
    private final EntityPlan ep;
    private final Entity e;
    private final List<TestStep> out = new ArrayList<>();

    private StructureTests(EntityPlan ep) {
        this.ep = ep;
        this.e = ep.entity();
    }

    static List<TestStep> of(EntityPlan ep) {
        StructureTests s = new StructureTests(ep);
        s.out.add(new TestStep.Section("structure", ep.entity().pos()));
        s.table();
        s.partitions();
        s.indexes();
        s.constraints();
        return List.copyOf(s.out);
    }

    private void table() {
        out.add(new Assertion.HasTable(e.schema(), e.table(), "table " + e.schema() + "." + e.table() + " exists",
                e.pos()));
        int parts = ep.partitions().size();
        out.add(new Assertion.HealthRows(Sql.qualified(e.schema(), "specgen_health"), Sql.qualified(e.schema(),
                e.table()), 1 + parts, e.schema() + ".specgen_health() reports " + e.table() + (parts == 0 ? ""
                : " and its " + parts + " partition" + (parts == 1 ? "" : "s")), e.pos()));
        for (Field f : e.fields()) {
            out.add(new Assertion.ColumnType(e.schema(), e.table(), f.name(), formatType(f.type(), e.schema()),
                    e.table() + "." + f.name() + " is " + f.type().sql(), f.typePos()));
            if (!SeedPlan.nullable(e, f)) {
                out.add(new Assertion.ColumnNotNull(e.schema(), e.table(), f.name(),
                        e.table() + "." + f.name() + " is NOT NULL", f.pos()));
            }
        }
    }

    private void partitions() {
        if (e.partitioning().isEmpty()) {
            return;
        }
        Partitioning top = e.partitioning().get();
        level(e.table(), top);
        for (Partition p : ep.partitions()) {
            if (!p.leaf()) {
                top.subpartitioning().ifPresent(sub -> level(p.name(), sub));
            }
        }
        List<Slot> slots = new ArrayList<>();
        slots(top, slots);
        if (slots.size() != ep.partitions().size()) {
            throw new IllegalStateException("the plan of " + e.table() + " has " + ep.partitions().size()
                    + " partitions, its partitioning " + slots.size());
        }
        for (int k = 0; k < slots.size(); k++) {
            Partition p = ep.partitions().get(k);
            Slot s = slots.get(k);
            String planned = s.spec.map(x -> "FOR VALUES " + x.bound().sql()).orElse("DEFAULT");
            if (!planned.equals(p.bound())) {
                throw new IllegalStateException("partition " + p.name() + " is planned " + p.bound() + ", not "
                        + planned);
            }
            String expected = s.spec.map(x -> ExpectedBound.of(x.bound(), s.type))
                    .orElseGet(ExpectedBound::defaultPartition);
            out.add(new Assertion.PartitionBound(Sql.qualified(e.schema(), p.name()), expected,
                    p.name() + " is " + p.bound(), s.pos));
        }
    }

    /** The key and the direct partitions of one partitioned table (the entity's, or a sub-partitioned one). */
    private void level(String table, Partitioning p) {
        List<String> children = ep.partitions().stream().filter(x -> x.parent().equals(table))
                .map(Partition::name).toList();
        out.add(new Assertion.PartitionKey(Sql.qualified(e.schema(), table), ExpectedBound.partitionKey(p),
                table + " is partitioned by " + ExpectedBound.partitionKey(p), p.pos()));
        out.add(new Assertion.PartitionsAre(e.schema(), table, children, table + " has its " + children.size()
                + " partition" + (children.size() == 1 ? "" : "s"), p.pos()));
    }

    /** A partition of the model: its spec (empty for DEFAULT), the key's type, its position. */
    private record Slot(Optional<PartitionSpec> spec, FieldType type, SourcePos pos) {
    }

    /** The partitions in the planner's order: each partition, then its sub-partitions, then DEFAULT. */
    private void slots(Partitioning p, List<Slot> slots) {
        FieldType type = e.field(p.column().name()).map(Field::type)
                .orElseThrow(() -> new IllegalStateException("no partition column " + p.column().name()));
        for (PartitionSpec s : p.partitions()) {
            slots.add(new Slot(Optional.of(s), type, s.pos()));
            p.subpartitioning().ifPresent(sub -> slots(sub, slots));
        }
        if (p.defaultPartition()) {
            slots.add(new Slot(Optional.empty(), type, p.pos()));
        }
    }

    private void indexes() {
        int leaves = ep.leaves().size();
        for (NamedIndex ni : ep.indexes()) {
            Index ix = ni.index();
            String name = ni.name();
            String qualified = Sql.qualified(e.schema(), name);
            boolean plain = ix.columns().stream().allMatch(c -> c.column().isPresent());
            List<String> columns = new ArrayList<>();
            if (plain) {
                ix.columns().forEach(c -> columns.add(c.column().get()));
                ix.include().forEach(c -> columns.add(c.name()));
            }
            String keys = String.join(", ", ix.columns().stream().map(StructureTests::key).toList());
            out.add(new Assertion.HasIndex(e.schema(), e.table(), name, columns, "index " + name + " on "
                    + e.table() + " (" + keys + ")", ix.pos()));
            out.add(new Assertion.IndexType(e.schema(), e.table(), name, ix.method().sql(), "index " + name
                    + " is " + ix.method().sql(), ix.methodPos()));
            if (ix.unique()) {
                out.add(new Assertion.IndexFlag(qualified, "indisunique", "index " + name + " is unique", ix.pos()));
            }
            if (ix.concurrently()) {
                out.add(new Assertion.IndexFlag(qualified, "indisvalid", "index " + name
                        + " is valid (its concurrent build completed)", ix.pos()));
            }
            if (e.isPartitioned()) {
                out.add(new Assertion.IndexOnLeaves(qualified, leaves, "index " + name + " has an index on each of"
                        + " the " + leaves + " leaf partitions", ix.pos()));
            }
        }
    }

    /** The named primary key and each item of {@code constraints:}: its name, kind and validity. */
    private void constraints() {
        String table = Sql.qualified(e.schema(), e.table());
        e.primaryKeyName().ifPresent(n -> out.add(new Assertion.ConstraintIs(table, n.name(), "p",
                "constraint " + n.name() + " on " + e.table() + " is its primary key", n.pos())));
        for (EntityPlan.NamedConstraint nc : ep.constraints()) {
            TableConstraint c = nc.constraint();
            String code = c instanceof TableConstraint.Check ? "c" : c instanceof TableConstraint.Unique ? "u" : "x";
            out.add(new Assertion.ConstraintIs(table, nc.name(), code + (c.notValid() ? " not valid" : ""),
                    "constraint " + nc.name() + " on " + e.table() + " is " + (c.notValid() ? "a NOT VALID "
                            : c instanceof TableConstraint.Exclude ? "an " : "a ")
                            + c.kind().toUpperCase(java.util.Locale.ROOT) + " constraint", c.pos()));
        }
    }

    private static String key(IndexColumn c) {
        return c.column().orElseGet(() -> "(" + c.expression().orElseThrow() + ")");
    }

    /**
     * The type as {@code format_type} prints it (what pgTAP's col_type_is compares): {@code numeric(10,2)},
     * {@code character varying(255)}, {@code timestamp without time zone}; an enum by its name when it lives in
     * the test's first search_path schema.
     */
    static String formatType(FieldType t, String schema) {
        if (t instanceof FieldType.Array a) {
            return formatType(a.element(), schema) + "[]";
        }
        if (t instanceof FieldType.Enum en) {
            return en.schema().equals(schema) ? Sql.ident(en.typeName()) : en.sql();
        }
        return t.formatType();
    }
}
