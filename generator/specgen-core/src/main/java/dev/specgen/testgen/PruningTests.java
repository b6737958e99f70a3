package dev.specgen.testgen;

import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.PartitionSpec.Bound;
import dev.specgen.model.Partitioning;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.EntityPlan.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Partition pruning on the entity's top-level key, with its time budget: a query on the first RANGE partition's
 * bounds, or an equality on the first LIST value, scans only the leaves of that partition; an equality on a HASH
 * key scans only the partition that holds the key (found from the seeded rows: where a value hashes to is
 * PostgreSQL's business). The scanned relations are compared as sorted arrays, so a failure shows them all.
 */
final class PruningTests {
    private PruningTests() {
    }

    static List<TestStep> of(EntityPlan ep, SeedPlan.Table main, PerformanceTests.Budget budget) {
        Entity e = ep.entity();
        Partitioning top = e.partitioning().orElseThrow();
        List<TestStep> out = new ArrayList<>();
        out.add(new TestStep.Section("partition pruning", top.pos()));
        Field key = e.field(top.column().name()).orElseThrow();
        String col = Sql.ident(key.name());
        String table = Sql.qualified(e.schema(), e.table());
        List<Partition> firsts = ep.partitions().stream().filter(p -> p.parent().equals(e.table())).toList();
        if (top.partitions().isEmpty() || firsts.isEmpty()) {
            out.add(new TestStep.Note("no pruning test: " + e.table() + " has no partitions besides DEFAULT",
                    top.pos()));
            return out;
        }
        PartitionSpec spec = top.partitions().get(0);
        Partition first = firsts.get(0);
        String where;
        String expected;
        String what;
        if (spec.bound() instanceof Bound.Range r) {
            List<String> conds = new ArrayList<>();
            if (!SeedPlan.isInfinite(r.from())) {
                conds.add(col + " >= " + r.from());
            }
            if (!SeedPlan.isInfinite(r.to())) {
                conds.add(col + " < " + r.to());
            }
            if (conds.isEmpty()) {
                out.add(new TestStep.Note("no pruning test: the first partition of " + e.table()
                        + " takes every value", spec.pos()));
                return out;
            }
            where = String.join(" AND ", conds);
            expected = array(leavesUnder(ep, first.name()));
            what = "a range on the bounds of " + first.name();
        } else if (spec.bound() instanceof Bound.ListValues l) {
            String v = l.values().get(0);
            where = col + (v.equals("NULL") ? " IS NULL" : " = " + v);
            expected = array(leavesUnder(ep, first.name()));
            what = "an equality on " + key.name() + " in " + first.name();
        } else {
            if (top.subpartitioning().isPresent()) {
                out.add(new TestStep.Note("no pruning test: hash partitions of " + e.table() + " are"
                        + " sub-partitioned", top.pos()));
                return out;
            }
            String v = main.gens().get(e.fields().indexOf(key)).literal(1);
            where = col + " = " + v;
            expected = "ARRAY(SELECT rel FROM (SELECT DISTINCT c.relname::text AS rel FROM " + table
                    + " AS t JOIN pg_catalog.pg_class AS c ON c.oid = t.tableoid WHERE t." + col + " = " + v
                    + ") AS d ORDER BY rel COLLATE \"C\")";
            what = "an equality on " + key.name();
        }
        String query = "SELECT * FROM " + table + " WHERE " + where;
        String scope = spec.bound() instanceof Bound.Hash ? "the partition holding it"
                : leavesUnder(ep, first.name()).size() == 1 ? first.name()
                : "the " + leavesUnder(ep, first.name()).size() + " leaves of " + first.name();
        out.add(new PerformanceAssertion.Pruning(query, expected, what + " scans only " + scope, spec.pos()));
        out.add(new PerformanceAssertion.TimeBudget(query, budget.half(), PerformanceTests.ITERATIONS,
                what + " averages under " + budget.ms() + " ms", budget.pos().orElse(spec.pos())));
        return out;
    }

    /** The leaf partitions at or below {@code name}, sorted by name (byte order, as the helper sorts). */
    static List<String> leavesUnder(EntityPlan ep, String name) {
        List<String> out = new ArrayList<>();
        for (Partition p : ep.partitions()) {
            if (p.leaf() && (p.name().equals(name) || descends(ep, p, name))) {
                out.add(p.name());
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean descends(EntityPlan ep, Partition p, String ancestor) {
        String parent = p.parent();
        while (!parent.equals(ep.entity().table())) {
            if (parent.equals(ancestor)) {
                return true;
            }
            String current = parent;
            parent = ep.partitions().stream().filter(x -> x.name().equals(current)).map(Partition::parent)
                    .findFirst().orElse(ep.entity().table());
        }
        return false;
    }

    private static String array(List<String> names) {
        return names.stream().map(Sql::literal).collect(Collectors.joining(", ", "ARRAY[", "]"));
    }
}
