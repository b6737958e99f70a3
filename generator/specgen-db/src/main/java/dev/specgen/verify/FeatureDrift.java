package dev.specgen.verify;

import dev.specgen.db.CatalogObjects.PolicyInfo;
import dev.specgen.db.CatalogObjects.TableInfo;
import dev.specgen.db.CatalogObjects.TriggerInfo;
import dev.specgen.db.CatalogSnapshot;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Named;
import dev.specgen.model.Sql;
import dev.specgen.model.TableFeatures;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An entity's row level security (enabled, forced), policies and triggers against the catalog, both ways (SG404):
 * a policy or trigger of the spec that is missing or differs (a policy's command, kind and roles; a trigger's timing,
 * row or statement level and function), and one the table has that the spec does not declare. Expressions (USING,
 * WITH CHECK, WHEN) are the user's SQL as PostgreSQL rewrote it and are not compared; the generated tests cover
 * presence and kind too. specgen's own capture triggers ({@code specgen_*}, on the tables incremental views read) are
 * not the spec's and are left alone, as are the clones PostgreSQL makes of a row trigger on each partition.
 */
final class FeatureDrift {
    private final CatalogSnapshot cat;
    private final BiConsumer<SourcePos, String> drift;

    FeatureDrift(CatalogSnapshot cat, BiConsumer<SourcePos, String> drift) {
        this.cat = cat;
        this.drift = drift;
    }

    void check(Entity e, TableInfo table) {
        Optional<TableFeatures.RowSecurity> rs = e.features().rowSecurity();
        SourcePos rsPos = rs.map(TableFeatures.RowSecurity::pos).orElse(e.pos());
        String t = e.table();
        if (table.rowSecurity() != rs.isPresent()) {
            drift.accept(rsPos, "row level security of " + t + " is " + onOff(table.rowSecurity())
                    + " in the database, " + onOff(rs.isPresent()) + " in the spec");
        }
        boolean force = rs.map(TableFeatures.RowSecurity::force).orElse(false);
        if (table.forceRowSecurity() != force) {
            drift.accept(rsPos, "FORCE ROW LEVEL SECURITY of " + t + " is " + onOff(table.forceRowSecurity())
                    + " in the database, " + onOff(force) + " in the spec");
        }
        policies(e, rs.map(TableFeatures.RowSecurity::policies).orElse(List.of()), rsPos);
        triggers(e);
    }

    private void policies(Entity e, List<TableFeatures.Policy> planned, SourcePos rsPos) {
        List<PolicyInfo> actual = cat.policies().stream()
                .filter(p -> p.schema().equals(e.schema()) && p.table().equals(e.table())).toList();
        for (TableFeatures.Policy p : planned) {
            Optional<PolicyInfo> a = actual.stream().filter(x -> x.name().equals(p.name())).findFirst();
            if (a.isEmpty()) {
                drift.accept(p.pos(), "policy " + p.name() + " on " + e.table() + " is missing from the database");
                continue;
            }
            String want = policy(p.permissive(), p.command().name().toLowerCase(Locale.ROOT), p.roles().isEmpty()
                    ? List.of("public") : p.roles().stream().map(Named::name).sorted().toList());
            String have = policy(a.get().permissive(), a.get().command(), a.get().roles());
            if (!want.equals(have)) {
                drift.accept(p.pos(), "policy " + p.name() + " on " + e.table() + " is " + have
                        + " in the database, " + want + " in the spec");
            }
        }
        for (PolicyInfo a : actual) {
            if (planned.stream().noneMatch(p -> p.name().equals(a.name()))) {
                drift.accept(rsPos, "policy " + a.name() + " on " + e.table() + " is in the database but not in the"
                        + " spec");
            }
        }
    }

    private static String policy(boolean permissive, String command, List<String> roles) {
        return (permissive ? "permissive" : "restrictive") + " for " + command + " to " + String.join(", ", roles);
    }

    private void triggers(Entity e) {
        List<TriggerInfo> actual = cat.triggers().stream().filter(x -> x.schema().equals(e.schema())
                && x.table().equals(e.table()) && !x.name().startsWith("specgen_")).toList();
        List<TableFeatures.Trigger> planned = e.features().triggers();
        for (TableFeatures.Trigger tr : planned) {
            Optional<TriggerInfo> a = actual.stream().filter(x -> x.name().equals(tr.name())).findFirst();
            if (a.isEmpty()) {
                drift.accept(tr.pos(), "trigger " + tr.name() + " on " + e.table() + " is missing from the database");
                continue;
            }
            String def = a.get().definition();
            String want = tr.timing().sql() + " ... FOR EACH " + (tr.forEachRow() ? "ROW" : "STATEMENT")
                    + " ... EXECUTE FUNCTION " + Sql.qualified(tr.functionSchema(), tr.function());
            // the catalog is read with search_path = pg_catalog: its own functions print unqualified
            boolean function = def.contains(" EXECUTE FUNCTION " + Sql.qualified(tr.functionSchema(), tr.function())
                    + "(") || tr.functionSchema().equals("pg_catalog")
                            && def.contains(" EXECUTE FUNCTION " + Sql.ident(tr.function()) + "(");
            boolean same = def.contains(" " + tr.timing().sql() + " ")
                    && def.contains(" FOR EACH " + (tr.forEachRow() ? "ROW" : "STATEMENT")) && function;
            if (!same) {
                drift.accept(tr.pos(), "trigger " + tr.name() + " on " + e.table() + " differs: the database has "
                        + def + "; the spec asks for " + want);
            }
        }
        for (TriggerInfo a : actual) {
            if (planned.stream().noneMatch(p -> p.name().equals(a.name()))) {
                drift.accept(e.pos(), "trigger " + a.name() + " on " + e.table() + " is in the database but not in"
                        + " the spec");
            }
        }
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
