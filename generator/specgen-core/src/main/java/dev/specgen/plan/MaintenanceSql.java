package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import dev.specgen.model.ViewQuery.Aggregate;
import dev.specgen.model.ViewQuery.JoinType;
import dev.specgen.plan.ViewObject.CaptureDelta;
import dev.specgen.plan.ViewObject.DeleteEmptyGroups;
import dev.specgen.plan.ViewObject.FullAggregate;
import dev.specgen.plan.ViewObject.FullRecompute;
import dev.specgen.plan.ViewObject.MergeDelta;
import dev.specgen.plan.ViewObject.RecomputeExtremes;
import dev.specgen.plan.ViewObject.UpsertDelta;
import dev.specgen.view.AggregateShape;
import dev.specgen.view.AggregateShape.DimJoin;
import dev.specgen.view.AggregateShape.GroupKey;
import dev.specgen.view.AggregateShape.Measure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQL fragments of an incrementally kept aggregate, spelled once from its {@link AggregateShape}: the columns of
 * its table and of its delta table, the select items that compute them from rows, and the items that combine them.
 *
 * <p>What is kept per group (besides the group keys): {@code specgen_count}, the rows of the group (a group whose
 * count reaches 0 is deleted); per measure, {@code count(x)}: the count; {@code sum(x)}: the sum and the count of
 * non-NULL values (the view shows NULL when it is 0); {@code avg(x)}: the same two, the view divides them as
 * avg() does; {@code min/max(x)}: the extreme. The delta table carries, per group and captured statement, the net
 * change of each, and for MIN/MAX the extreme of the values that came in and of those that went out: a group is only
 * recomputed when a value that went out could have been its extreme.
 *
 * <p>Sums are added NULL-safely ({@code coalesce(a + b, a, b)}), so any exact type works (integer, numeric, money,
 * interval) without a type-specific zero. Aliases of specgen's own ({@code specgen_t}, {@code specgen_d}, ...) never
 * clash with the spec's.
 */
final class MaintenanceSql {
    static final String T = "specgen_t";
    static final String D = "specgen_d";
    static final String NEW = "specgen_new";
    static final String OLD = "specgen_old";
    static final String COUNT = "specgen_count";
    static final String ROWS = "specgen_rows";
    static final String FULL = "specgen_full";
    static final String SIGN = "specgen_sign";
    /** The writing transaction of a delta row (pg_current_xact_id()): a full recompute consumes what it saw. */
    static final String XID = "specgen_xid";
    /**
     * {@code specgen_full} of the row that says the delta table was not reset: the table is unlogged (its writes cost
     * no WAL), so a crash or a failover empties it, this row with it, and the next refresh knows to recompute.
     */
    static final String SENTINEL = "'(specgen: no crash since the last full refresh)'";
    /** The temporary table a full recompute aggregates into, and its row that holds the snapshot it read. */
    static final String FULL_RESULT = "pg_temp.specgen_full_result";
    static final String SNAPSHOT = "specgen_snapshot";

    private final AggregateShape s;
    private final String store;
    private final String delta;

    MaintenanceSql(AggregateShape s, String store, String delta) {
        this.s = s;
        this.store = store;
        this.delta = delta;
    }

    // ---- names ----------------------------------------------------------------------------------------------------

    private static String q(String name) {
        return Sql.ident(name);
    }

    /** A hidden column of measure {@code m}: {@code specgen_<m>_<what>}, or by position when that is too long. */
    private String hidden(Measure m, String what) {
        String n = "specgen_" + m.name() + "_" + what;
        return q(Sql.byteLength(n) <= Sql.MAX_IDENT_BYTES ? n : "specgen_m" + (s.measures().indexOf(m) + 1) + "_"
                + what);
    }

    /** The alias of measure {@code m}'s argument in change rows. */
    private String arg(Measure m) {
        return "specgen_a" + (s.measures().indexOf(m) + 1);
    }

    List<String> groupNames() {
        return s.groups().stream().map(g -> q(g.name())).toList();
    }

    private String sumCol(Measure m) {
        return m.function() == Aggregate.AVG ? hidden(m, "sum") : q(m.name());
    }

    /** The kept value columns after the group keys, in order. */
    List<String> valueColumns() {
        List<String> out = new ArrayList<>(List.of(COUNT));
        for (Measure m : s.measures()) {
            switch (m.function()) {
                case COUNT -> m.argument().ifPresent(a -> out.add(q(m.name())));
                case SUM, AVG -> {
                    out.add(sumCol(m));
                    out.add(hidden(m, "n"));
                }
                case MIN, MAX -> out.add(q(m.name()));
            }
        }
        return out;
    }

    List<String> storeColumns() {
        List<String> out = new ArrayList<>(groupNames());
        out.addAll(valueColumns());
        return out;
    }

    private List<String> deltaValueColumns() {
        List<String> out = new ArrayList<>(List.of(ROWS, COUNT));
        for (Measure m : s.measures()) {
            switch (m.function()) {
                case COUNT -> m.argument().ifPresent(a -> out.add(q(m.name())));
                case SUM, AVG -> {
                    out.add(sumCol(m));
                    out.add(hidden(m, "n"));
                }
                case MIN, MAX -> {
                    out.add(hidden(m, "ins"));
                    out.add(hidden(m, "del"));
                }
            }
        }
        return out;
    }

    List<String> deltaColumns() {
        List<String> out = new ArrayList<>(groupNames());
        out.addAll(deltaValueColumns());
        out.add(FULL);
        out.add(XID);
        return out;
    }

    // ---- the view's query ----------------------------------------------------------------------------------------

    private String fact() {
        return Sql.qualified(s.fact().entity().schema(), s.fact().entity().table());
    }

    /** {@code <relation> AS fact} and the joins, each on its own line. */
    String from(String factRelation) {
        return from(factRelation, Optional.empty(), "");
    }

    /**
     * As {@link #from(String)}, with join {@code replaced} reading {@code relation} (a transition table) instead of
     * its table; an empty {@code relation} joins nothing ({@code LEFT JOIN table ON false}: NULL dimension columns).
     */
    private String from(String factRelation, Optional<DimJoin> replaced, String relation) {
        StringBuilder b = new StringBuilder(factRelation).append(" AS ").append(q(s.fact().alias()));
        for (DimJoin j : s.joins()) {
            String table = Sql.qualified(j.entity().schema(), j.entity().table());
            String on = q(j.alias()) + "." + q(j.key()) + " = " + q(s.fact().alias()) + "." + q(j.column());
            String line;
            if (replaced.isPresent() && replaced.get() == j && relation.isEmpty()) {
                line = JoinType.LEFT.sql() + " " + table + " AS " + q(j.alias()) + " ON false";
            } else if (replaced.isPresent() && replaced.get() == j) {
                line = j.type().sql() + " " + relation + " AS " + q(j.alias()) + " ON " + on;
            } else {
                line = j.type().sql() + " " + table + " AS " + q(j.alias()) + " ON " + on;
            }
            b.append('\n').append(line);
        }
        return b.toString();
    }

    /** {@code sql AS name}, or just the name when the key is that column. */
    private static String as(GroupKey g) {
        return g.sql().equals(q(g.name())) ? g.sql() : g.sql() + " AS " + q(g.name());
    }

    private String whereSql() {
        return s.where().map(w -> "(" + w + ")").orElse("");
    }

    List<String> groupBySql() {
        return s.groups().stream().map(GroupKey::sql).toList();
    }

    /** The items that compute the kept columns from rows of the view's query. */
    List<String> storeItems() {
        List<String> out = new ArrayList<>();
        for (GroupKey g : s.groups()) {
            out.add(as(g));
        }
        out.add("count(*) AS " + COUNT);
        for (Measure m : s.measures()) {
            String x = m.argument().orElse("*");
            switch (m.function()) {
                case COUNT -> m.argument().ifPresent(a -> out.add(countOf(m) + " AS " + q(m.name())));
                case SUM, AVG -> {
                    out.add("sum(" + x + ") AS " + sumCol(m));
                    out.add(countOf(m) + " AS " + hidden(m, "n"));
                }
                case MIN, MAX -> out.add(m.function().sql() + "(" + x + ") AS " + q(m.name()));
            }
        }
        return out;
    }

    /**
     * {@code count(x)} of a measure's argument; {@code count(*)} when it is never NULL: the same number, and an
     * aggregate the row count already computes (PostgreSQL shares one state between equal aggregates).
     */
    private static String countOf(Measure m) {
        return m.nullable() ? "count(" + m.argument().orElse("*") + ")" : "count(*)";
    }

    /** The query the kept table is created from (its column types are PostgreSQL's own for these expressions). */
    String storeQuery() {
        return select(storeItems(), from(fact()), whereSql(), groupBySql());
    }

    /** The query the delta table is created from. */
    String deltaQuery() {
        List<String> items = new ArrayList<>();
        for (GroupKey g : s.groups()) {
            // a domain's base type: the marker rows (a full refresh's, capture's "recompute") hold NULL keys
            items.add(g.baseType().map(t -> g.sql() + "::" + t + " AS " + q(g.name())).orElse(as(g)));
        }
        items.add("0::bigint AS " + ROWS);
        items.add("count(*) AS " + COUNT);
        for (Measure m : s.measures()) {
            String x = m.argument().orElse("*");
            switch (m.function()) {
                case COUNT -> m.argument().ifPresent(a -> items.add(countOf(m) + " AS " + q(m.name())));
                case SUM, AVG -> {
                    items.add("sum(" + x + ") AS " + sumCol(m));
                    items.add(countOf(m) + " AS " + hidden(m, "n"));
                }
                case MIN, MAX -> {
                    items.add(m.function().sql() + "(" + x + ") AS " + hidden(m, "ins"));
                    items.add(m.function().sql() + "(" + x + ") AS " + hidden(m, "del"));
                }
            }
        }
        items.add("NULL::text AS " + FULL);
        items.add("pg_current_xact_id() AS " + XID);
        List<String> packed = packedSql();
        for (int i = 0; i < packed.size(); i++) {
            items.add("array_agg(" + packed.get(i) + ") AS " + packedColumn(i));
        }
        return select(items, from(fact()), whereSql(), groupBySql());
    }

    // ---- the packed form: one delta row of arrays per statement ----------------------------------------------------

    /**
     * The distinct values a change row carries, in the order of the packed columns: the group keys, then each
     * measure argument once (the same argument of several measures is packed once).
     */
    private List<String> packedSql() {
        List<String> out = new ArrayList<>(s.groups().stream().map(GroupKey::sql).toList());
        out.addAll(distinctArgs());
        return out;
    }

    /** The change-row column each packed column holds: {@code specgen_change}'s key names and argument aliases. */
    private List<String> packedSources() {
        List<String> out = new ArrayList<>(groupNames());
        for (String a : distinctArgs()) {
            out.add(arg(s.measures().stream().filter(m -> m.argument().equals(Optional.of(a))).findFirst()
                    .orElseThrow()));
        }
        return out;
    }

    /** The measures' arguments, each once, in the order of the measures. */
    private List<String> distinctArgs() {
        List<String> out = new ArrayList<>();
        for (Measure m : s.measures()) {
            m.argument().filter(a -> !out.contains(a)).ifPresent(out::add);
        }
        return out;
    }

    /** Whether a change row carries any value (a group key or an argument): what the packed form is made of. */
    boolean packs() {
        return !packedSql().isEmpty();
    }

    /** The packed column at {@code i}: an array of one value of every change row of a statement. */
    static String packedColumn(int i) {
        return "specgen_p" + (i + 1);
    }

    /** The packed columns of the delta table (stored out of line, uncompressed: see {@link #capturePacked}). */
    List<String> packedColumns() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < packedSql().size(); i++) {
            out.add(packedColumn(i));
        }
        return out;
    }

    /**
     * A statement's change rows as one delta row: {@code specgen_rows} the number of rows, {@code specgen_count}
     * that number signed (+ inserted, - deleted; a packed row has one sign), and per packed column the array of the
     * rows' values. One heap row (its arrays stored out of line, uncompressed) instead of one per change row: a
     * 10,000-row statement whose rows fall into as many groups cost 7-9 ms of CPU per row form, ~1 ms packed
     * (PostgreSQL 17; compressing the arrays cost 3.5 ms more). Nothing for a statement without rows. The refresh
     * reads it back as the rows {@link #captureRows} would have written ({@link #deltaRows}).
     */
    CaptureDelta capturePacked(List<String> changes, int sign, SourcePos pos) {
        List<String> columns = new ArrayList<>(List.of(ROWS, COUNT));
        columns.addAll(packedColumns());
        columns.add(XID);
        List<String> items = new ArrayList<>(List.of("count(*)", signSum(sign)));
        packedSources().forEach(c -> items.add("array_agg(" + c + ")"));
        items.add("pg_current_xact_id()");
        return new CaptureDelta(delta, true, columns, items, changes, List.of(), List.of("count(*) > 0"), pos);
    }

    /**
     * How many change rows the delta row {@code d} stands for, read without unnesting its arrays: a packed row its
     * statement's {@code specgen_rows}, any other row one. Empty when the view does not pack (every row is one).
     */
    String packedCount() {
        if (!packs()) {
            return "";
        }
        return "CASE WHEN d." + packedColumn(0) + " IS NULL THEN 1 ELSE d." + ROWS + " END";
    }

    /**
     * The pending change rows of the delta table, as the refresh reads them: its rows as they are, and each packed
     * row unnested into the rows {@link #captureRows} writes (sign from {@code specgen_count}), with the columns of
     * {@link #deltaColumns}. The one place that reads the packed form: every read of change rows goes through it
     * (a filter on {@code specgen_full} or {@code specgen_xid} applies to both branches).
     */
    String deltaRows() {
        if (!packs()) {
            return delta;
        }
        List<String> packed = packedColumns();
        List<String> sources = packedSources();
        String first = packed.get(0);
        StringBuilder b = new StringBuilder("(SELECT ").append(String.join(", ", deltaColumns())).append("\n   FROM ")
                .append(delta).append("\n  WHERE ").append(first).append(" IS NULL");
        // unnest() in the select list (ProjectSet: the arrays in step, value by value); in FROM each unnest()
        // materializes its array first: 10,000 packed rows read in 2.3 ms against 12 to 17 ms (and 2.7 to 3.5 ms
        // for 10,000 rows of the per-row form)
        List<String> unnest = new ArrayList<>();
        for (int i = 0; i < packed.size(); i++) {
            unnest.add("unnest(" + packed.get(i) + ") AS " + sources.get(i));
        }
        unnest.add(XID);
        // measures sharing an argument read its one packed column
        List<String> change = new ArrayList<>(sources);
        for (Measure m : s.measures()) {
            m.argument().filter(a -> !sources.contains(arg(m))).ifPresent(a -> change.add(
                    sources.get(s.groups().size() + distinctArgs().indexOf(a)) + " AS " + arg(m)));
        }
        change.add(XID);
        for (int sign : new int[] {1, -1}) {
            List<String> items = new ArrayList<>(rowItems(sign));
            items.add("NULL");
            items.add(XID);
            b.append("\n UNION ALL\n SELECT ").append(String.join(", ", items)).append("\n   FROM (SELECT ")
                    .append(String.join(", ", change)).append("\n           FROM (SELECT ")
                    .append(String.join(", ", unnest)).append("\n                   FROM ").append(delta)
                    .append("\n                  WHERE ").append(first).append(" IS NOT NULL AND ").append(COUNT)
                    .append(sign > 0 ? " > 0" : " < 0").append(") AS specgen_u) AS specgen_change");
        }
        return b.append(')').toString();
    }


    private static String select(List<String> items, String from, String where, List<String> groupBy) {
        StringBuilder b = new StringBuilder("SELECT\n");
        b.append(items.stream().map(i -> "    " + i).collect(Collectors.joining(",\n"))).append('\n');
        b.append("FROM ").append(from);
        if (!where.isEmpty()) {
            b.append("\nWHERE ").append(where);
        }
        if (!groupBy.isEmpty()) {
            b.append("\nGROUP BY ").append(String.join(", ", groupBy));
        }
        return b.toString();
    }

    /** The view users read: the kept columns, sums shown NULL over no values, averages divided as avg() does. */
    List<String> viewItems() {
        List<String> out = new ArrayList<>();
        for (String c : s.columns()) {
            Optional<GroupKey> g = s.groups().stream().filter(x -> x.name().equals(c)).findFirst();
            if (g.isPresent()) {
                out.add(q(c));
                continue;
            }
            Measure m = s.measures().stream().filter(x -> x.name().equals(c)).findFirst().orElseThrow();
            switch (m.function()) {
                case COUNT -> out.add(m.argument().isPresent() ? q(m.name()) : COUNT + " AS " + q(m.name()));
                case SUM -> out.add("CASE WHEN " + hidden(m, "n") + " > 0 THEN " + q(m.name()) + " END AS "
                        + q(m.name()));
                case AVG -> out.add("CASE WHEN " + hidden(m, "n") + " > 0 THEN " + sumCol(m) + " / " + hidden(m, "n")
                        + "::numeric END AS " + q(m.name()));
                case MIN, MAX -> out.add(q(m.name()));
            }
        }
        return out;
    }

    // ---- matching groups -----------------------------------------------------------------------------------------

    /**
     * Rows {@code a} and {@code b} are of the same group. With a group key that may be NULL (GROUP BY puts NULLs in
     * one group), keys are compared with IS NOT DISTINCT FROM, behind a hash of the key that PostgreSQL can join on
     * (hash_record_extended, PostgreSQL 14+); with NOT NULL keys, plain equality.
     */
    String match(String a, String b) {
        if (!s.anyNullableGroup()) {
            return s.groups().stream().map(g -> a + "." + q(g.name()) + " = " + b + "." + q(g.name()))
                    .collect(Collectors.joining(" AND "));
        }
        List<String> parts = new ArrayList<>();
        parts.add(hash(a) + " = " + hash(b));
        for (GroupKey g : s.groups()) {
            parts.add(a + "." + q(g.name()) + (g.nullable() ? " IS NOT DISTINCT FROM " : " = ") + b + "."
                    + q(g.name()));
        }
        return String.join(" AND ", parts);
    }

    private String hash(String alias) {
        return "hash_record_extended(ROW(" + s.groups().stream().map(g -> alias + "." + q(g.name()))
                .collect(Collectors.joining(", ")) + "), 0)";
    }

    /** The rows of the fact (and its joins) of the group of row {@code x}: index-friendly also for NULL keys. */
    private String groupOf(String x) {
        List<String> parts = new ArrayList<>();
        for (GroupKey g : s.groups()) {
            String col = x + "." + q(g.name());
            parts.add(g.nullable() ? "(" + g.sql() + " = " + col + " OR " + g.sql() + " IS NULL AND " + col
                    + " IS NULL)" : g.sql() + " = " + col);
        }
        s.where().ifPresent(w -> parts.add("(" + w + ")"));
        return String.join("\n          AND ", parts);
    }

    /** {@code (SELECT min(x) FROM fact ... WHERE <group of row>)}: the extreme of a group, from the tables. */
    private String recompute(Measure m, String x) {
        return "(SELECT " + m.function().sql() + "(" + m.argument().orElseThrow() + ")\n        FROM "
                + from(fact()).replace("\n", "\n        ") + "\n        WHERE " + groupOf(x) + ")";
    }

    // ---- capture: one statement's changes ------------------------------------------------------------------------

    /** A SELECT of change rows: group keys, measure arguments and the sign, from {@code from}. */
    private String change(String from, int sign, String keyFilter) {
        List<String> items = new ArrayList<>();
        for (GroupKey g : s.groups()) {
            items.add(as(g));
        }
        for (Measure m : s.measures()) {
            m.argument().ifPresent(a -> items.add(a + " AS " + arg(m)));
        }
        items.add(sign + " AS " + SIGN);
        List<String> where = new ArrayList<>();
        if (!keyFilter.isEmpty()) {
            where.add(keyFilter);
        }
        s.where().ifPresent(w -> where.add("(" + w + ")"));
        return "SELECT " + String.join(", ", items) + "\n  FROM " + from.replace("\n", "\n  ")
                + (where.isEmpty() ? "" : "\n WHERE " + String.join(" AND ", where));
    }

    /** Change rows of a statement on the fact table: new rows count +1, old rows -1. */
    List<String> factChanges(boolean news, boolean olds) {
        List<String> out = new ArrayList<>();
        if (news) {
            out.add(change(from(NEW), 1, ""));
        }
        if (olds) {
            out.add(change(from(OLD), -1, ""));
        }
        return out;
    }

    /**
     * Change rows of a statement on dimension {@code j}: the fact rows of the changed keys, joined to the old
     * dimension rows (-1) and to the new ones (+1). For a LEFT join the fact rows of a key without a dimension row
     * count too (with NULL dimension columns), so both sides read the fact rows of every changed key.
     */
    List<String> dimChanges(DimJoin j, boolean news, boolean olds) {
        String fact = fact();
        String col = q(s.fact().alias()) + "." + q(j.column());
        List<String> out = new ArrayList<>();
        if (j.type() == JoinType.INNER) {
            if (olds) {
                out.add(change(from(fact, Optional.of(j), OLD), -1, ""));
            }
            if (news) {
                out.add(change(from(fact, Optional.of(j), NEW), 1, ""));
            }
            return out;
        }
        List<String> keys = new ArrayList<>();
        if (olds) {
            keys.add("SELECT " + q(j.key()) + " FROM " + OLD);
        }
        if (news) {
            keys.add("SELECT " + q(j.key()) + " FROM " + NEW);
        }
        String filter = col + " IN (" + String.join(" UNION ", keys) + ")";
        out.add(change(from(fact, Optional.of(j), olds ? OLD : ""), -1, filter));
        out.add(change(from(fact, Optional.of(j), news ? NEW : ""), 1, filter));
        return out;
    }

    /**
     * Items over change rows: per group, the net change of each kept column and the extremes in and out. With a
     * known {@code sign} (see {@link #times}) the sign is folded into the items.
     */
    private List<String> deltaItems(int sign) {
        List<String> out = new ArrayList<>(groupNames());
        out.add("count(*)");
        out.add(signSum(sign));
        for (Measure m : s.measures()) {
            String a = arg(m);
            String nonNull = m.nullable() ? "sum(CASE WHEN " + a + " IS NULL THEN 0 ELSE " + signOf(sign) + " END)"
                    : signSum(sign);
            switch (m.function()) {
                case COUNT -> m.argument().ifPresent(x -> out.add(nonNull));
                case SUM, AVG -> {
                    out.add("sum(" + times(sign, a) + ")");
                    out.add(nonNull);
                }
                case MIN, MAX -> {
                    out.add(extreme(m, a, 1, sign));
                    out.add(extreme(m, a, -1, sign));
                }
            }
        }
        return out;
    }

    /**
     * The sign every change row of a branch has when it is known: +1 for the rows a statement inserts into the fact
     * table, -1 for those it deletes; 0 for a mix (updates, and any write to a dimension). A known sign is folded
     * into the items: {@code sum(amount)} instead of {@code sum(specgen_sign * amount)}, which spares a multiplication
     * (for numeric, also a conversion of the sign) per change row; a 10,000-row per-row capture measured about a fifth
     * cheaper that way on PostgreSQL 15.
     */
    static final int MIXED = 0;

    /** {@code a} times the sign: {@code a}, {@code -a}, or {@code specgen_sign * a}. */
    private static String times(int sign, String a) {
        return sign == 1 ? a : sign == -1 ? "-" + a : SIGN + " * " + a;
    }

    /** The sum of the signs of a group's change rows. */
    private static String signSum(int sign) {
        return sign == 1 ? "count(*)" : sign == -1 ? "-count(*)" : "sum(" + SIGN + ")";
    }

    /** The sign of one change row. */
    private static String signOf(int sign) {
        return sign == MIXED ? SIGN : Integer.toString(sign);
    }

    /** MIN/MAX over the change rows of side {@code side} (+1 incoming, -1 outgoing); NULL where there are none. */
    private static String extreme(Measure m, String a, int side, int sign) {
        String all = m.function().sql() + "(" + a + ")";
        return sign == side ? all : sign == -side ? "NULL" : all + " FILTER (WHERE " + SIGN + (side > 0 ? " > 0)"
                : " < 0)");
    }

    /**
     * A group is written only if the statement changed it: an UPDATE that leaves the group keys, the measured
     * values and the filter's outcome as they were produces nothing.
     */
    private List<String> changed() {
        List<String> out = new ArrayList<>(List.of("sum(" + SIGN + ") <> 0"));
        for (Measure m : s.measures()) {
            String a = arg(m);
            String nonNull = "sum(CASE WHEN " + a + " IS NULL THEN 0 ELSE " + SIGN + " END) <> 0";
            switch (m.function()) {
                case COUNT -> m.argument().ifPresent(x -> out.add(nonNull));
                case SUM, AVG -> {
                    out.add("sum(" + SIGN + " * " + a + ") <> 0");
                    out.add(nonNull);
                }
                case MIN, MAX -> out.add(m.function().sql() + "(" + a + ") FILTER (WHERE " + SIGN + " > 0)"
                        + " IS DISTINCT FROM " + m.function().sql() + "(" + a + ") FILTER (WHERE " + SIGN + " < 0)");
            }
        }
        return out;
    }

    CaptureDelta captureDelta(List<String> changes, boolean onlyInserts, int sign, SourcePos pos) {
        List<String> items = new ArrayList<>(deltaItems(sign));
        items.add("pg_current_xact_id()");
        // with one known sign every group's row count changes, so no group can be left as it was
        return new CaptureDelta(delta, false, captureColumns(), items, changes, groupNames(), onlyInserts
                || sign != MIXED ? List.of() : changed(), pos);
    }

    private List<String> captureColumns() {
        List<String> columns = new ArrayList<>(groupNames());
        columns.addAll(deltaValueColumns());
        columns.add(XID);
        return columns;
    }

    /** The distinct groups among the first 100 change rows of {@code change} (one side of a statement). */
    String sampleGroups(String change) {
        return "SELECT count(*) FROM (SELECT DISTINCT " + String.join(", ", groupNames()) + " FROM (" + change
                + "\n LIMIT 100) AS specgen_sample) AS specgen_distinct";
    }

    /**
     * One query per captured insert or delete on the fact table: the view's {@link #LIMIT} from the refresh state and
     * {@link #GROUPED}, whether the statement's rows (of {@code table}, a transition table) share groups enough for
     * one delta row per group to pay: 16 rows or more, and 1.6 rows or more per group of the view (or its group count
     * unknown), or at most 6 groups per 10 among its first 100 rows ({@code change}, the side's change rows). The
     * sample is an InitPlan inside the CASE, so it runs only when the count leaves the choice open. It reads no
     * PL/pgSQL variable: a session plans it once.
     */
    String probe(String state, String viewLiteral, String table, String change) {
        return "SELECT specgen_s.capture_limit,\n       CASE WHEN specgen_c.specgen_n < 16 THEN false\n"
                + "            WHEN specgen_s.groups IS NULL OR specgen_c.specgen_n >= 1.6 * specgen_s.groups THEN true\n"
                + "            ELSE (" + sampleGroups(change).replace("\n", "\n                  ")
                + ") <= 0.6 * least(specgen_c.specgen_n, 100) END\n  INTO " + LIMIT + ", " + GROUPED
                + "\n  FROM (SELECT count(*) AS specgen_n FROM " + table + ") AS specgen_c\n  LEFT JOIN " + state
                + " AS specgen_s ON specgen_s.view_name = " + viewLiteral;
    }

    /**
     * The same changes as {@link #captureDelta}, one delta row per change row (no aggregation): what the refresh
     * sums per group either way. Cheaper than aggregating when the rows of a statement fall into as many groups.
     */
    CaptureDelta captureRows(List<String> changes, int sign, SourcePos pos) {
        List<String> items = new ArrayList<>(rowItems(sign));
        items.add("pg_current_xact_id()");
        return new CaptureDelta(delta, true, captureColumns(), items, changes, List.of(), List.of(), pos);
    }

    /** The delta columns of one change row of a known sign (or {@link #MIXED}), up to {@code specgen_xid}. */
    private List<String> rowItems(int sign) {
        List<String> items = new ArrayList<>(groupNames());
        items.add("1");
        items.add(signOf(sign));
        for (Measure m : s.measures()) {
            String a = arg(m);
            String nonNull = m.nullable() || sign == MIXED ? "CASE WHEN " + a + " IS NULL THEN 0 ELSE "
                    + signOf(sign) + " END" : signOf(sign);
            switch (m.function()) {
                case COUNT -> m.argument().ifPresent(x -> items.add(nonNull));
                case SUM, AVG -> {
                    items.add(times(sign, a));
                    items.add(nonNull);
                }
                case MIN, MAX -> {
                    items.add(sign == 1 ? a : sign == -1 ? "NULL" : "CASE WHEN " + SIGN + " > 0 THEN " + a + " END");
                    items.add(sign == -1 ? a : sign == 1 ? "NULL" : "CASE WHEN " + SIGN + " < 0 THEN " + a + " END");
                }
            }
        }
        return items;
    }

    /**
     * Deferred: the delta table holds more rows than the state's capture_limit ({@link #LIMIT}; the refresh's budget:
     * more pending change rows than that and it recomputes in full). The row count is pg_stat's committed rows plus
     * what this transaction added: approximate (up to a second behind) and cheap; an error either way costs time,
     * never correctness, since a statement either records its changes or that the next refresh must recompute.
     * <p>This transaction's share is {@code pg_stat_get_xact_tuples_inserted - _deleted} minus its value at the
     * transaction's first capture, kept in a transaction-local setting ({@link #baseSetting}): the xact counters also
     * hold this backend's earlier transactions until their statistics are flushed (up to a second later), aborted
     * ones too, so without the baseline a connection that just rolled back 20,000 inserts counted them as pending.
     * {@code coalesce} evaluates the {@code set_config} only when the setting is unset (the first capture).
     */
    String overflowTest() {
        String rel = Sql.literal(delta) + "::regclass";
        String own = "(pg_stat_get_xact_tuples_inserted(" + rel + ") - pg_stat_get_xact_tuples_deleted(" + rel + "))";
        String base = Sql.literal(baseSetting());
        return "pg_stat_get_live_tuples(" + rel + ") + " + own + "\n           - coalesce(nullif(current_setting("
                + base + ", true), '')::bigint, set_config(" + base + ", " + own + "::text, true)::bigint) > "
                + LIMIT;
    }

    /** The transaction-local setting holding this transaction's baseline of the delta table's xact counters. */
    String baseSetting() {
        return "specgen.capture_" + ViewPlanner.hash(delta);
    }

    /** The capture function's copy of the state's capture_limit, read once per statement. */
    static final String LIMIT = "specgen_limit";
    /** The capture function's choice for an insert or a delete: one delta row per group (or the rows packed). */
    static final String GROUPED = "specgen_grouped";

    /** Reads {@link #LIMIT} from the view's row of the refresh state (an update or a TRUNCATE: no choice to make). */
    static String readState(String state, String viewLiteral) {
        return "SELECT s.capture_limit INTO " + LIMIT + " FROM " + state + " AS s WHERE s.view_name = " + viewLiteral;
    }

    /** The truncate marker (deferred): the next refresh recomputes in full. */
    String fullMarker(String reasonSql) {
        return "INSERT INTO " + delta + " (" + FULL + ", " + XID + ") VALUES (" + reasonSql
                + ", pg_current_xact_id())";
    }

    // ---- deferred: the refresh ------------------------------------------------------------------------------------

    MergeDelta merge(SourcePos pos) {
        // each distinct sum is one transition state per delta row, and they are most of the merge's CPU: the value
        // count of an argument that is never NULL is the row count, and a SUM and an AVG of the same argument hold
        // the same sums (capture writes the same values into both columns), so PostgreSQL computes those once
        List<String> sums = new ArrayList<>(groupNames());
        sums.add("sum(" + COUNT + ") AS " + COUNT);
        Map<String, String> sumOf = new HashMap<>();
        for (Measure m : s.measures()) {
            switch (m.function()) {
                case COUNT -> m.argument().ifPresent(x -> sums.add("sum(" + (m.nullable() ? q(m.name()) : COUNT)
                        + ") AS " + q(m.name())));
                case SUM, AVG -> {
                    String first = sumOf.computeIfAbsent(m.argument().orElseThrow(), x -> sumCol(m));
                    sums.add("sum(" + first + ") AS " + sumCol(m));
                    sums.add("sum(" + (m.nullable() ? hidden(m, "n") : COUNT) + ") AS " + hidden(m, "n"));
                }
                case MIN, MAX -> {
                    sums.add(m.function().sql() + "(" + hidden(m, "ins") + ") AS " + hidden(m, "ins"));
                    sums.add(m.function().sql() + "(" + hidden(m, "del") + ") AS " + hidden(m, "del"));
                }
            }
        }
        List<String> set = new ArrayList<>(List.of(COUNT + " = " + T + "." + COUNT + " + " + D + "." + COUNT));
        List<String> values = new ArrayList<>();
        s.groups().forEach(g -> values.add(D + "." + q(g.name())));
        values.add(D + "." + COUNT);
        // the same with no value removed: a MIN/MAX is the least/greatest of the kept one and the added ones
        List<String> addedSet = new ArrayList<>(set);
        List<String> addedValues = new ArrayList<>(values);
        for (Measure m : s.measures()) {
            switch (m.function()) {
                case COUNT -> m.argument().ifPresent(x -> {
                    set.add(q(m.name()) + " = " + T + "." + q(m.name()) + " + " + D + "." + q(m.name()));
                    values.add(D + "." + q(m.name()));
                    addedSet.add(set.get(set.size() - 1));
                    addedValues.add(values.get(values.size() - 1));
                });
                case SUM, AVG -> {
                    String c = sumCol(m);
                    String n = hidden(m, "n");
                    set.add(c + " = coalesce(" + T + "." + c + " + " + D + "." + c + ", " + T + "." + c + ", " + D
                            + "." + c + ")");
                    set.add(n + " = " + T + "." + n + " + " + D + "." + n);
                    values.add(D + "." + c);
                    values.add(D + "." + n);
                    addedSet.addAll(set.subList(set.size() - 2, set.size()));
                    addedValues.addAll(values.subList(values.size() - 2, values.size()));
                }
                case MIN, MAX -> {
                    String c = q(m.name());
                    String cmp = m.function() == Aggregate.MIN ? " <= " : " >= ";
                    String pick = m.function() == Aggregate.MIN ? "least" : "greatest";
                    String kept = pick + "(" + T + "." + c + ", " + D + "." + hidden(m, "ins") + ")";
                    set.add(c + " = CASE WHEN " + D + "." + hidden(m, "del") + cmp + T + "." + c + "\n        THEN "
                            + recompute(m, T) + "\n        ELSE " + kept + " END");
                    values.add("CASE WHEN " + D + "." + hidden(m, "del") + cmp + D + "." + hidden(m, "ins")
                            + "\n        THEN " + recompute(m, D) + "\n        ELSE " + D + "." + hidden(m, "ins")
                            + " END");
                    addedSet.add(c + " = " + kept);
                    addedValues.add(D + "." + hidden(m, "ins"));
                }
            }
        }
        return new MergeDelta(delta, deltaRows(), packedCount(), store, sums, groupNames(), match(T, D),
                T + "." + COUNT + " + " + D + "." + COUNT + " = 0", set, storeColumns(), values,
                D + "." + COUNT + " > 0", addedSet, addedValues, false, false, pos);
    }

    /**
     * A condition on a row {@code d} of the delta table as stored (packed rows not unnested): it holds a value that
     * left a MIN/MAX measure's argument, so merging it may need a recompute. A row of the per-row form says so in
     * its {@code _del} columns; a packed row of deleted rows ({@code specgen_count < 0}) may, whatever its values.
     * {@code false} for a view without MIN/MAX.
     */
    String removesFilter() {
        String dels = recomputeFilter("d");
        return dels.equals("false") || !packs() ? dels : dels + " OR (d." + packedColumn(0) + " IS NOT NULL AND d."
                + COUNT + " < 0)";
    }

    /**
     * A condition on a change row {@code alias} (as {@link #deltaRows} reads them): merging it recomputes a MIN/MAX
     * where its removed value was the extreme. {@code false} for a view without MIN/MAX.
     */
    String recomputeFilter(String alias) {
        List<String> dels = new ArrayList<>();
        for (Measure m : s.measures()) {
            if (m.function() == Aggregate.MIN || m.function() == Aggregate.MAX) {
                dels.add(alias + "." + hidden(m, "del") + " IS NOT NULL");
            }
        }
        return dels.isEmpty() ? "false" : String.join(" OR ", dels);
    }

    /**
     * The full recompute. Deferred ({@code withDelta}): from {@link #fullAggregate}'s table, consuming the delta rows
     * of the transactions its snapshot saw (and of this one); immediate: the view's query, in the same statement.
     */
    FullRecompute full(boolean withDelta, SourcePos pos) {
        List<String> set = valueColumns().stream().map(c -> c + " = " + D + "." + c).toList();
        return new FullRecompute(withDelta ? delta : "", withDelta ? FULL_RESULT : "", store, storeItems(),
                from(fact()), s.where().map(w -> "(" + w + ")").orElse(""), groupBySql(), groupNames(),
                valueColumns(), match("specgen_c", "specgen_f"), match(T, D), set,
                storeColumns(), pos);
    }

    /**
     * The view's query into {@link #FULL_RESULT}, in a statement of its own so that PostgreSQL may aggregate in
     * parallel (a MERGE never runs in parallel), plus one row with {@code pg_current_snapshot()}: the snapshot the
     * query read, which decides the delta rows the recompute makes moot.
     */
    FullAggregate fullAggregate(SourcePos pos) {
        List<String> nulls = new ArrayList<>();
        for (int i = 0; i < storeColumns().size(); i++) {
            nulls.add("NULL");
        }
        return new FullAggregate(FULL_RESULT, storeItems(), from(fact()), s.where().map(w -> "(" + w + ")")
                .orElse(""), groupBySql(), nulls, SNAPSHOT, pos);
    }

    // ---- immediate: in the writing statement ---------------------------------------------------------------------

    UpsertDelta upsert(List<String> changes, boolean onlyInserts, int sign, SourcePos pos) {
        List<String> items = new ArrayList<>(groupNames());
        items.add(signSum(sign));
        List<String> set = new ArrayList<>(List.of(COUNT + " = " + T + "." + COUNT + " + EXCLUDED." + COUNT));
        for (Measure m : s.measures()) {
            String a = arg(m);
            String nonNull = m.nullable() ? "sum(CASE WHEN " + a + " IS NULL THEN 0 ELSE " + signOf(sign) + " END)"
                    : signSum(sign);
            switch (m.function()) {
                case COUNT -> m.argument().ifPresent(x -> {
                    items.add(nonNull);
                    set.add(q(m.name()) + " = " + T + "." + q(m.name()) + " + EXCLUDED." + q(m.name()));
                });
                case SUM, AVG -> {
                    String c = sumCol(m);
                    String n = hidden(m, "n");
                    items.add("sum(" + times(sign, a) + ")");
                    items.add(nonNull);
                    set.add(c + " = coalesce(" + T + "." + c + " + EXCLUDED." + c + ", " + T + "." + c
                            + ", EXCLUDED." + c + ")");
                    set.add(n + " = " + T + "." + n + " + EXCLUDED." + n);
                }
                case MIN, MAX -> {
                    items.add(extreme(m, a, 1, sign));
                    String pick = m.function() == Aggregate.MIN ? "least" : "greatest";
                    set.add(q(m.name()) + " = " + pick + "(" + T + "." + q(m.name()) + ", EXCLUDED." + q(m.name())
                            + ")");
                }
            }
        }
        return new UpsertDelta(store, storeColumns(), items, changes, groupNames(), onlyInserts || sign != MIXED
                ? List.of() : changed(), groupNames(), set, pos);
    }

    /** Immediate: recompute MIN/MAX where an outgoing value could have been the extreme (empty without MIN/MAX). */
    Optional<RecomputeExtremes> recomputeExtremes(List<String> outgoing, SourcePos pos) {
        List<Measure> extremes = s.measures().stream().filter(m -> m.function() == Aggregate.MIN
                || m.function() == Aggregate.MAX).toList();
        if (extremes.isEmpty()) {
            return Optional.empty();
        }
        List<String> set = new ArrayList<>();
        List<String> items = new ArrayList<>(groupNames());
        List<String> touched = new ArrayList<>();
        for (Measure m : extremes) {
            String c = q(m.name());
            String cmp = m.function() == Aggregate.MIN ? " <= " : " >= ";
            items.add(m.function().sql() + "(" + arg(m) + ") AS " + hidden(m, "del"));
            set.add(c + " = CASE WHEN " + D + "." + hidden(m, "del") + cmp + T + "." + c + "\n        THEN "
                    + recompute(m, T) + "\n        ELSE " + T + "." + c + " END");
            touched.add(D + "." + hidden(m, "del") + cmp + T + "." + c);
        }
        return Optional.of(new RecomputeExtremes(store, set, items, outgoing, groupNames(), match(T, D),
                String.join(" OR ", touched), pos));
    }

    /** Immediate: the groups a statement emptied. */
    DeleteEmptyGroups deleteEmpty(List<String> outgoing, SourcePos pos) {
        return new DeleteEmptyGroups(store, groupNames(), outgoing, match(T, D), pos);
    }

    /** The tables whose writes change the view. */
    List<DimJoin> joins() {
        return s.joins();
    }

    AggregateShape shape() {
        return s;
    }
}
