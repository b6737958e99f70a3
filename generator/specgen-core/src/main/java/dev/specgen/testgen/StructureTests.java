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
import dev.specgen.model.TableFeatures;
import dev.specgen.model.TableFeatures.Policy;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.EntityPlan.NamedIndex;
import dev.specgen.plan.EntityPlan.Partition;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** Present when partition maintenance changes the tree: the tests expect what its log says. */
    private final Optional<MaintainedTree> maintained;

    private StructureTests(EntityPlan ep) {
        this.ep = ep;
        this.e = ep.entity();
        this.maintained = MaintainedTree.of(e);
    }

    /** The skip of a partition's tests: its own, or for a sub-partition its parent's (bounded: not DEFAULT). */
    private Assertion.Skip skipUnder(Partition p, boolean bounded) {
        boolean top = p.parent().equals(e.table());
        return skip(top ? p.name() : p.parent(), !top || bounded);
    }

    /** Skips the tests of a top-level partition that maintenance detached or dropped (never the DEFAULT). */
    private Assertion.Skip skip(String partition, boolean topLevel) {
        return maintained.filter(m -> topLevel)
                .map(m -> new Assertion.Skip(m.retired(partition), m.retiredWhy(partition)))
                .orElse(Assertion.Skip.NEVER);
    }

    static List<TestStep> of(EntityPlan ep) {
        StructureTests s = new StructureTests(ep);
        s.out.add(new TestStep.Section("structure", ep.entity().pos()));
        s.table();
        s.partitions();
        s.indexes();
        s.features();
        s.constraints();
        return List.copyOf(s.out);
    }

    private void table() {
        out.add(new Assertion.HasTable(e.schema(), e.table(), "table " + e.schema() + "." + e.table() + " exists",
                e.pos()));
        int parts = ep.partitions().size();
        String qualified = Sql.qualified(e.schema(), e.table());
        out.add(new Assertion.HealthRows(Sql.qualified(e.schema(), "specgen_health"), qualified,
                maintained.isPresent() ? MaintainedTree.tree(qualified) : (1 + parts) + "::bigint",
                e.schema() + ".specgen_health() reports " + e.table() + (parts == 0 ? "" : maintained.isPresent()
                        ? " and each of its partitions" : " and its " + parts + " partition" + (parts == 1 ? "" : "s")),
                e.pos()));
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
        maintained.ifPresent(m -> out.add(new TestStep.Statement(m.helper(), false, m.helperWhy(), top.pos())));
        // the partitions of each parent, gathered in one pass (a pass per sub-partitioned partition was quadratic)
        Map<String, List<String>> children = new HashMap<>();
        for (Partition p : ep.partitions()) {
            children.computeIfAbsent(p.parent(), k -> new ArrayList<>()).add(p.name());
        }
        level(e.table(), top, children);
        for (Partition p : ep.partitions()) {
            if (!p.leaf()) {
                top.subpartitioning().ifPresent(sub -> level(p.name(), sub, children));
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
            out.add(new Assertion.PartitionBound(Sql.qualified(partSchema(), p.name()), expected,
                    skipUnder(p, s.spec.isPresent()), p.name() + " is " + p.bound(), s.pos));
        }
    }

    /** The key and the direct partitions of one partitioned table (the entity's, or a sub-partitioned one). */
    private void level(String table, Partitioning p, Map<String, List<String>> childrenOf) {
        List<String> children = List.copyOf(childrenOf.getOrDefault(table, List.of()));
        boolean top = table.equals(e.table());
        String schema = top ? e.schema() : partSchema();
        Assertion.Skip skip = top ? Assertion.Skip.NEVER : skip(table, true);
        out.add(new Assertion.PartitionKey(Sql.qualified(schema, table), ExpectedBound.partitionKey(p), skip,
                table + " is partitioned by " + ExpectedBound.partitionKey(p), p.pos()));
        Optional<MaintainedTree> changed = maintained.filter(m -> top);
        out.add(new Assertion.PartitionsAre(schema, table, children, changed, skip, table + " has its "
                + children.size() + " " + (changed.isPresent() ? "planned " : "") + "partition"
                + (children.size() == 1 ? "" : "s") + changed.map(m -> ", as partition maintenance changed them")
                        .orElse(""), p.pos()));
    }

    /** Where the partitions live: {@code partition_schema}, or the table's schema. */
    private String partSchema() {
        return e.partitioning().orElseThrow().partitionSchema(e.schema());
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
                out.add(new Assertion.IndexOnLeaves(qualified, maintained.isPresent()
                        ? MaintainedTree.leaves(Sql.qualified(e.schema(), e.table())) : leaves + "::bigint",
                        "index " + name + " has an index on each of the " + (maintained.isPresent() ? ""
                                : leaves + " ") + "leaf partitions", ix.pos()));
            }
        }
    }

    /** Replica identity (of the table and each partition), row level security, policies and triggers. */
    private void features() {
        TableFeatures f = e.features();
        String table = Sql.qualified(e.schema(), e.table());
        String rel = "to_regclass(" + Sql.literal(table) + ")";
        f.replicaIdentity().ifPresent(r -> {
            String code = switch (r.kind()) {
                case DEFAULT -> "d";
                case FULL -> "f";
                case NOTHING -> "n";
                case INDEX -> "i";
            };
            String what = r.kind() == TableFeatures.ReplicaIdentity.Kind.INDEX ? "USING INDEX "
                    + r.index().orElseThrow().name() : r.kind().sql();
            out.add(new Assertion.TableFeature("SELECT string_agg(DISTINCT c.relreplident::text, ',') FROM"
                    + " pg_catalog.pg_class AS c WHERE c.oid = " + rel + " OR c.oid IN (SELECT t.relid FROM"
                    + " pg_partition_tree(" + rel + ") AS t)",
                    Sql.literal(code), e.table() + (e.isPartitioned() ? " and each of its partitions have" : " has")
                            + " replica identity " + what, r.pos()));
            r.index().ifPresent(i -> out.add(new Assertion.TableFeature("SELECT x.indisreplident FROM"
                    + " pg_catalog.pg_index AS x WHERE x.indexrelid = to_regclass(" + Sql.literal(Sql.qualified(
                    e.schema(), i.name())) + ")", "true", "index " + i.name() + " is the replica identity of "
                    + e.table(), i.pos())));
        });
        f.rowSecurity().ifPresent(rs -> {
            out.add(new Assertion.TableFeature("SELECT c.relrowsecurity || '/' || c.relforcerowsecurity FROM"
                    + " pg_catalog.pg_class AS c WHERE c.oid = " + rel, Sql.literal("true/" + rs.force()),
                    "row level security of " + e.table() + " is enabled" + (rs.force() ? " and forced" : ""),
                    rs.pos()));
            List<String> names = rs.policies().stream().map(Policy::name).sorted().toList();
            out.add(new Assertion.TableFeature("SELECT coalesce(string_agg(p.polname::text, ',' ORDER BY"
                    + " p.polname::text COLLATE \"C\"), '') FROM pg_catalog.pg_policy AS p WHERE p.polrelid = " + rel,
                    Sql.literal(String.join(",", names)), e.table() + " has its " + names.size() + " polic"
                            + (names.size() == 1 ? "y" : "ies"), rs.pos()));
            for (Policy p : rs.policies()) {
                String cmd = switch (p.command()) {
                    case ALL -> "*";
                    case SELECT -> "r";
                    case INSERT -> "a";
                    case UPDATE -> "w";
                    case DELETE -> "d";
                };
                out.add(new Assertion.TableFeature("SELECT p.polcmd::text || ' ' || p.polpermissive FROM"
                        + " pg_catalog.pg_policy AS p WHERE p.polrelid = " + rel + " AND p.polname = "
                        + Sql.literal(p.name()), Sql.literal(cmd + " " + p.permissive()), "policy " + p.name()
                        + " is " + (p.permissive() ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + p.command().sql(),
                        p.pos()));
            }
        });
        for (TableFeatures.Trigger t : f.triggers()) {
            String fn = Sql.qualified(t.functionSchema(), t.function());
            out.add(new Assertion.TableFeature("SELECT count(*) FROM pg_catalog.pg_trigger AS g WHERE g.tgrelid = "
                    + rel + " AND g.tgname = " + Sql.literal(t.name()) + " AND g.tgfoid = to_regprocedure("
                    + Sql.literal(fn + "()") + ")", "1::bigint", "trigger " + t.name() + " on " + e.table()
                            + " calls " + fn + "()", t.pos()));
        }
    }

    /** The named primary key and each item of {@code constraints:}: its name, kind and validity. */
    private void constraints() {
        String rel = "to_regclass(" + Sql.literal(Sql.qualified(e.schema(), e.table())) + ")";
        e.primaryKeyName().ifPresent(n -> out.add(new Assertion.TableFeature(constraintKind(rel, n.name()),
                Sql.literal("p"), "constraint " + n.name() + " on " + e.table() + " is its primary key", n.pos())));
        for (EntityPlan.NamedConstraint nc : ep.constraints()) {
            TableConstraint c = nc.constraint();
            String code = c instanceof TableConstraint.Check ? "c" : c instanceof TableConstraint.Unique ? "u" : "x";
            out.add(new Assertion.TableFeature(constraintKind(rel, nc.name()),
                    Sql.literal(code + (c.notValid() ? " not valid" : "")),
                    "constraint " + nc.name() + " on " + e.table() + " is " + (c.notValid() ? "a NOT VALID "
                            : c instanceof TableConstraint.Exclude ? "an " : "a ")
                            + c.kind().toUpperCase(java.util.Locale.ROOT) + " constraint", c.pos()));
        }
    }

    /** {@code contype} of the table's constraint {@code name}, then {@code  not valid} when it is not validated. */
    private static String constraintKind(String rel, String name) {
        return "SELECT k.contype::text || CASE WHEN k.convalidated THEN '' ELSE ' not valid' END FROM"
                + " pg_catalog.pg_constraint AS k WHERE k.conrelid = " + rel + " AND k.conname = " + Sql.literal(name);
    }

    private static String key(IndexColumn c) {
        return c.column().orElseGet(() -> "(" + c.expression().orElseThrow() + ")");
    }

    /**
     * The type as {@code format_type} prints it (what pgTAP's col_type_is compares): {@code numeric(10,2)},
     * {@code character varying(255)}, {@code timestamp without time zone}; an enum, declared type or extension
     * type by its name when it lives in the test's first search_path schema (unquoted even where format_type quotes
     * it: col_type_is quotes it alike), else schema-qualified.
     */
    static String formatType(FieldType t, String schema) {
        if (t instanceof FieldType.Array a) {
            return formatType(a.element(), schema) + "[]";
        }
        if (t instanceof FieldType.Enum en) {
            // unquoted: col_type_is quotes the expected name like format_type quoted the actual one
            return en.schema().equals(schema) ? en.typeName() : en.sql();
        }
        if (t instanceof FieldType.Domain d) {
            return d.schema().equals(schema) ? d.name() : d.sql();
        }
        if (t instanceof FieldType.Composite c) {
            return c.schema().equals(schema) ? c.name() : c.sql();
        }
        if (t instanceof FieldType.Range r) {
            String name = r.multi() ? r.multirangeName() : r.name();
            return r.schema().equals(schema) ? name : r.sql();
        }
        if (t instanceof FieldType.Extension x) {
            return x.schema().equals(schema) ? x.name() : x.sql();
        }
        return t.formatType();
    }
}
