package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import dev.specgen.plan.SqlObject.Column;
import dev.specgen.plan.SqlObject.CommentOn;
import dev.specgen.plan.SqlObject.Constraint;
import dev.specgen.plan.SqlObject.CreateTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The two tables every schema with views gets, in its {@code 00_schema.sql}: the refresh log (one row per refresh
 * that did something: when, how long, which strategy and why, how many pending changes it applied and rows it
 * changed) and the refresh state (per view: the partitions it last saw, its group count, its last refresh).
 */
final class RefreshTables {
    private RefreshTables() {
    }

    static List<SqlObject> objects(String schema, String log, String state, SourcePos pos) {
        List<SqlObject> out = new ArrayList<>();
        String logName = Sql.qualified(schema, log);
        out.add(table(logName, List.of(
                new String[] {"id", "bigint", "NOT NULL GENERATED ALWAYS AS IDENTITY"},
                new String[] {"view_name", "text", "NOT NULL"},
                new String[] {"started_at", "timestamptz", "NOT NULL"},
                new String[] {"duration_ms", "numeric(12,3)", "NOT NULL"},
                new String[] {"strategy", "text", "NOT NULL"},
                new String[] {"reason", "text", "NOT NULL"},
                new String[] {"pending", "bigint", ""},
                new String[] {"rows_changed", "bigint", ""}),
                Sql.ident(NameAllocator.fit(log + "_pkey", 0)), "PRIMARY KEY (id)", pos));
        out.add(new CommentOn("TABLE", logName, Sql.literal("Refreshes of the materialized views of " + schema
                + " (written by specgen's refresh functions): strategy is incremental, full or concurrent, reason"
                + " says why; pending is the change rows applied (NULL for a full refresh), rows_changed the rows"
                + " written (NULL where REFRESH does not say). A refresh with nothing to do writes no row."), pos));
        String stateName = Sql.qualified(schema, state);
        out.add(table(stateName, List.of(
                new String[] {"view_name", "text", "NOT NULL"},
                new String[] {"partitions", "text", ""},
                new String[] {"groups", "bigint", ""},
                new String[] {"source_rows", "bigint", ""},
                new String[] {"capture_limit", "bigint", ""},
                new String[] {"last_refresh", "timestamptz", "NOT NULL"},
                new String[] {"last_strategy", "text", "NOT NULL"}),
                Sql.ident(NameAllocator.fit(state + "_pkey", 0)), "PRIMARY KEY (view_name)", pos));
        out.add(new CommentOn("TABLE", stateName, Sql.literal("Per materialized view of " + schema + ": when it was"
                + " last refreshed (refresh_<view>_if_stale reads it), a hash of the leaf partitions of its tables then (a"
                + " change makes the next refresh a full one), its groups and the source rows they count (the"
                + " refresh's cost model), the pending change rows past which capture only records that the next"
                + " refresh recomputes in full. A row means the view holds data."),
                pos));
        return out;
    }

    private static CreateTable table(String name, List<String[]> cols, String pkName, String pk, SourcePos pos) {
        int width = cols.stream().mapToInt(c -> c[0].length()).max().orElse(0);
        List<Column> columns = new ArrayList<>();
        for (String[] c : cols) {
            columns.add(new Column(c[0], c[0] + " ".repeat(width - c[0].length()), c[1], c[2].startsWith("NOT NULL"), "",
                    c[2].replaceFirst("^NOT NULL ?", ""), pos));
        }
        return new CreateTable(name, false, columns, List.of(new Constraint(Constraint.Kind.PRIMARY_KEY, pkName,
                pk, pos)), "", List.of(), pos);
    }
}
