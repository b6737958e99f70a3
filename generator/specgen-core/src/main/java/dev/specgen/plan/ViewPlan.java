package dev.specgen.plan;

import dev.specgen.view.AnalyzedView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the plan decided for one materialized view, in plain (unquoted) names, for the stages that work from the same
 * plan (generated tests, catalog round trip): its file and every object it owns.
 *
 * @param relation        the name users read: a materialized view, or (kept incrementally) a plain view over
 *                        {@code store}
 * @param store           the table an incrementally kept view lives in
 * @param delta           the table of pending changes of a deferred (incremental) view
 * @param keyIndex        the unique index on the view's key (on the materialized view or the store)
 * @param indexes         the spec's indexes with their names, on the same relation
 * @param triggers        capture triggers: {@code schema.table} and trigger name
 * @param log             the schema's refresh-log table; {@code state} its refresh-state table
 * @param definitionHash  the marker the install script compares to recreate a changed view
 */
public record ViewPlan(AnalyzedView view, String file, String specFile, String relation, Optional<String> store,
        Optional<String> delta, Optional<String> keyIndex, List<EntityPlan.NamedIndex> indexes, String refresh,
        Optional<String> refreshIfStale, List<String> captureFunctions, List<Trigger> triggers, String log,
        String state, String refreshAll, String definitionHash) {

    public ViewPlan {
        Objects.requireNonNull(view, "view == null");
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(specFile, "specFile == null");
        Objects.requireNonNull(relation, "relation == null");
        Objects.requireNonNull(store, "store == null");
        Objects.requireNonNull(delta, "delta == null");
        Objects.requireNonNull(keyIndex, "keyIndex == null");
        indexes = List.copyOf(indexes);
        Objects.requireNonNull(refresh, "refresh == null");
        Objects.requireNonNull(refreshIfStale, "refreshIfStale == null");
        captureFunctions = List.copyOf(captureFunctions);
        triggers = List.copyOf(triggers);
        Objects.requireNonNull(log, "log == null");
        Objects.requireNonNull(state, "state == null");
        Objects.requireNonNull(refreshAll, "refreshAll == null");
        Objects.requireNonNull(definitionHash, "definitionHash == null");
    }

    /**
     * A capture trigger on {@code table} (a source or one of its leaf partitions) calling {@code function} (the
     * capture function's unquoted name, in the view's schema).
     */
    public record Trigger(String schema, String table, String name, String event, String function) {
        public Trigger {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(event, "event == null");
            Objects.requireNonNull(function, "function == null");
        }
    }

    public String schema() {
        return view.view().schema();
    }

    /**
     * Deferred: counts what the delta table holds that the next refresh would apply (change rows and full-recompute
     * marks; not the row that says no crash emptied the table).
     */
    public Optional<String> pendingCountSql() {
        return delta.map(d -> "SELECT count(*) FROM " + dev.specgen.model.Sql.qualified(schema(), d)
                + " WHERE " + MaintenanceSql.FULL + " IS DISTINCT FROM " + MaintenanceSql.SENTINEL);
    }

    /** Deferred: marks a full recompute due, as a TRUNCATE of a source does ({@code reasonSql}: the reason). */
    public Optional<String> markFullSql(String reasonSql) {
        return delta.map(d -> "INSERT INTO " + dev.specgen.model.Sql.qualified(schema(), d) + " ("
                + MaintenanceSql.FULL + ", " + MaintenanceSql.XID + ") SELECT " + reasonSql + ", pg_current_xact_id()");
    }

    /** Deferred: the fraction of the source's rows above which pending changes are recomputed in full. */
    public java.math.BigDecimal fullRefreshThreshold() {
        return view.view().fullRefreshThreshold().orElse(ViewPlanner.DEFAULT_THRESHOLD);
    }

    /** The relation the view's rows are stored in (the materialized view, or the store table). */
    public String dataRelation() {
        return store.orElse(relation);
    }
}
