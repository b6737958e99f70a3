package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Entity;
import dev.specgen.model.Param;
import dev.specgen.model.SpecModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Table {@code storage:} parameters (SG210): known names only, values in PostgreSQL's accepted ranges; no
 * {@code unlogged} on a partitioned table (PostgreSQL refuses it).
 */
final class StorageRule implements Rule {

    private static final long INT_MAX = 2147483647L;

    static final Map<String, ParamSpec> PARAMS = new LinkedHashMap<>();

    static {
        for (ParamSpec s : List.of(
                ParamSpec.integer("fillfactor", 10, 100),
                ParamSpec.bool("autovacuum_enabled"),
                ParamSpec.decimal("autovacuum_vacuum_scale_factor", 0, 100),
                ParamSpec.decimal("autovacuum_analyze_scale_factor", 0, 100),
                ParamSpec.integer("autovacuum_vacuum_threshold", 0, INT_MAX),
                ParamSpec.integer("autovacuum_analyze_threshold", 0, INT_MAX),
                ParamSpec.integer("autovacuum_vacuum_insert_threshold", -1, INT_MAX),
                ParamSpec.decimal("autovacuum_vacuum_insert_scale_factor", 0, 100),
                ParamSpec.decimal("autovacuum_vacuum_cost_delay", 0, 100),
                ParamSpec.integer("autovacuum_vacuum_cost_limit", 1, 10000),
                ParamSpec.integer("autovacuum_freeze_min_age", 0, 1000000000L),
                ParamSpec.integer("autovacuum_freeze_max_age", 100000, 2000000000L),
                ParamSpec.integer("autovacuum_freeze_table_age", 0, 2000000000L),
                ParamSpec.integer("toast_tuple_target", 128, 8160),
                ParamSpec.integer("parallel_workers", 0, 1024))) {
            PARAMS.put(s.name(), s);
        }
    }

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        for (Param p : e.storage().params()) {
            ParamSpec spec = PARAMS.get(p.name());
            if (spec == null) {
                diags.error(p.pos(), Code.SG210, "unknown storage parameter \"" + p.name() + "\""
                        + Suggest.didYouMean(p.name(), PARAMS.keySet()));
            } else {
                spec.check(p, diags);
            }
        }
        if (e.storage().unlogged() && e.isPartitioned()) {
            diags.error(e.storage().pos(), Code.SG210, "partitioned table " + e.table() + " cannot be unlogged",
                    "PostgreSQL does not support UNLOGGED partitioned tables; drop unlogged or the partitioning");
        }
    }
}
