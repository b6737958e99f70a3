package dev.specgen.verify;

import dev.specgen.db.CatalogObjects.ConstraintInfo;
import dev.specgen.db.CatalogObjects.IndexInfo;
import dev.specgen.db.CatalogObjects.TableInfo;
import dev.specgen.db.CatalogSnapshot;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Named;
import dev.specgen.model.Param;
import dev.specgen.plan.EntityPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The index half of {@link RoundTrip}: each planned index with its method, uniqueness, INCLUDE columns, storage
 * parameters, keys (with opclass, order, NULLS) and predicate, the last two as the same server renders the spec's;
 * and the other way, any index on the table or its partitions that no planned index or constraint explains, and
 * any INVALID index (an interrupted CREATE INDEX CONCURRENTLY leaves one, and PostgreSQL never uses it).
 */
final class IndexDrift {
    private final CatalogSnapshot cat;
    private final BiConsumer<SourcePos, String> drift;

    IndexDrift(CatalogSnapshot cat, BiConsumer<SourcePos, String> drift) {
        this.cat = cat;
        this.drift = drift;
    }

    void check(EntityPlan ep, Optional<List<IndexInfo>> expected) {
        Entity e = ep.entity();
        Set<String> explained = new HashSet<>();
        for (EntityPlan.NamedIndex ni : ep.indexes()) {
            explained.add(ni.name());
            Optional<IndexInfo> found = cat.index(e.schema(), ni.name());
            if (found.isEmpty()) {
                drift.accept(ni.index().pos(), "index " + e.schema() + "." + ni.name() + " is missing");
                continue;
            }
            Optional<IndexInfo> copy = expected.flatMap(l -> l.stream().filter(x -> x.name().equals(ni.name()))
                    .findFirst());
            planned(ni, found.get(), copy);
        }
        for (ConstraintInfo k : cat.constraintsOf(e.schema(), e.table())) {
            explained.add(k.name()); // a primary key's, unique or exclusion constraint's own index
        }
        for (IndexInfo x : cat.indexesOn(e.schema(), e.table())) {
            if (!explained.contains(x.name())) {
                drift.accept(e.pos(), "index " + x.qualifiedName() + " on " + e.table() + " is in the database but "
                        + "not in the spec: " + x.definition());
            }
            invalid(e, x);
        }
        for (TableInfo part : tree(cat, e.schema(), e.table())) {
            for (IndexInfo x : cat.indexesOn(part.schema(), part.name())) {
                if (x.parentIndex().isEmpty()) {
                    drift.accept(e.pos(), "index " + x.qualifiedName() + " on partition " + part.name() + " belongs "
                            + "to no index of " + e.table() + ", so it is not in the spec: " + x.definition());
                }
                invalid(e, x);
            }
        }
    }

    private void planned(EntityPlan.NamedIndex ni, IndexInfo ix, Optional<IndexInfo> copy) {
        String what = "index " + ni.name();
        same(ni.index().methodPos(), "access method of " + what, ni.index().method().sql(), ix.method());
        same(ni.index().pos(), "uniqueness of " + what, String.valueOf(ni.index().unique()),
                String.valueOf(ix.unique()));
        same(ni.index().pos(), "INCLUDE columns of " + what,
                String.join(", ", ni.index().include().stream().map(Named::name).toList()),
                String.join(", ", ix.include()));
        same(ni.index().pos(), "storage parameters of " + what, params(ni.index().with()),
                new TreeMap<>(ix.reloptions()).toString());
        if (ni.index().columns().size() != ix.keys().size()) {
            drift.accept(ni.index().pos(), what + " has " + ix.keys().size() + " key columns in the database, the "
                    + "spec " + ni.index().columns().size());
        }
        if (copy.isPresent()) {
            same(ni.index().pos(), "keys of " + what, copy.get().keyDef(), ix.keyDef());
            same(ni.index().wherePos(), "WHERE predicate of " + what, copy.get().predicate().orElse("none"),
                    ix.predicate().orElse("none"));
        } else {
            same(ni.index().wherePos(), "WHERE predicate of " + what,
                    ni.index().where().isPresent() ? "a predicate" : "no predicate",
                    ix.predicate().isPresent() ? "a predicate" : "no predicate");
        }
    }

    private void invalid(Entity e, IndexInfo x) {
        if (!x.valid()) {
            drift.accept(e.pos(), "index " + x.qualifiedName() + " on " + x.table() + " is INVALID: PostgreSQL does "
                    + "not use it (an interrupted CREATE INDEX CONCURRENTLY leaves one); drop it, then apply again");
        }
    }

    /** Every partition below {@code schema.table}, depth first, in name order. */
    static List<TableInfo> tree(CatalogSnapshot cat, String schema, String table) {
        List<TableInfo> out = new ArrayList<>();
        for (TableInfo p : cat.partitionsOf(schema, table)) {
            out.add(p);
            out.addAll(tree(cat, p.schema(), p.name()));
        }
        return out;
    }

    private void same(SourcePos pos, String what, String planned, String actual) {
        if (!planned.equals(actual)) {
            drift.accept(pos, what + " differs: the spec makes \"" + planned + "\", the database has \"" + actual
                    + "\"");
        }
    }

    private static String params(List<Param> params) {
        Map<String, String> m = new TreeMap<>();
        params.forEach(p -> m.put(p.name(), p.value()));
        return m.toString();
    }
}
