package dev.specgen.plan;

import dev.specgen.model.Entity;
import dev.specgen.model.Named;
import dev.specgen.model.Sql;
import dev.specgen.model.TableFeatures;
import dev.specgen.model.TableFeatures.Policy;
import dev.specgen.model.TableFeatures.ReplicaIdentity;
import dev.specgen.model.TableFeatures.Trigger;
import dev.specgen.plan.TableFeatureObject.CreatePolicy;
import dev.specgen.plan.TableFeatureObject.CreateTableTrigger;
import dev.specgen.plan.TableFeatureObject.SetReplicaIdentity;
import dev.specgen.plan.TableFeatureObject.SetRowSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statements of an entity's {@link TableFeatures}: replica identity on the table and on each of its partitions
 * (PostgreSQL keeps it per table), row level security on the table (what queries through it see), its policies in
 * spec order, and its triggers (on a partitioned table PostgreSQL clones them to every partition).
 */
final class TableFeaturesPlanner {
    private TableFeaturesPlanner() {
    }

    static List<SqlObject> plan(Entity e, List<PartitionPlanner.Node> partitions) {
        TableFeatures f = e.features();
        String table = Sql.qualified(e.schema(), e.table());
        List<SqlObject> out = new ArrayList<>();
        f.replicaIdentity().ifPresent(r -> {
            String identity = r.kind() == ReplicaIdentity.Kind.INDEX
                    ? "USING INDEX " + Sql.ident(r.index().orElseThrow().name()) : r.kind().sql();
            out.add(new SetReplicaIdentity(table, identity, r.pos()));
            for (PartitionPlanner.Node n : partitions) {
                out.add(new SetReplicaIdentity(n.qualified(), identity, r.pos()));
            }
        });
        f.rowSecurity().ifPresent(rs -> {
            out.add(new SetRowSecurity(table, "ENABLE", rs.pos()));
            if (rs.force()) {
                out.add(new SetRowSecurity(table, "FORCE", rs.pos()));
            }
            for (Policy p : rs.policies()) {
                List<String> roles = p.roles().isEmpty() ? List.of("PUBLIC") : p.roles().stream()
                        .map(TableFeaturesPlanner::role).toList();
                out.add(new CreatePolicy(Sql.ident(p.name()), table, p.permissive() ? "PERMISSIVE" : "RESTRICTIVE",
                        p.command().sql(), roles, p.using().orElse(""), p.withCheck().orElse(""), p.pos()));
            }
        });
        for (Trigger t : f.triggers()) {
            StringBuilder events = new StringBuilder();
            for (Trigger.Event ev : t.events()) {
                events.append(events.length() == 0 ? "" : " OR ").append(ev.sql());
                if (ev == Trigger.Event.UPDATE && !t.columns().isEmpty()) {
                    events.append(" OF ").append(String.join(", ", t.columns().stream().map(Named::name)
                            .map(Sql::ident).toList()));
                }
            }
            out.add(new CreateTableTrigger(Sql.ident(t.name()), table, t.timing().sql(), events.toString(),
                    t.forEachRow() ? "ROW" : "STATEMENT", t.condition().orElse(""),
                    Sql.qualified(t.functionSchema(), t.function()), t.arguments().stream().map(Sql::literal)
                            .toList(), t.pos()));
        }
        return out;
    }

    /** {@code public} and the role key words stay words; any other role is a quoted name. */
    private static String role(Named r) {
        String w = r.name().toLowerCase(Locale.ROOT);
        return switch (w) {
            case "public" -> "PUBLIC";
            case "current_user", "session_user", "current_role" -> w.toUpperCase(Locale.ROOT);
            default -> Sql.ident(r.name());
        };
    }
}
