package dev.specgen.verify;

import dev.specgen.db.CatalogObjects.ColumnInfo;
import dev.specgen.db.CatalogObjects.IndexInfo;
import dev.specgen.db.CatalogObjects.TableInfo;
import dev.specgen.db.CatalogObjects.ViewInfo;
import dev.specgen.db.CatalogSnapshot;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Named;
import dev.specgen.model.Param;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.plan.ViewPlan;
import java.util.ArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads back what PostgreSQL made of the script and compares it with the plan (Atlas "synced" check): tables,
 * column types and NOT NULL, partitioning strategy and key, every partition and its bound, indexes with method,
 * uniqueness, INCLUDE, predicate and storage parameters, and table storage parameters per leaf partition; views: their
 * kind and columns, the definition hash in their comment, their tables, key and indexes, their refresh and capture
 * functions and every capture trigger. Any difference is an SG404 error at the spec position of the thing that differs.
 */
final class RoundTrip {
    private final CatalogSnapshot cat;
    private final List<Diagnostic> out = new ArrayList<>();

    private RoundTrip(CatalogSnapshot cat) {
        this.cat = cat;
    }

    static List<Diagnostic> compare(SchemaPlan plan, CatalogSnapshot cat) {
        RoundTrip rt = new RoundTrip(cat);
        for (EntityPlan ep : plan.entities()) {
            rt.entity(ep);
        }
        for (ViewPlan vp : plan.views()) {
            rt.view(vp);
        }
        return List.copyOf(rt.out);
    }

    private void entity(EntityPlan ep) {
        Entity e = ep.entity();
        Optional<TableInfo> table = cat.table(e.schema(), e.table());
        if (table.isEmpty()) {
            drift(e.pos(), "table " + e.schema() + "." + e.table() + " is missing from the database");
            return;
        }
        columns(e);
        e.partitioning().ifPresent(p -> same(p.pos(), "partition key of " + e.table(),
                p.strategy().sql() + " (" + p.column().name() + ")", table.get().partitionKey().orElse("")));
        for (EntityPlan.Partition p : ep.partitions()) {
            Optional<TableInfo> part = cat.table(e.schema(), p.name());
            if (part.isEmpty()) {
                drift(e.partitioning().orElseThrow().pos(), "partition " + e.schema() + "." + p.name() + " is missing");
                continue;
            }
            same(e.partitioning().orElseThrow().pos(), "bound of partition " + p.name(), bound(p.bound()),
                    bound(part.get().partitionBound().orElse("")));
            if (p.leaf()) {
                same(storagePos(e), "storage parameters of " + p.name(),
                        params(e.storage().params()), new TreeMap<>(part.get().reloptions()).toString());
            }
        }
        if (!e.isPartitioned()) {
            same(storagePos(e), "storage parameters of " + e.table(),
                    params(e.storage().params()), new TreeMap<>(table.get().reloptions()).toString());
        }
        for (EntityPlan.NamedIndex ni : ep.indexes()) {
            index(e, ni);
        }
    }

    /**
     * A view: its relation (a materialized view, or a plain view over its table), its columns in order, the comment
     * carrying its definition hash, its tables, key and indexes, its functions and every capture trigger.
     */
    private void view(ViewPlan vp) {
        SourcePos pos = vp.view().view().pos();
        String schema = vp.schema();
        String what = (vp.view().tableBacked() ? "view " : "materialized view ") + schema + "." + vp.relation();
        Optional<ViewInfo> v = cat.views().stream().filter(x -> x.schema().equals(schema)
                && x.name().equals(vp.relation())).findFirst();
        if (v.isEmpty()) {
            drift(pos, what + " is missing from the database");
            return;
        }
        same(pos, "kind of " + what, vp.view().tableBacked() ? "view" : "materialized view",
                v.get().materialized() ? "materialized view" : "view");
        if (!vp.view().columns().isEmpty()) {
            same(pos, "columns of " + what, String.join(", ", vp.view().columns()), String.join(", ",
                    cat.columnsOf(schema, vp.relation()).stream().map(ColumnInfo::name).toList()));
        }
        String marker = "[specgen definition " + vp.definitionHash() + "]";
        if (!v.get().comment().map(c -> c.endsWith(marker)).orElse(false)) {
            drift(pos, "comment of " + what + " does not end with " + marker + ", found \""
                    + v.get().comment().orElse("") + "\"");
        }
        for (Optional<String> t : List.of(vp.store(), vp.delta())) {
            if (t.isPresent() && cat.table(schema, t.get()).isEmpty()) {
                drift(pos, "table " + schema + "." + t.get() + " of " + what + " is missing");
            }
        }
        vp.keyIndex().ifPresent(k -> {
            Optional<IndexInfo> ix = cat.index(schema, k);
            if (ix.isEmpty()) {
                drift(vp.view().view().keyPos(), "key index " + schema + "." + k + " of " + what + " is missing");
                return;
            }
            same(vp.view().view().keyPos(), "key index " + k, vp.dataRelation() + " unique (" + String.join(", ",
                    vp.view().key()) + ")", ix.get().table() + (ix.get().unique() ? " unique (" : " (")
                            + String.join(", ", ix.get().keys()) + ")");
        });
        for (EntityPlan.NamedIndex ni : vp.indexes()) {
            Optional<IndexInfo> ix = cat.index(schema, ni.name());
            if (ix.isEmpty()) {
                drift(ni.index().pos(), "index " + schema + "." + ni.name() + " of " + what + " is missing");
                continue;
            }
            same(ni.index().methodPos(), "access method of index " + ni.name(), ni.index().method().sql(),
                    ix.get().method());
            same(ni.index().pos(), "table of index " + ni.name(), vp.dataRelation(), ix.get().table());
        }
        List<String> functions = new ArrayList<>(List.of(vp.refresh(), vp.refreshAll()));
        vp.refreshIfStale().ifPresent(functions::add);
        functions.addAll(vp.captureFunctions());
        for (String f : functions) {
            if (cat.functions().stream().noneMatch(x -> x.schema().equals(schema) && x.name().equals(f))) {
                drift(pos, "function " + schema + "." + f + " of " + what + " is missing");
            }
        }
        for (ViewPlan.Trigger t : vp.triggers()) {
            if (cat.triggers().stream().noneMatch(x -> x.schema().equals(t.schema()) && x.table().equals(t.table())
                    && x.name().equals(t.name()))) {
                drift(pos, "capture trigger " + t.name() + " on " + t.schema() + "." + t.table() + " of " + what
                        + " is missing");
            }
        }
    }

    /** Where storage differences are reported: the spec's storage block, else the entity. */
    private static SourcePos storagePos(Entity e) {
        return e.storage().pos().isNone() ? e.pos() : e.storage().pos();
    }

    private void columns(Entity e) {
        List<ColumnInfo> cols = cat.columnsOf(e.schema(), e.table());
        for (Field f : e.fields()) {
            Optional<ColumnInfo> c = cols.stream().filter(x -> x.name().equals(f.name())).findFirst();
            if (c.isEmpty()) {
                drift(f.pos(), "column " + e.table() + "." + f.name() + " is missing");
                continue;
            }
            same(f.typePos(), "type of " + e.table() + "." + f.name(), Types.catalogSpelling(f.type()), c.get().type());
            boolean notNull = !f.nullable() || f.primaryKey()
                    || e.primaryKey().stream().anyMatch(n -> n.name().equals(f.name()));
            same(f.pos(), "NOT NULL of " + e.table() + "." + f.name(), String.valueOf(notNull),
                    String.valueOf(c.get().notNull()));
        }
    }

    private void index(Entity e, EntityPlan.NamedIndex ni) {
        Optional<IndexInfo> found = cat.index(e.schema(), ni.name());
        if (found.isEmpty()) {
            drift(ni.index().pos(), "index " + e.schema() + "." + ni.name() + " is missing");
            return;
        }
        IndexInfo ix = found.get();
        String what = "index " + ni.name();
        same(ni.index().methodPos(), "access method of " + what, ni.index().method().sql(), ix.method());
        same(ni.index().pos(), "uniqueness of " + what, String.valueOf(ni.index().unique()), String.valueOf(ix.unique()));
        same(ni.index().pos(), "INCLUDE columns of " + what,
                String.join(", ", ni.index().include().stream().map(Named::name).toList()),
                String.join(", ", ix.include()));
        // PostgreSQL stores predicates rewritten (casts added, IN as = ANY (ARRAY[...])): compare presence, and
        // leave their meaning to the generated tests, which query through the partial index
        same(ni.index().wherePos(), "WHERE predicate of " + what,
                ni.index().where().isPresent() ? "a predicate" : "no predicate",
                ix.predicate().isPresent() ? "a predicate" : "no predicate");
        same(ni.index().pos(), "storage parameters of " + what, params(ni.index().with()),
                new TreeMap<>(ix.reloptions()).toString());
        if (ni.index().columns().size() != ix.keys().size()) {
            drift(ni.index().pos(), what + " has " + ix.keys().size() + " key columns in the database, the spec "
                    + ni.index().columns().size());
        }
    }

    private static String params(List<Param> params) {
        Map<String, String> m = new TreeMap<>();
        params.forEach(p -> m.put(p.name(), p.value()));
        return m.toString();
    }

    /**
     * Bounds as PostgreSQL prints them carry {@code 00:00:00} times the spec leaves out, and quote negative
     * numbers ({@code FROM ('-20000')}).
     */
    static String bound(String b) {
        return b.replace(" 00:00:00", "").replaceAll("'(-?[0-9]+(?:\\.[0-9]+)?)'", "$1");
    }

    private void same(SourcePos pos, String what, String planned, String actual) {
        if (!planned.equals(actual)) {
            drift(pos, what + " differs: the plan has \"" + planned + "\", the database \"" + actual + "\"");
        }
    }

    private void drift(SourcePos pos, String message) {
        out.add(Diagnostic.error(pos, Code.SG404, message)
                .withHint("the generated SQL did not produce what the spec asks for; this is a specgen bug"));
    }
}
