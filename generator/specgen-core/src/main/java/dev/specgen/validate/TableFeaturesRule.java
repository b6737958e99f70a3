package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Entity;
import dev.specgen.model.Index;
import dev.specgen.model.Named;
import dev.specgen.model.SpecModel;
import dev.specgen.model.TableFeatures.Policy;
import dev.specgen.model.TableFeatures.ReplicaIdentity;
import dev.specgen.model.TableFeatures.Trigger;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code replica_identity}, row level security policies and triggers: a replica identity index is a named unique,
 * non-partial index of NOT NULL columns on a table that is not partitioned (SG290); a policy's USING and WITH CHECK
 * fit its command (SG291); a trigger's events, level and columns fit together (SG292); names appear once (SG202);
 * columns are fields (SG203). That each expression is one expression (SG221) is {@link ExpressionRule}'s.
 */
final class TableFeaturesRule implements Rule {

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        e.features().replicaIdentity().ifPresent(r -> replicaIdentity(e, r, diags));
        e.features().rowSecurity().ifPresent(rs -> {
            Set<String> names = new HashSet<>();
            for (Policy p : rs.policies()) {
                if (!names.add(p.name())) {
                    diags.error(p.pos(), Code.SG202, "policy \"" + p.name() + "\" is declared twice on " + e.table());
                }
                policy(p, diags);
            }
        });
        Set<String> triggers = new HashSet<>();
        for (Trigger t : e.features().triggers()) {
            if (!triggers.add(t.name())) {
                diags.error(t.pos(), Code.SG202, "trigger \"" + t.name() + "\" is declared twice on " + e.table());
            }
            trigger(e, t, diags);
        }
    }

    private static void replicaIdentity(Entity e, ReplicaIdentity r, Diagnostics diags) {
        if (r.kind() != ReplicaIdentity.Kind.INDEX) {
            return;
        }
        Named name = r.index().orElseThrow();
        if (e.isPartitioned()) {
            diags.error(name.pos(), Code.SG290, "replica identity index on partitioned table " + e.table()
                    + ": PostgreSQL sets it per table, and specgen does not set it on each partition",
                    "use replica_identity: full, or the default (the primary key)");
            return;
        }
        Optional<Index> ix = e.indexes().stream().filter(i -> i.name().filter(name.name()::equals).isPresent())
                .findFirst();
        if (ix.isEmpty()) {
            diags.error(name.pos(), Code.SG290, "replica identity index \"" + name.name() + "\" is not an index of "
                    + e.name() + " with that name", "give the index name: " + name.name() + " in indexes:");
            return;
        }
        Index i = ix.get();
        boolean notNull = i.columns().stream().allMatch(c -> c.column().flatMap(e::field).map(e::notNull)
                .orElse(false));
        if (!i.unique() || i.where().isPresent() || !notNull) {
            diags.error(name.pos(), Code.SG290, "replica identity index \"" + name.name() + "\" must be unique, not"
                    + " partial, on NOT NULL columns only" + (i.columns().stream().anyMatch(c -> c.column()
                    .isEmpty()) ? " (no expressions)" : ""), "PostgreSQL refuses any other index as replica identity");
        }
    }

    private static void policy(Policy p, Diagnostics diags) {
        if (p.withCheck().isPresent() && (p.command() == Policy.Command.SELECT
                || p.command() == Policy.Command.DELETE)) {
            diags.error(p.withCheckPos(), Code.SG291, "policy \"" + p.name() + "\" for " + p.command().sql()
                    + " cannot have with_check: " + p.command().sql() + " writes no new rows",
                    "use using: to filter the rows it sees");
        }
        if (p.using().isPresent() && p.command() == Policy.Command.INSERT) {
            diags.error(p.usingPos(), Code.SG291, "policy \"" + p.name() + "\" for INSERT cannot have using: an"
                    + " INSERT reads no existing rows", "use with_check: to filter the rows it may insert");
        }
        if (p.using().isEmpty() && p.withCheck().isEmpty()) {
            diags.error(p.pos(), Code.SG291, "policy \"" + p.name() + "\" has neither using: nor with_check:",
                    "give using: (the rows it sees) or with_check: (the rows it may write)");
        }
    }

    private static void trigger(Entity e, Trigger t, Diagnostics diags) {
        if (t.events().isEmpty()) {
            diags.error(t.pos(), Code.SG292, "trigger \"" + t.name() + "\" has no events",
                    "list at least one of insert, update, delete, truncate");
        }
        if (new HashSet<>(t.events()).size() < t.events().size()) {
            diags.error(t.pos(), Code.SG202, "trigger \"" + t.name() + "\" lists an event twice");
        }
        if (t.events().contains(Trigger.Event.TRUNCATE) && t.forEachRow()) {
            diags.error(t.pos(), Code.SG292, "trigger \"" + t.name() + "\" on TRUNCATE must be for_each: statement",
                    "PostgreSQL has no row-level TRUNCATE triggers");
        }
        if (!t.columns().isEmpty() && !t.events().contains(Trigger.Event.UPDATE)) {
            diags.error(t.columns().get(0).pos(), Code.SG292, "trigger \"" + t.name() + "\" has columns: but no"
                    + " update event", "columns: makes it UPDATE OF those columns; add update to events");
        }
        for (Named c : t.columns()) {
            if (e.field(c.name()).isEmpty()) {
                diags.error(c.pos(), Code.SG203, "trigger column \"" + c.name() + "\" is not a field of " + e.name()
                        + Columns.didYouMean(c.name(), e));
            }
        }
        if (t.condition().isPresent() && !t.forEachRow()) {
            diags.error(t.conditionPos(), Code.SG292, "trigger \"" + t.name() + "\" is for_each: statement and has"
                    + " when:", "a statement trigger's WHEN cannot see OLD or NEW: make it for_each: row");
        }
    }
}
