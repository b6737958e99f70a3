package dev.specgen.db;

import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.MaintenancePlanner;
import dev.specgen.plan.SchemaPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the generated partition maintenance did, from each schema's {@code specgen_partition_log}: per table, the
 * partitions it created and those it dropped or detached. The catalog round trip reports those as maintenance's
 * (SG425), not as drift. Empty where no log table exists (nothing ran maintenance).
 */
public final class MaintenanceLog {
    /** Partitions of one table: made by maintenance, removed by it (dropped or detached). */
    public record Table(Set<String> created, Set<String> removed) {
    }

    public static final MaintenanceLog NONE = new MaintenanceLog(Map.of());

    private final Map<String, Table> tables;

    private MaintenanceLog(Map<String, Table> tables) {
        this.tables = tables;
    }

    /** The log entry of {@code schema.table} as the function records it (its quoted, qualified name). */
    public Table of(String schema, String table) {
        return tables.getOrDefault(Sql.qualified(schema, table), new Table(Set.of(), Set.of()));
    }

    public static MaintenanceLog read(Connection c, SchemaPlan plan) {
        try {
            return readLog(c, plan);
        } catch (SQLException e) {
            throw DbErrors.unavailable("cannot read the partition maintenance log: "
                    + DbErrors.oneLine(e), "check that the user may read <schema>.specgen_partition_log");
        }
    }

    private static MaintenanceLog readLog(Connection c, SchemaPlan plan) throws SQLException {
        Set<String> schemas = new TreeSet<>();
        for (EntityPlan ep : plan.entities()) {
            if (MaintenancePlanner.maintenance(ep.entity()).isPresent()) {
                schemas.add(ep.entity().schema());
            }
        }
        Map<String, Table> out = new HashMap<>();
        for (String schema : schemas) {
            String log = Sql.qualified(schema, MaintenancePlanner.LOG_TABLE);
            try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                exists.setString(1, log);
                try (ResultSet r = exists.executeQuery()) {
                    if (!r.next() || !r.getBoolean(1)) {
                        continue;
                    }
                }
            }
            // in log order: a partition created again after it was dropped counts as created
            try (PreparedStatement st = c.prepareStatement("SELECT table_name, created, detached || dropped FROM "
                    + log + " ORDER BY id"); ResultSet r = st.executeQuery()) {
                while (r.next()) {
                    Table t = out.computeIfAbsent(r.getString(1), k -> new Table(new HashSet<>(), new HashSet<>()));
                    for (String name : (String[]) r.getArray(2).getArray()) {
                        t.created().add(name);
                        t.removed().remove(name);
                    }
                    for (String name : (String[]) r.getArray(3).getArray()) {
                        t.removed().add(name);
                        t.created().remove(name);
                    }
                }
            }
        }
        return new MaintenanceLog(out);
    }
}
