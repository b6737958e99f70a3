package dev.specgen.check;

import dev.specgen.plan.ViewObject;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import net.sf.jsqlparser.statement.DoStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.function.CreateFunction;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.trigger.CreateTrigger;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;

/**
 * What the parse gate expects of the statements of views and their maintenance, and the JSqlParser 5.4 gaps it works
 * around explicitly (each neutralized to the same statement shape, never skipped): {@code WITH [NO] DATA} after
 * CREATE ... AS, {@code NULLS NOT DISTINCT} on a unique index, a storage-parameter list before AS. A DO block's
 * statements, which JSqlParser keeps as text, are parsed one by one.
 */
final class ViewStatements {
    private static final Pattern WITH_DATA = Pattern.compile("\\s+WITH (NO )?DATA;?\\s*$");
    private static final Pattern STORAGE = Pattern.compile(
            "(?s)^(CREATE (?:UNLOGGED )?TABLE IF NOT EXISTS \\S+)\\s+WITH \\([^)]*\\)");

    private ViewStatements() {
    }

    static Class<? extends Statement> expected(ViewObject o) {
        if (o instanceof ViewObject.DropStaleView || o instanceof ViewObject.ScheduleRefresh
                || o instanceof ViewObject.ColumnStorage) {
            return DoStatement.class;
        }
        if (o instanceof ViewObject.CreateMaterializedView || o instanceof ViewObject.CreateView) {
            return CreateView.class;
        }
        if (o instanceof ViewObject.CreateTableAs || o instanceof ViewObject.FullAggregate) {
            return CreateTable.class;
        }
        if (o instanceof ViewObject.CreateUniqueKey) {
            return CreateIndex.class;
        }
        if (o instanceof ViewObject.CreateTrigger) {
            return CreateTrigger.class;
        }
        if (o instanceof ViewObject.CaptureFunction || o instanceof ViewObject.RefreshMaterializedView
                || o instanceof ViewObject.RefreshKeptView || o instanceof ViewObject.RefreshIfStale
                || o instanceof ViewObject.RefreshAll) {
            return CreateFunction.class;
        }
        if (o instanceof ViewObject.PopulateView) {
            return Select.class;
        }
        if (o instanceof ViewObject.CaptureDelta || o instanceof ViewObject.UpsertDelta) {
            return Insert.class;
        }
        if (o instanceof ViewObject.MergeDelta || o instanceof ViewObject.FullRecompute) {
            return Merge.class;
        }
        if (o instanceof ViewObject.RecomputeExtremes) {
            return Update.class;
        }
        if (o instanceof ViewObject.DeleteEmptyGroups) {
            return Delete.class;
        }
        throw new IllegalArgumentException("no parse expectation for " + o.getClass().getSimpleName());
    }

    /** {@code text} with the clauses JSqlParser 5.4 lacks taken out; the rest of the statement is checked as is. */
    static String neutral(ViewObject o, String text) {
        String out = text;
        if (o instanceof ViewObject.CreateMaterializedView || o instanceof ViewObject.CreateTableAs) {
            out = WITH_DATA.matcher(out).replaceFirst("");
            out = STORAGE.matcher(out).replaceFirst("$1");
        }
        if (o instanceof ViewObject.CreateUniqueKey) {
            out = out.replace(" NULLS NOT DISTINCT", "");
        }
        return out;
    }

    /** The statements inside a DO block, each parsed as what it is. */
    static Optional<String> inner(ViewObject o, BiFunction<String, Class<? extends Statement>, Optional<String>> parse) {
        if (o instanceof ViewObject.DropStaleView d) {
            for (String drop : d.drops()) {
                Class<? extends Statement> kind = drop.startsWith("DELETE") ? Delete.class
                        : net.sf.jsqlparser.statement.drop.Drop.class;
                Optional<String> p = parse.apply(drop, kind);
                if (p.isPresent()) {
                    return Optional.of("statement inside the DO block (" + drop + "): " + p.get());
                }
            }
        }
        if (o instanceof ViewObject.ScheduleRefresh s) {
            Optional<String> p = parse.apply("SELECT cron.schedule(" + s.job() + ", " + s.schedule() + ", "
                    + s.command() + ")", Select.class);
            if (p.isPresent()) {
                return Optional.of("statement inside the DO block: " + p.get());
            }
        }
        return Optional.empty();
    }
}
