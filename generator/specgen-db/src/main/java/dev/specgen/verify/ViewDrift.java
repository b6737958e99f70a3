package dev.specgen.verify;

import dev.specgen.db.CatalogObjects.ColumnInfo;
import dev.specgen.db.CatalogObjects.IndexInfo;
import dev.specgen.db.CatalogObjects.ViewInfo;
import dev.specgen.db.CatalogSnapshot;
import dev.specgen.diag.SourcePos;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.ViewPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The round trip of a view ({@link RoundTrip}'s part for views): its relation (a materialized view, or a plain view
 * over its table), its columns in order, the comment carrying its definition hash, its tables, key and indexes, its
 * functions and every capture trigger. Each difference goes to {@code drift} at the spec position concerned.
 */
final class ViewDrift {
    private final CatalogSnapshot cat;
    private final BiConsumer<SourcePos, String> drift;

    ViewDrift(CatalogSnapshot cat, BiConsumer<SourcePos, String> drift) {
        this.cat = cat;
        this.drift = drift;
    }

    void check(ViewPlan vp) {
        SourcePos pos = vp.view().view().pos();
        String schema = vp.schema();
        String what = (vp.view().tableBacked() ? "view " : "materialized view ") + schema + "." + vp.relation();
        Optional<ViewInfo> v = cat.views().stream().filter(x -> x.schema().equals(schema)
                && x.name().equals(vp.relation())).findFirst();
        if (v.isEmpty()) {
            drift.accept(pos, what + " is missing from the database");
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
            drift.accept(pos, "comment of " + what + " does not end with " + marker + ", found \""
                    + v.get().comment().orElse("") + "\"");
        }
        for (Optional<String> t : List.of(vp.store(), vp.delta())) {
            if (t.isPresent() && cat.table(schema, t.get()).isEmpty()) {
                drift.accept(pos, "table " + schema + "." + t.get() + " of " + what + " is missing");
            }
        }
        vp.keyIndex().ifPresent(k -> {
            Optional<IndexInfo> ix = cat.index(schema, k);
            if (ix.isEmpty()) {
                drift.accept(vp.view().view().keyPos(), "key index " + schema + "." + k + " of " + what
                        + " is missing");
                return;
            }
            same(vp.view().view().keyPos(), "key index " + k, vp.dataRelation() + " unique (" + String.join(", ",
                    vp.view().key()) + ")", ix.get().table() + (ix.get().unique() ? " unique (" : " (")
                            + String.join(", ", ix.get().keys()) + ")");
        });
        for (EntityPlan.NamedIndex ni : vp.indexes()) {
            Optional<IndexInfo> ix = cat.index(schema, ni.name());
            if (ix.isEmpty()) {
                drift.accept(ni.index().pos(), "index " + schema + "." + ni.name() + " of " + what + " is missing");
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
                drift.accept(pos, "function " + schema + "." + f + " of " + what + " is missing");
            }
        }
        for (ViewPlan.Trigger t : vp.triggers()) {
            if (cat.triggers().stream().noneMatch(x -> x.schema().equals(t.schema()) && x.table().equals(t.table())
                    && x.name().equals(t.name()))) {
                drift.accept(pos, "capture trigger " + t.name() + " on " + t.schema() + "." + t.table() + " of "
                        + what + " is missing");
            }
        }
    }

    private void same(SourcePos pos, String what, String planned, String actual) {
        if (!planned.equals(actual)) {
            drift.accept(pos, what + " differs: the spec makes \"" + planned + "\", the database has \"" + actual
                    + "\"");
        }
    }
}
