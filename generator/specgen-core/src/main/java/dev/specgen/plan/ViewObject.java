package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.List;
import java.util.Objects;

/**
 * The plan records of materialized views, their maintenance and refresh: every one a statement (or a statement
 * inside a generated function, {@link Embedded}) rendered by a template of its own. Names and literals are quoted,
 * SQL fragments (select items, SET items, match conditions) are spelled by {@link MaintenanceSql}; templates only
 * place them.
 */
public sealed interface ViewObject extends SqlObject {

    /**
     * A statement that runs inside a generated function rather than on its own ({@code INSERT} into a delta table, the
     * refresh {@code MERGE}, ...). It is never applied by itself: the parse gate checks it, the function's template
     * places it.
     */
    sealed interface Embedded extends ViewObject permits CaptureDelta, MergeDelta, FullAggregate, FullRecompute,
            UpsertDelta, RecomputeExtremes, DeleteEmptyGroups {
    }

    /**
     * Drops a view whose definition changed (its comment lacks {@code marker}), and what depends on it, before the
     * statements below create it again: a DO block, re-runnable, that drops nothing when the definition is current.
     *
     * @param relationLiteral SQL literal naming the view for {@code to_regclass}
     * @param pattern         SQL literal for {@code LIKE}: the comment must end with the marker
     * @param drops           DROP statements, dependents first, each without its semicolon
     */
    record DropStaleView(String name, String relationLiteral, String pattern, List<String> drops, SourcePos origin)
            implements ViewObject {
        public DropStaleView {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(relationLiteral, "relationLiteral == null");
            Objects.requireNonNull(pattern, "pattern == null");
            drops = List.copyOf(drops);
            Objects.requireNonNull(origin, "origin == null");
        }

        public String tag() {
            return BodyTag.of(this);
        }

        public String describe() {
            return "stale-definition check of view " + name;
        }

        public String template() {
            return "drop_stale_view";
        }
    }

    /**
     * Stores {@code columns} of {@code table} out of line and uncompressed ({@code SET STORAGE EXTERNAL}): a DO block,
     * re-runnable, that alters nothing when they are so already. For the packed change rows of a delta table, whose
     * arrays PostgreSQL would otherwise compress on every captured statement.
     *
     * @param tableLiteral SQL literal naming the table for {@code ::regclass}
     * @param columnLiterals the columns as SQL literals, for the catalog check
     */
    record ColumnStorage(String table, String tableLiteral, List<String> columns, List<String> columnLiterals,
            String purpose, SourcePos origin) implements ViewObject {
        public ColumnStorage {
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(tableLiteral, "tableLiteral == null");
            columns = List.copyOf(columns);
            columnLiterals = List.copyOf(columnLiterals);
            Objects.requireNonNull(purpose, "purpose == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String tag() {
            return BodyTag.of(this);
        }

        public String describe() {
            return "column storage of " + table;
        }

        public String template() {
            return "column_storage";
        }
    }

    /** {@code CREATE MATERIALIZED VIEW IF NOT EXISTS name AS query WITH [NO] DATA}. */
    record CreateMaterializedView(String name, String query, boolean withData, SourcePos origin)
            implements ViewObject {
        public CreateMaterializedView {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(query, "query == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "materialized view " + name;
        }

        public String template() {
            return "create_materialized_view";
        }
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS name WITH (...) AS query WITH NO DATA}: a table whose column types PostgreSQL
     * derives from the query (the storage and delta tables of an incrementally kept view).
     */
    record CreateTableAs(String name, boolean unlogged, List<String> with, String query, String purpose,
            SourcePos origin) implements ViewObject {
        public CreateTableAs {
            Objects.requireNonNull(name, "name == null");
            with = List.copyOf(with);
            Objects.requireNonNull(query, "query == null");
            Objects.requireNonNull(purpose, "purpose == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean hasWith() {
            return !with.isEmpty();
        }

        public String describe() {
            return "table " + name;
        }

        public String template() {
            return "create_table_as";
        }
    }

    /**
     * {@code CREATE UNIQUE INDEX IF NOT EXISTS name ON table (columns) [NULLS NOT DISTINCT]}: a view's key (what
     * REFRESH ... CONCURRENTLY needs, and what an incrementally kept view is merged on). Group keys that may be NULL
     * form one group per NULL, as GROUP BY does: NULLS NOT DISTINCT (PostgreSQL 15+).
     */
    record CreateUniqueKey(String name, String table, List<String> columns, boolean nullsNotDistinct,
            SourcePos origin) implements ViewObject {
        public CreateUniqueKey {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(table, "table == null");
            columns = List.copyOf(columns);
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "unique index " + name;
        }

        public String template() {
            return "create_unique_key";
        }
    }

    /** {@code CREATE OR REPLACE VIEW name AS SELECT items FROM from}. */
    record CreateView(String name, List<String> items, String from, SourcePos origin) implements ViewObject {
        public CreateView {
            Objects.requireNonNull(name, "name == null");
            items = List.copyOf(items);
            Objects.requireNonNull(from, "from == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "view " + name;
        }

        public String template() {
            return "create_view";
        }
    }

    /**
     * {@code CREATE OR REPLACE TRIGGER name AFTER event ON table [REFERENCING ...] FOR EACH STATEMENT EXECUTE
     * FUNCTION function()}. {@code referencing} is empty or {@code REFERENCING NEW TABLE AS specgen_new ...}.
     */
    record CreateTrigger(String name, String table, String event, String referencing, String function,
            SourcePos origin) implements ViewObject {
        public CreateTrigger {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(event, "event == null");
            Objects.requireNonNull(referencing, "referencing == null");
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean hasReferencing() {
            return !referencing.isEmpty();
        }

        public String describe() {
            return "trigger " + name + " on " + table;
        }

        public String template() {
            return "create_trigger";
        }
    }

    /**
     * The statement-level trigger function that turns one statement's changes of {@code source} (its transition
     * tables) into changes of the view: pre-aggregated rows of its delta table (deferred) or the view's own rows
     * (immediate). One branch per event; TRUNCATE marks a full refresh (deferred) or recomputes (immediate).
     *
     * @param lockSql     statements run first (a dimension's capture locks the fact table), possibly empty
     * @param guardSql    what a view with joins does when the writer is not under READ COMMITTED (mark a full refresh,
     *                    or raise), empty without joins
     * @param truncateSql the TRUNCATE branch of a deferred view (mark a full refresh); an immediate one recomputes
     *                    ({@code recompute})
     */
    record CaptureFunction(String name, String source, boolean immediate, List<String> lockSql, String guardSql,
            String readStateSql, String overflowTest, String overflowSql, Branch insert, Branch update, Branch delete, String truncateSql,
            List<String> settings, SourcePos origin, java.util.Optional<FullRecompute> recompute)
            implements ViewObject {
        public CaptureFunction {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(source, "source == null");
            lockSql = List.copyOf(lockSql);
            Objects.requireNonNull(guardSql, "guardSql == null");
            Objects.requireNonNull(readStateSql, "readStateSql == null");
            Objects.requireNonNull(overflowTest, "overflowTest == null");
            Objects.requireNonNull(overflowSql, "overflowSql == null");
            Objects.requireNonNull(insert, "insert == null");
            Objects.requireNonNull(update, "update == null");
            Objects.requireNonNull(delete, "delete == null");
            Objects.requireNonNull(truncateSql, "truncateSql == null");
            settings = List.copyOf(settings);
            Objects.requireNonNull(origin, "origin == null");
            Objects.requireNonNull(recompute, "recompute == null");
        }

        @Override
        public List<Embedded> embedded() {
            List<Embedded> all = new java.util.ArrayList<>();
            for (Branch b : List.of(insert, update, delete)) {
                all.addAll(b.statements());
                b.perRow().ifPresent(all::add);
            }
            recompute.ifPresent(all::add);
            return all;
        }

        /** An immediate view recomputes in the truncating transaction. */
        public boolean hasRecompute() {
            return recompute.isPresent();
        }

        public FullRecompute fullRecompute() {
            return recompute.orElseThrow();
        }

        public boolean hasGuard() {
            return !guardSql.isEmpty();
        }

        /** Deferred: past the refresh's budget, a statement's changes are recorded as "recompute in full". */
        public boolean hasOverflow() {
            return !overflowTest.isEmpty();
        }

        /**
         * Deferred on the fact table: an insert or a delete reads the refresh state in its branch's probe, which
         * also chooses how the rows are captured; an update or a TRUNCATE reads it with {@code readStateSql}.
         */
        public boolean hasProbes() {
            return insert.isAdaptive() && delete.isAdaptive();
        }

        public String tag() {
            return BodyTag.of(this);
        }

        public String describe() {
            return "function " + name;
        }

        public String template() {
            return "capture_function";
        }
    }

    /**
     * What a capture function does for one event: its statements, in order. Deferred inserts and deletes on the fact
     * table may instead write the statement's rows as they are ({@code perRow}: packed into one delta row), when
     * {@code probeSql} (one query: the refresh state's limit, and whether the rows share groups) says that
     * pre-aggregating would not pay.
     */
    record Branch(List<Embedded> statements, java.util.Optional<Embedded> perRow, String probeSql) {
        public Branch {
            statements = List.copyOf(statements);
            Objects.requireNonNull(perRow, "perRow == null");
            Objects.requireNonNull(probeSql, "probeSql == null");
            if (perRow.isPresent() == probeSql.isEmpty()) {
                throw new IllegalArgumentException("a branch with a per-row form needs a probe, and only it");
            }
        }

        Branch(List<Embedded> statements) {
            this(statements, java.util.Optional.empty(), "");
        }

        public boolean isAdaptive() {
            return perRow.isPresent();
        }

        public Embedded perRowStatement() {
            return perRow.orElseThrow();
        }
    }

    /**
     * {@code INSERT INTO delta (...) SELECT ... FROM (changes) GROUP BY keys [HAVING changed]}: one statement's
     * changes, pre-aggregated per group.
     *
     * @param changes one {@code SELECT ... , sign AS specgen_sign FROM ...} per side (new rows +1, old rows -1)
     */
    record CaptureDelta(String delta, boolean perRow, List<String> columns, List<String> items, List<String> changes,
            List<String> groups, List<String> having, SourcePos origin) implements Embedded {
        public CaptureDelta {
            Objects.requireNonNull(delta, "delta == null");
            columns = List.copyOf(columns);
            items = List.copyOf(items);
            changes = List.copyOf(changes);
            groups = List.copyOf(groups);
            having = List.copyOf(having);
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean hasHaving() {
            return !having.isEmpty();
        }

        public String describe() {
            return "delta capture into " + delta;
        }

        public String template() {
            return "embedded/capture_delta";
        }
    }

    /**
     * The incremental refresh, one statement: the pending delta rows the refresh's snapshot {@code specgen_snap} saw
     * (and this transaction's own), summed per group, MERGEd into the view's table: delete groups whose count reaches
     * 0, add to the others (recomputing a MIN/MAX only where a deleted value could have been the extreme), insert new
     * groups. The refresh then deletes those delta rows (a statement of its own: reading the delta table once more
     * costs less than materializing a {@code DELETE ... RETURNING} of every row for the sort).
     *
     * <p>{@code perGroup}: the form for a delta known to hold one row per group (the refresh checked it): the rows
     * are merged as they are, without the sort and the per-group aggregate states of summing.
     *
     * <p>{@code addedSet} and {@code addedValues}: {@code set} and {@code insertValues} for a delta that removes no
     * value (the refresh checked it): a MIN/MAX is then the least/greatest of the kept one and the added ones, with
     * no recompute subquery, which PostgreSQL would plan on every refresh (once per partition of the fact table)
     * even where it never runs. Equal to {@code set} and {@code insertValues} for a view without MIN/MAX.
     */
    record MergeDelta(String delta, String rows, String packedCount, String store, List<String> sumItems,
            List<String> groups, String match, String emptyGroup, List<String> set, List<String> insertColumns,
            List<String> insertValues, String newGroup, List<String> addedSet, List<String> addedValues,
            boolean perGroup, boolean addedOnly, SourcePos origin) implements Embedded {
        public MergeDelta {
            Objects.requireNonNull(delta, "delta == null");
            Objects.requireNonNull(rows, "rows == null");
            Objects.requireNonNull(packedCount, "packedCount == null");
            Objects.requireNonNull(store, "store == null");
            sumItems = List.copyOf(sumItems);
            groups = List.copyOf(groups);
            Objects.requireNonNull(match, "match == null");
            Objects.requireNonNull(emptyGroup, "emptyGroup == null");
            set = List.copyOf(set);
            insertColumns = List.copyOf(insertColumns);
            insertValues = List.copyOf(insertValues);
            Objects.requireNonNull(newGroup, "newGroup == null");
            addedSet = List.copyOf(addedSet);
            addedValues = List.copyOf(addedValues);
            Objects.requireNonNull(origin, "origin == null");
        }

        /** This merge in its {@code perGroup} form. */
        public MergeDelta asPerGroup() {
            return new MergeDelta(delta, rows, packedCount, store, sumItems, groups, match, emptyGroup, set,
                    insertColumns, insertValues, newGroup, addedSet, addedValues, true, addedOnly, origin);
        }

        /** This merge for a delta that removes no value ({@code addedSet} and {@code addedValues}). */
        public MergeDelta asAddedOnly() {
            return new MergeDelta(delta, rows, packedCount, store, sumItems, groups, match, emptyGroup, set,
                    insertColumns, insertValues, newGroup, addedSet, addedValues, perGroup, true, origin);
        }

        /** Whether a delta that removes no value has a merge of its own ({@link #asAddedOnly}): MIN/MAX measures. */
        public boolean hasAddedOnly() {
            return !addedSet.equals(set) || !addedValues.equals(insertValues);
        }

        /** The UPDATE's assignments of this form. */
        public List<String> setItems() {
            return addedOnly ? addedSet : set;
        }

        /** The INSERT's values of this form. */
        public List<String> values() {
            return addedOnly ? addedValues : insertValues;
        }

        /** The pending delta rows this refresh applies: those its snapshot saw, and this transaction's own. */
        public String seen() {
            return "specgen_x." + MaintenanceSql.FULL + " IS NULL\n  AND (specgen_x." + MaintenanceSql.XID
                    + " = specgen_me OR pg_visible_in_snapshot(specgen_x." + MaintenanceSql.XID + ", specgen_snap))";
        }

        public String describe() {
            return "incremental merge into " + store + (perGroup ? " (one delta row per group)" : "")
                    + (addedOnly ? " (no value removed)" : "");
        }

        public String template() {
            return "embedded/merge_delta";
        }
    }

    /**
     * The full recompute, one statement: the view's query over the tables, compared with what the view holds; only
     * groups that differ are written (the comparison is the MERGE's own condition on the rows it joins: an anti-join
     * of the fresh rows against the view's table before the MERGE cost a third more). Deferred ({@code delta} set),
     * it reads {@code result}, the query's rows aggregated by {@link FullAggregate}, and the refresh empties the delta
     * of the changes they make moot; immediate ({@code delta} empty), it runs the query itself.
     */
    record FullRecompute(String delta, String result, String store, List<String> items, String from, String where,
            List<String> groupBy, List<String> groups, List<String> values, String matchGone, String match,
            List<String> set, List<String> columns, SourcePos origin) implements Embedded {
        public FullRecompute {
            Objects.requireNonNull(delta, "delta == null");
            Objects.requireNonNull(result, "result == null");
            Objects.requireNonNull(store, "store == null");
            items = List.copyOf(items);
            Objects.requireNonNull(from, "from == null");
            Objects.requireNonNull(where, "where == null");
            groupBy = List.copyOf(groupBy);
            groups = List.copyOf(groups);
            values = List.copyOf(values);
            Objects.requireNonNull(matchGone, "matchGone == null");
            Objects.requireNonNull(match, "match == null");
            set = List.copyOf(set);
            columns = List.copyOf(columns);
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean hasDelta() {
            return !delta.isEmpty();
        }

        public boolean hasWhere() {
            return !where.isEmpty();
        }

        public String describe() {
            return "full recompute of " + store;
        }

        public String template() {
            return "embedded/full_recompute";
        }

        public String sentinel() {
            return MaintenanceSql.SENTINEL;
        }

        public String snapshot() {
            return MaintenanceSql.SNAPSHOT;
        }
    }

    /**
     * {@code CREATE TEMP TABLE result ON COMMIT DROP AS} the view's query, plus one row holding the statement's
     * snapshot ({@code pg_current_snapshot()}): a statement of its own, so PostgreSQL may aggregate in parallel; the
     * {@link FullRecompute} after it merges the result and consumes exactly the delta rows this snapshot saw.
     */
    record FullAggregate(String result, List<String> items, String from, String where, List<String> groupBy,
            List<String> nulls, String snapshot, SourcePos origin) implements Embedded {
        public FullAggregate {
            Objects.requireNonNull(result, "result == null");
            items = List.copyOf(items);
            Objects.requireNonNull(from, "from == null");
            Objects.requireNonNull(where, "where == null");
            groupBy = List.copyOf(groupBy);
            nulls = List.copyOf(nulls);
            Objects.requireNonNull(snapshot, "snapshot == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean hasWhere() {
            return !where.isEmpty();
        }

        /** The name after {@code pg_temp.}: CREATE TEMP TABLE takes no schema. */
        public String bareResult() {
            return result.substring(result.indexOf('.') + 1);
        }

        public String describe() {
            return "full aggregate into " + result;
        }

        public String template() {
            return "embedded/full_aggregate";
        }
    }

    /**
     * Immediate maintenance: {@code INSERT INTO store SELECT ... FROM (changes per group) ORDER BY keys ON CONFLICT
     * (keys) DO UPDATE}: group rows are locked in key order (no deadlock between writers), and writers of different
     * groups never wait for each other.
     */
    record UpsertDelta(String store, List<String> columns, List<String> items, List<String> changes,
            List<String> groups, List<String> having, List<String> conflict, List<String> set, SourcePos origin)
            implements Embedded {
        public UpsertDelta {
            Objects.requireNonNull(store, "store == null");
            columns = List.copyOf(columns);
            items = List.copyOf(items);
            changes = List.copyOf(changes);
            groups = List.copyOf(groups);
            having = List.copyOf(having);
            conflict = List.copyOf(conflict);
            set = List.copyOf(set);
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean hasHaving() {
            return !having.isEmpty();
        }

        public String describe() {
            return "immediate upsert into " + store;
        }

        public String template() {
            return "embedded/upsert_delta";
        }
    }

    /** Immediate maintenance: recomputes MIN/MAX of the groups where a removed value was the extreme. */
    record RecomputeExtremes(String store, List<String> set, List<String> items, List<String> changes,
            List<String> groups, String match, String touched, SourcePos origin) implements Embedded {
        public RecomputeExtremes {
            Objects.requireNonNull(store, "store == null");
            set = List.copyOf(set);
            items = List.copyOf(items);
            changes = List.copyOf(changes);
            groups = List.copyOf(groups);
            Objects.requireNonNull(match, "match == null");
            Objects.requireNonNull(touched, "touched == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "min/max recompute in " + store;
        }

        public String template() {
            return "embedded/recompute_extremes";
        }
    }

    /** Immediate maintenance: deletes the groups a statement emptied (count 0). */
    record DeleteEmptyGroups(String store, List<String> items, List<String> changes, String match, SourcePos origin)
            implements Embedded {
        public DeleteEmptyGroups {
            Objects.requireNonNull(store, "store == null");
            items = List.copyOf(items);
            changes = List.copyOf(changes);
            Objects.requireNonNull(match, "match == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "empty-group delete in " + store;
        }

        public String template() {
            return "embedded/delete_empty_groups";
        }
    }

    /**
     * {@code refresh_<view>()} of a PostgreSQL materialized view: REFRESH [CONCURRENTLY] under an advisory lock
     * (wait or skip), logged, its state updated.
     */
    record RefreshMaterializedView(String function, String view, String viewName, boolean concurrently,
            boolean skipWhenBusy, String lockKey, String log, String state, String reason, List<String> settings,
            SourcePos origin) implements ViewObject {
        public RefreshMaterializedView {
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(view, "view == null");
            Objects.requireNonNull(viewName, "viewName == null");
            Objects.requireNonNull(lockKey, "lockKey == null");
            Objects.requireNonNull(log, "log == null");
            Objects.requireNonNull(state, "state == null");
            Objects.requireNonNull(reason, "reason == null");
            settings = List.copyOf(settings);
            Objects.requireNonNull(origin, "origin == null");
        }

        public String viewLiteral() {
            return Sql.literal(view);
        }

        public String tag() {
            return BodyTag.of(this);
        }

        public String describe() {
            return "function " + function;
        }

        public String template() {
            return "refresh_materialized_view";
        }
    }

    /**
     * The capture triggers a refresh puts on a source's leaf partitions that lack them (a partition attached after
     * install) and takes off tables that are no longer among them (a detached one): every name is an SQL literal
     * (for format's %I) except {@code function}, the qualified function name.
     */
    record CaptureSource(String tableLiteral, String function, String insertTrigger, String updateTrigger,
            String deleteTrigger, String truncateTrigger) {
        public CaptureSource {
            Objects.requireNonNull(tableLiteral, "tableLiteral == null");
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(insertTrigger, "insertTrigger == null");
            Objects.requireNonNull(updateTrigger, "updateTrigger == null");
            Objects.requireNonNull(deleteTrigger, "deleteTrigger == null");
            Objects.requireNonNull(truncateTrigger, "truncateTrigger == null");
        }

        public String functionLiteral() {
            return Sql.literal(function);
        }
    }

    /**
     * {@code refresh_<view>()} of an incrementally kept view: under an advisory lock, applies the pending delta in
     * one statement, or recomputes in full when that is cheaper or required (first refresh, TRUNCATE, partitions
     * attached or detached, more pending changes than {@code threshold} of the source's rows), and logs why. With
     * nothing pending it returns 0 and writes nothing. {@code merge} is empty for an immediate view: its refresh only
     * recomputes, on the first refresh and after partitions changed.
     *
     * @param partitionsSql a query yielding the leaf partitions of every source, as text, for the change check
     * @param sourceRowsSql a query estimating the fact table's rows (pg_class.reltuples of its leaves)
     * @param recomputeFilter a condition on a delta row: it will recompute a MIN/MAX ({@code false} without any)
     * @param removesFilter   a condition on a row {@code d} of the delta table as stored: it holds a value that left
     *                        a MIN/MAX ({@code false} without any); with none such the refresh merges without
     *                        recomputes ({@link MergeDelta#asAddedOnly})
     * @param extremes        how many MIN/MAX measures the view has
     * @param extremesIndexed a MIN/MAX recompute reads one group through an index (else it scans the table)
     */
    record RefreshKeptView(String function, String viewName, boolean immediate, boolean skipWhenBusy, String lockKey,
            String log, String state, String delta, String store, String threshold, String partitionsSql,
            String sourceRowsSql, String recomputeFilter, String removesFilter, int extremes,
            boolean extremesIndexed, List<CaptureSource> sources, java.util.Optional<MergeDelta> merge,
            java.util.Optional<FullAggregate> fullAggregate, FullRecompute full, List<String> settings,
            SourcePos origin) implements ViewObject {
        public RefreshKeptView {
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(viewName, "viewName == null");
            Objects.requireNonNull(lockKey, "lockKey == null");
            Objects.requireNonNull(log, "log == null");
            Objects.requireNonNull(state, "state == null");
            Objects.requireNonNull(delta, "delta == null");
            Objects.requireNonNull(store, "store == null");
            Objects.requireNonNull(threshold, "threshold == null");
            Objects.requireNonNull(partitionsSql, "partitionsSql == null");
            Objects.requireNonNull(sourceRowsSql, "sourceRowsSql == null");
            Objects.requireNonNull(recomputeFilter, "recomputeFilter == null");
            Objects.requireNonNull(removesFilter, "removesFilter == null");
            sources = List.copyOf(sources);
            Objects.requireNonNull(merge, "merge == null");
            Objects.requireNonNull(fullAggregate, "fullAggregate == null");
            Objects.requireNonNull(full, "full == null");
            settings = List.copyOf(settings);
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean hasMerge() {
            return merge.isPresent();
        }

        public String sentinel() {
            return MaintenanceSql.SENTINEL;
        }

        public String result() {
            return MaintenanceSql.FULL_RESULT;
        }

        public String snapshot() {
            return MaintenanceSql.SNAPSHOT;
        }

        /** See {@link #addedOnlyThreshold}. */
        private static final java.math.BigDecimal ADDED_ONLY_THRESHOLD = new java.math.BigDecimal("0.5");

        /** {@code threshold} as a percentage for messages: {@code 0.1} is {@code 10%}. */
        public String thresholdPercent() {
            return percent(new java.math.BigDecimal(threshold));
        }

        private static String percent(java.math.BigDecimal fraction) {
            return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        }

        public String thresholdLiteral() {
            return Sql.literal(thresholdPercent());
        }

        /**
         * The fraction of the source's rows up to which pending changes that only add rows are merged incrementally
         * when the threshold is lower: such a merge (no min/max recompute, the count read by statement) costs per
         * change row about what the full recompute costs per source row (measured at 50% new rows of 1M: 270 against
         * 490 ms of CPU), where a change that removes values costs several times more.
         */
        public String addedOnlyThreshold() {
            return ADDED_ONLY_THRESHOLD.toPlainString();
        }

        public String addedOnlyThresholdPercent() {
            return percent(ADDED_ONLY_THRESHOLD);
        }

        public String addedOnlyThresholdLiteral() {
            return Sql.literal(addedOnlyThresholdPercent());
        }

        public String storeLiteral() {
            return Sql.literal(store);
        }

        public MergeDelta mergeDelta() {
            return merge.orElseThrow();
        }

        public MergeDelta mergeRows() {
            return merge.orElseThrow().asPerGroup();
        }

        /** Whether a delta that removes no value is merged by statements of their own (the view has MIN/MAX). */
        public boolean hasAddedOnly() {
            return merge.orElseThrow().hasAddedOnly();
        }

        public MergeDelta mergeDeltaAdded() {
            return merge.orElseThrow().asAddedOnly();
        }

        public MergeDelta mergeRowsAdded() {
            return merge.orElseThrow().asPerGroup().asAddedOnly();
        }

        /** The pending change rows as the refresh reads them (packed rows unnested): {@link MergeDelta#rows}. */
        public String deltaRows() {
            return merge.orElseThrow().rows();
        }

        /** The change rows a delta row {@code d} stands for, without unnesting it: {@link MergeDelta#packedCount}. */
        public String packedCount() {
            return merge.orElseThrow().packedCount();
        }

        /** The view's group columns, comma-separated (the refresh's check for one delta row per group). */
        public String groupList() {
            return String.join(", ", merge.orElseThrow().groups());
        }

        public FullAggregate aggregate() {
            return fullAggregate.orElseThrow();
        }

        @Override
        public List<Embedded> embedded() {
            List<Embedded> all = new java.util.ArrayList<>();
            merge.ifPresent(all::add);
            merge.ifPresent(m -> all.add(m.asPerGroup()));
            merge.filter(MergeDelta::hasAddedOnly).ifPresent(m -> {
                all.add(m.asAddedOnly());
                all.add(m.asPerGroup().asAddedOnly());
            });
            fullAggregate.ifPresent(all::add);
            all.add(full);
            return all;
        }

        public String tag() {
            return BodyTag.of(this);
        }

        public String describe() {
            return "function " + function;
        }

        public String template() {
            return "refresh_kept_view";
        }
    }

    /** {@code refresh_<view>_if_stale()}: refreshes when the last refresh is older than {@code interval}. */
    record RefreshIfStale(String function, String refresh, String viewName, String state, String interval,
            SourcePos origin) implements ViewObject {
        public RefreshIfStale {
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(refresh, "refresh == null");
            Objects.requireNonNull(viewName, "viewName == null");
            Objects.requireNonNull(state, "state == null");
            Objects.requireNonNull(interval, "interval == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String tag() {
            return BodyTag.of(this);
        }

        public String describe() {
            return "function " + function;
        }

        public String template() {
            return "refresh_if_stale";
        }
    }

    /** {@code refresh_all()} of a schema: every view's refresh function, in dependency order. */
    record RefreshAll(String function, List<String> viewNames, List<String> refreshes, SourcePos origin)
            implements ViewObject {
        public RefreshAll {
            Objects.requireNonNull(function, "function == null");
            viewNames = List.copyOf(viewNames);
            refreshes = List.copyOf(refreshes);
            if (viewNames.size() != refreshes.size()) {
                throw new IllegalArgumentException("one refresh function per view");
            }
            Objects.requireNonNull(origin, "origin == null");
        }

        public String tag() {
            return BodyTag.of(this);
        }

        public String describe() {
            return "function " + function;
        }

        public String template() {
            return "refresh_all";
        }
    }

    /**
     * With pg_cron installed in the database, schedules {@code command} every {@code schedule} under
     * {@code job} (re-runnable: cron.schedule replaces a job of the same name); without it, does nothing.
     */
    record ScheduleRefresh(String job, String schedule, String command, SourcePos origin) implements ViewObject {
        public ScheduleRefresh {
            Objects.requireNonNull(job, "job == null");
            Objects.requireNonNull(schedule, "schedule == null");
            Objects.requireNonNull(command, "command == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String tag() {
            return BodyTag.of(this);
        }

        public String describe() {
            return "pg_cron schedule " + job;
        }

        public String template() {
            return "schedule_refresh";
        }
    }

    /** {@code SELECT function()}: fills an incrementally kept view when it is created (a no-op afterwards). */
    record PopulateView(String function, SourcePos origin) implements ViewObject {
        public PopulateView {
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "first refresh " + function;
        }

        public String template() {
            return "populate_view";
        }
    }
}
