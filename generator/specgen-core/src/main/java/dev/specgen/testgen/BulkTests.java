package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Action;
import dev.specgen.model.BulkShape;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tests of an entity's generated bulk functions, for its {@code NN_<table>_bulk_test.sql} file: per action,
 * calls of both forms on rows made by the seed plan (plus NULLs and each type's edge values), and what must hold
 * afterwards: every value stored as given, duplicates resolved to the last row, upsert changing exactly the rows
 * that differ, delete removing exactly the keys, replace leaving exactly the new set (and unchanged rows untouched),
 * bad input rejected, the call working as a role with only the documented privileges; and once per entity, rows
 * outside every partition. The table is expected empty, as in the other generated tests; all is rolled back.
 */
final class BulkTests {
    /** Row numbers the tests use (1..ROWS), each a distinct key. */
    static final long ROWS = 10;
    /** Rows seeded into each referenced table. */
    static final long REFERENCED_ROWS = 20;

    private final EntityPlan ep;
    private final Entity e;
    private final String table;
    private final BulkValues values;
    private final List<TestStep> out = new ArrayList<>();
    private int roles;

    private BulkTests(EntityPlan ep, BulkValues values) {
        this.ep = ep;
        this.e = ep.entity();
        this.table = Sql.qualified(e.schema(), e.table());
        this.values = values;
    }

    /** The body of the bulk test file (between plan and finish), or empty when the entity has no bulk action. */
    static Optional<List<TestStep>> of(EntityPlan ep, Function<String, Optional<EntityPlan>> entities) {
        Entity e = ep.entity();
        if (e.bulkActions().isEmpty()) {
            return Optional.empty();
        }
        SeedPlan.Result seed = SeedPlan.of(ep, ROWS, REFERENCED_ROWS, entities, Long.toString(ROWS));
        List<TestStep> body = new ArrayList<>();
        if (!seed.problems().isEmpty()) {
            body.add(new PerformanceAssertion.Skip("bulk function tests: cannot make rows for " + e.table() + ": "
                    + String.join("; ", seed.problems()), e.pos()));
            return Optional.of(body);
        }
        BulkTests t = new BulkTests(ep, new BulkValues(e, seed.main().gens()));
        t.referenced(seed);
        t.out.add(new TestStep.RoleHelper(e.pos()));
        for (Action.Bulk a : e.bulkActions()) {
            t.action(a);
        }
        t.outsidePartitions();
        return Optional.of(List.copyOf(t.out));
    }

    /** Rows in the tables this one references, so that foreign keys find their targets. */
    private void referenced(SeedPlan.Result seed) {
        if (seed.tables().size() < 2) {
            return;
        }
        out.add(new TestStep.Section("rows in the referenced tables", e.pos()));
        for (SeedPlan.Table t : seed.tables().subList(0, seed.tables().size() - 1)) {
            Entity te = t.plan().entity();
            String fn = "pg_temp.specgen_seed_" + te.schema() + "_" + te.table();
            out.add(new TestStep.SeedFunction(fn, Sql.qualified(te.schema(), te.table()),
                    t.columns(), t.values("i"), t.overriding(), !te.features().triggers().isEmpty(), List.of(), te.pos()));
            out.add(new TestStep.Statement(fn + "(" + t.rows() + ")", true, "the rows that foreign keys of "
                    + e.table() + " point at", te.pos()));
        }
    }

    private void action(Action.Bulk a) {
        BulkShape shape = BulkShape.of(e, a);
        SourcePos pos = a.pos();
        String fn = Sql.qualified(e.schema(), a.name());
        String json = Sql.qualified(e.schema(), a.name() + "_json");
        out.add(new TestStep.Section(a.operation().word() + ": " + e.schema() + "." + a.name() + " and "
                + a.name() + "_json", pos));
        out.add(new TestStep.Statement("DELETE FROM " + table, false, "each function is tested on an empty table",
                pos));
        switch (a.operation()) {
            case INSERT -> insert(a, shape, fn, json, pos);
            case UPSERT -> upsert(a, shape, fn, json, pos);
            case DELETE -> delete(a, shape, fn, json, pos);
            case REPLACE -> replace(a, shape, fn, json, pos);
        }
    }

    // ------------------------------------------------------------------ insert

    private void insert(Action.Bulk a, BulkShape shape, String fn, String json, SourcePos pos) {
        List<Field> cols = shape.supplied();
        List<Field> params = shape.parameters(e);
        BulkRows all = allKinds(cols);
        out.add(returns(all.arrayCall(fn, params), all.size(), a.name() + " inserts " + all.size() + " rows", pos));
        out.add(returns(all.stored(table), all.size(), a.name() + " stores every value as given: NULLs, "
                + "extremes, empty values, quotes and non-ASCII text", pos));
        duplicates(a, shape, fn, params, 6, pos);
        out.add(new TestStep.Statement("DELETE FROM " + table, false, "again on an empty table: the jsonb form", pos));
        out.add(returns(all.jsonCall(json), all.size(), a.name() + "_json inserts " + all.size() + " rows", pos));
        out.add(returns(all.stored(table), all.size(), a.name() + "_json stores every value as given", pos));
        uneven(a, fn, params, cols, pos);
        out.add(new TestStep.Statement("DELETE FROM " + table, false, "as an ordinary role", pos));
        asRole(a, shape, "INSERT", rows(cols, 1, 2).arrayCall(fn, params), "2", pos);
    }

    /** Rows 1 and 2, the edge values of each type in rows 3 and 4, NULL in every nullable column in row 5. */
    private BulkRows allKinds(List<Field> cols) {
        BulkRows r = rows(cols, 1, 2);
        for (int which = 0; which < 2; which++) {
            Map<String, String> row = row(cols, 3 + which);
            for (Field f : values.edgeColumns(cols)) {
                row.put(f.name(), values.edge(f, which).orElseThrow());
            }
            r.add(row);
        }
        Map<String, String> nulls = row(cols, 5);
        for (Field f : cols) {
            if (!e.notNull(f) && values.free(f)) {
                nulls.put(f.name(), BulkValues.nullOf(f));
            }
        }
        return r.add(nulls);
    }

    /** Two rows with the same key in one call: one row is written, the later one. */
    private void duplicates(Action.Bulk a, BulkShape shape, String fn, List<Field> params, long row, SourcePos pos) {
        if (shape.key().isEmpty()) {
            return;
        }
        List<Field> cols = shape.supplied();
        Optional<Field> differ = changeable(cols.stream().filter(f -> !shape.key().contains(f)
                && !shape.parentKey().contains(f)).toList(), row, row + 1);
        Map<String, String> later = row(cols, row);
        differ.ifPresent(f -> later.put(f.name(), values.value(f, row + 1)));
        BulkRows twice = new BulkRows(cols).add(row(cols, row)).add(later);
        out.add(returns(twice.arrayCall(fn, params), 1, a.name() + " writes one row for two with the same key in one"
                + " call", pos));
        differ.ifPresent(f -> out.add(returns(new BulkRows(cols).add(later).stored(table), 1, a.name()
                + " keeps the last of them (" + f.name() + " as in the later row)", pos)));
    }

    private void uneven(Action.Bulk a, String fn, List<Field> params, List<Field> cols, SourcePos pos) {
        if (params.size() < 2) {
            return;
        }
        out.add(new BulkAssertion.Throws(rows(cols, 1, 2).unevenCall(fn, params), "22023", a.name()
                + " rejects arrays of different lengths", pos));
    }

    // ------------------------------------------------------------------ upsert

    private void upsert(Action.Bulk a, BulkShape shape, String fn, String json, SourcePos pos) {
        List<Field> cols = shape.supplied();
        List<Field> params = shape.parameters(e);
        BulkRows base = rows(cols, 1, 2, 3);
        out.add(returns(base.arrayCall(fn, params), 3, a.name() + " inserts 3 new rows", pos));
        Optional<Field> c = changeable(shape.update(), 2, 6);
        if (c.isPresent()) {
            Map<String, String> changed = row(cols, 2);
            changed.put(c.get().name(), values.value(c.get(), 6));
            BulkRows mixed = new BulkRows(cols).add(row(cols, 1)).add(changed).add(row(cols, 4));
            out.add(new TestStep.Statement(rememberCtid(1, cols), true, "where row 1 is stored now", pos));
            out.add(returns(mixed.arrayCall(fn, params), 2, a.name() + " changes exactly the rows that differ:"
                    + " 1 unchanged, 1 changed (" + c.get().name() + "), 1 new", pos));
            out.add(returns(mixed.stored(table), 3, a.name() + " stores the changed and the new row as given", pos));
            out.add(new BulkAssertion.Holds(sameCtid(1, cols), a.name() + " leaves the unchanged row alone (no new"
                    + " row version)", pos));
            jsonTwice(a, mixed, json, pos);
        } else {
            out.add(returns(base.arrayCall(fn, params), 0, a.name() + " changes nothing when nothing differs", pos));
            jsonTwice(a, base, json, pos);
        }
        duplicates(a, shape, fn, params, 7, pos);
        uneven(a, fn, params, cols, pos);
        asRole(a, shape, "INSERT, UPDATE, SELECT", rows(cols, 9).arrayCall(fn, params), "1", pos);
    }

    /**
     * The jsonb form given the rows the table holds: a first call may rewrite json columns (jsonb normalises their
     * text), a second changes nothing.
     */
    private void jsonTwice(Action.Bulk a, BulkRows rows, String json, SourcePos pos) {
        String call = rows.jsonCall(json);
        out.add(new TestStep.Statement("(" + call + ")", true, "the same rows through the jsonb form once", pos));
        out.add(returns(call, 0, a.name() + "_json changes nothing when nothing differs", pos));
    }

    // ------------------------------------------------------------------ delete

    private void delete(Action.Bulk a, BulkShape shape, String fn, String json, SourcePos pos) {
        List<Field> stored = e.fields().stream().filter(f -> f.identity() != Field.Identity.ALWAYS
                && !f.isGenerated()).toList();
        List<Field> key = shape.key();
        out.add(new TestStep.Statement(rows(stored, 1, 2, 3, 4, 5).insert(table), false, "rows 1 to 5 to delete from",
                pos));
        BulkRows keys = rows(key, 1, 2, 1, 9);
        out.add(returns(keys.arrayCall(fn, shape.parameters(e)), 2, a.name() + " deletes the 2 rows whose keys it"
                + " is given (one key twice, one of no row)", pos));
        out.add(new BulkAssertion.Holds("(SELECT count(*) FROM " + table + ") = 3 AND " + rows(stored, 3, 4, 5)
                .stored(table) + " = 3", a.name() + " leaves every other row as it was", pos));
        out.add(returns(rows(key, 3).jsonCall(json), 1, a.name() + "_json deletes the row whose key it is given",
                pos));
        uneven(a, fn, shape.parameters(e), key, pos);
        asRole(a, shape, "DELETE, UPDATE, SELECT", rows(key, 4).arrayCall(fn, shape.parameters(e)), "1", pos);
    }

    // ------------------------------------------------------------------ replace

    private void replace(Action.Bulk a, BulkShape shape, String fn, String json, SourcePos pos) {
        List<Field> cols = shape.supplied();
        List<Field> params = shape.parameters(e);
        BulkRows first = new BulkRows(cols).add(child(cols, shape, 1, 1)).add(child(cols, shape, 2, 1))
                .add(child(cols, shape, 3, 1)).add(child(cols, shape, 4, 2));
        out.add(returns(first.arrayCall(fn, params), 4, a.name() + " inserts the children of two parents (3 and 1)",
                pos));
        Optional<Field> c = changeable(shape.update(), 2, 6);
        BulkRows next = new BulkRows(cols);
        Map<String, String> changed = child(cols, shape, 2, 1);
        c.ifPresent(f -> changed.put(f.name(), values.value(f, 6)));
        if (c.isPresent()) {
            next.add(changed);
        }
        next.add(child(cols, shape, 3, 1)).add(child(cols, shape, 5, 1));
        out.add(new TestStep.Statement(rememberCtid(3, cols, child(cols, shape, 3, 1)), true, "where the child"
                + " that stays the same is stored now", pos));
        out.add(returns(next.arrayCall(fn, params), 3, a.name() + " writes only what changed: "
                + (c.isPresent() ? "1 deleted, 1 updated (" + c.get().name() + "), 1 inserted"
                        : "2 deleted, 1 inserted"), pos));
        out.add(new BulkAssertion.Holds(count(shape, 1) + " = " + next.size() + " AND " + next.stored(table) + " = "
                + next.size(), a.name() + " leaves exactly the new children of the parent it was given", pos));
        out.add(new BulkAssertion.Holds(count(shape, 2) + " = 1 AND " + new BulkRows(cols)
                .add(child(cols, shape, 4, 2)).stored(table) + " = 1", a.name() + " leaves other parents alone",
                pos));
        out.add(new BulkAssertion.Holds(sameCtid(3, cols, child(cols, shape, 3, 1)), a.name() + " leaves an"
                + " unchanged child alone (no new row version)", pos));
        jsonTwice(a, next, json, pos);
        Map<String, String> later = child(cols, shape, 7, 2);
        Optional<Field> d = changeable(shape.update(), 7, 8);
        d.ifPresent(f -> later.put(f.name(), values.value(f, 8)));
        BulkRows twice = new BulkRows(cols).add(child(cols, shape, 7, 2)).add(later);
        out.add(returns(twice.arrayCall(fn, params), 2, a.name() + " replaces a parent's child by two rows with one"
                + " key: 1 deleted, 1 inserted", pos));
        out.add(new BulkAssertion.Holds(count(shape, 2) + " = 1 AND " + new BulkRows(cols).add(later).stored(table)
                + " = 1", a.name() + " keeps the last row of a duplicated key", pos));
        uneven(a, fn, params, cols, pos);
        asRole(a, shape, "INSERT, UPDATE, DELETE, SELECT", new BulkRows(cols).add(child(cols, shape, 8, 2))
                .arrayCall(fn, params), "2", pos);
    }

    /** Row {@code i} as a child of parent {@code p}: its parent-key columns take row {@code p}'s values. */
    private Map<String, String> child(List<Field> cols, BulkShape shape, long i, long p) {
        Map<String, String> r = row(cols, i);
        for (Field f : shape.parentKey()) {
            r.put(f.name(), values.value(f, p));
        }
        return r;
    }

    /** How many rows parent {@code p} (row p's parent-key values) has. */
    private String count(BulkShape shape, long p) {
        List<String> conds = new ArrayList<>();
        for (Field f : shape.parentKey()) {
            conds.add("t." + Sql.ident(f.name()) + " = " + values.value(f, p));
        }
        return "(SELECT count(*) FROM " + table + " AS t WHERE " + String.join(" AND ", conds) + ")";
    }

    // ------------------------------------------------------------------ outside every partition

    private void outsidePartitions() {
        Optional<Action.Bulk> writer = e.bulkActions().stream()
                .filter(a -> a.operation() != Action.Operation.DELETE).findFirst();
        Optional<OutsideValue.Value> outside = OutsideValue.of(e);
        if (writer.isEmpty() || outside.isEmpty()) {
            return;
        }
        Action.Bulk a = writer.get();
        BulkShape shape = BulkShape.of(e, a);
        Field col = outside.get().column();
        out.add(new TestStep.Section("rows outside every partition", e.partitioning().orElseThrow().pos()));
        out.add(new TestStep.Statement("DELETE FROM " + table, false, "on an empty table", e.pos()));
        Map<String, String> row = row(shape.supplied(), ROWS);
        row.put(col.name(), outside.get().sql());
        BulkRows r = new BulkRows(shape.supplied()).add(row);
        String call = r.arrayCall(Sql.qualified(e.schema(), a.name()), shape.parameters(e));
        if (outside.get().defaultPartition().isPresent()) {
            String def = outside.get().defaultPartition().get();
            out.add(returns(call, 1, a.name() + " writes a row outside every bound (" + col.name() + " = "
                    + outside.get().shown() + ")", e.pos()));
            out.add(new BulkAssertion.Holds("(SELECT c.relname FROM " + table + " AS t, pg_catalog.pg_class AS c"
                    + " WHERE c.oid = t.tableoid AND t." + Sql.ident(col.name()) + " = " + outside.get().sql()
                    + ") = " + Sql.literal(def), "the DEFAULT partition " + def + " holds it", e.pos()));
        } else {
            out.add(new BulkAssertion.Throws(call, "23514", a.name() + " fails for a row outside every partition ("
                    + col.name() + " = " + outside.get().shown() + "), naming the value: no row is lost silently",
                    e.pos()));
        }
    }

    // ------------------------------------------------------------------ helpers

    private void asRole(Action.Bulk a, BulkShape shape, String privileges, String call, String expected,
            SourcePos pos) {
        String suffix = Integer.toString(++roles);
        List<String> grants = List.of("GRANT USAGE ON SCHEMA " + Sql.ident(e.schema()) + " TO %I",
                "GRANT " + privileges + " ON " + table + " TO %I",
                "GRANT EXECUTE ON FUNCTION " + shape.signature(e) + " TO %I");
        out.add(new TestStep.CreateRole(suffix, grants, "a role with only " + privileges + " on " + e.table()
                + " and EXECUTE on " + a.name() + ": not a superuser, not the owner", pos));
        out.add(new BulkAssertion.AsRole(suffix, call, expected, a.name() + " works for a role with only " + privileges
                + " on " + e.table() + " and EXECUTE", pos));
    }

    /** Saves the ctid of the stored row {@code i} (matched on every column) in a setting. */
    private String rememberCtid(long i, List<Field> cols) {
        return rememberCtid(i, cols, row(cols, i));
    }

    private String rememberCtid(long i, List<Field> cols, Map<String, String> row) {
        return "set_config('specgen.ctid_" + i + "', (SELECT min(t.ctid::text) FROM " + table + " AS t WHERE "
                + matching(cols, row) + "), true)";
    }

    private String sameCtid(long i, List<Field> cols) {
        return sameCtid(i, cols, row(cols, i));
    }

    private String sameCtid(long i, List<Field> cols, Map<String, String> row) {
        return "(SELECT min(t.ctid::text) FROM " + table + " AS t WHERE " + matching(cols, row)
                + ") = current_setting('specgen.ctid_" + i + "')";
    }

    private static String matching(List<Field> cols, Map<String, String> row) {
        List<String> conds = new ArrayList<>();
        for (Field f : cols) {
            conds.add(BulkValues.same("t." + Sql.ident(f.name()), row.get(f.name()), f));
        }
        return String.join(" AND ", conds);
    }

    /** The first of {@code candidates} without rules on it whose values differ between rows i and j. */
    private Optional<Field> changeable(List<Field> candidates, long i, long j) {
        return candidates.stream().filter(values::free)
                .filter(f -> !values.value(f, i).equals(values.value(f, j))).findFirst();
    }

    private Map<String, String> row(List<Field> cols, long i) {
        Map<String, String> r = new LinkedHashMap<>();
        for (Field f : cols) {
            r.put(f.name(), values.value(f, i));
        }
        return r;
    }

    private BulkRows rows(List<Field> cols, long... numbers) {
        BulkRows r = new BulkRows(cols);
        for (long i : numbers) {
            r.add(row(cols, i));
        }
        return r;
    }

    private static BulkAssertion.Returns returns(String query, long expected, String description, SourcePos pos) {
        return new BulkAssertion.Returns("(" + query + ")", expected + "::bigint", description, pos);
    }
}
