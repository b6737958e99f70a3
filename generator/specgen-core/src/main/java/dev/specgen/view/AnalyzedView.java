package dev.specgen.view;

import dev.specgen.model.MaterializedView;
import dev.specgen.model.MaterializedView.Refresh;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the analysis made of one view, facts resolved once for the planner and the test planner.
 *
 * @param sources          the relations the view reads (tables and views), in order of first reference
 * @param columns          its output columns, in order
 * @param selectSql        the defining SELECT: the spec's query as written, or the one built from the declarative
 *                         form
 * @param aggregate        the incremental shape, present when the view can be maintained incrementally
 * @param notMaintainable  why it cannot, when it cannot
 * @param strategy         how it is refreshed: the spec's refresh, with AUTO resolved and INCREMENTAL/IMMEDIATE
 *                         falling back to FULL (or CONCURRENT when it has a key) when not maintainable
 * @param key              its unique key: the spec's {@code key:}, else the group keys of an aggregate
 */
public record AnalyzedView(MaterializedView view, List<Relation> sources, List<String> columns, String selectSql,
        Optional<AggregateShape> aggregate, Optional<String> notMaintainable, Refresh strategy, List<String> key) {

    public AnalyzedView {
        Objects.requireNonNull(view, "view == null");
        sources = List.copyOf(sources);
        columns = List.copyOf(columns);
        Objects.requireNonNull(selectSql, "selectSql == null");
        Objects.requireNonNull(aggregate, "aggregate == null");
        Objects.requireNonNull(notMaintainable, "notMaintainable == null");
        Objects.requireNonNull(strategy, "strategy == null");
        key = List.copyOf(key);
        if (strategy == Refresh.AUTO) {
            throw new IllegalArgumentException("strategy must be resolved");
        }
    }

    /** Kept in a table of specgen's (incremental or immediate) rather than a PostgreSQL materialized view. */
    public boolean tableBacked() {
        return strategy == Refresh.INCREMENTAL || strategy == Refresh.IMMEDIATE;
    }

    public String qualifiedName() {
        return view.qualifiedName();
    }
}
