package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Maintenance;
import dev.specgen.model.Partitioning;
import dev.specgen.model.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The health function of a schema ({@link MaintenanceObject.HealthFunction}): one {@code VALUES} row per table, with
 * what only the spec knows (whether the RANGE key is a point in time, the maintained interval and premake); the rest
 * the function reads from the catalog and the statistics when it runs.
 */
final class HealthPlanner {
    static final String FUNCTION = "specgen_health";

    private HealthPlanner() {
    }

    /** The function of one table or all ({@link MaintenanceObject.HealthFunction}), then the one of all. */
    static List<SqlObject> health(String schema, List<Entity> entities, SourcePos pos) {
        List<String> rows = new ArrayList<>();
        for (Entity e : entities) {
            Optional<Maintenance> m = MaintenancePlanner.maintenance(e);
            String interval = m.map(Maintenance::rule).filter(Maintenance.Rule.ByInterval.class::isInstance)
                    .map(r -> "interval " + Sql.literal(((Maintenance.Rule.ByInterval) r).period().length()))
                    .orElse("NULL::interval");
            String premake = m.map(x -> Integer.toString(x.premake())).orElse("NULL::integer");
            rows.add("(" + Sql.literal(e.schema()) + ", " + Sql.literal(e.table()) + ", " + keyIsTimestamptz(e) + ", "
                    + interval + ", " + premake + ")");
        }
        List<String> settings = List.of("search_path = pg_catalog, pg_temp");
        return List.of(new MaintenanceObject.HealthFunction(Sql.qualified(schema, FUNCTION), rows, settings, pos),
                new MaintenanceObject.HealthOfSchema(Sql.qualified(schema, FUNCTION), settings, pos));
    }

    /** {@code true}/{@code false} for a RANGE key of timestamptz / date or timestamp (bounds in UTC); else NULL. */
    private static String keyIsTimestamptz(Entity e) {
        Optional<Partitioning> p = e.partitioning().filter(x -> x.strategy() == Partitioning.Strategy.RANGE);
        Optional<FieldType> t = p.flatMap(x -> e.field(x.column().name())).map(Field::type);
        if (t.isPresent() && t.get().is(FieldType.Kind.TIMESTAMPTZ)) {
            return "true";
        }
        if (t.isPresent() && (t.get().is(FieldType.Kind.DATE) || t.get().is(FieldType.Kind.TIMESTAMP))) {
            return "false";
        }
        return "NULL::boolean";
    }
}
