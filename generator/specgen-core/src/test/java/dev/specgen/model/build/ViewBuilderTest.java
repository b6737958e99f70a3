package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.MaterializedView;
import dev.specgen.model.MaterializedView.OnBusy;
import dev.specgen.model.MaterializedView.Refresh;
import dev.specgen.model.Named;
import dev.specgen.model.RefreshInterval;
import dev.specgen.model.ViewQuery;
import dev.specgen.model.ViewQuery.Aggregate;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ViewBuilderTest {

    private static Run entity(String rest) {
        return Run.build("entity: Sale\nschema: s\nfields: {id: bigint}\n" + rest);
    }

    private static SourcePos at(int line, int col) {
        return new SourcePos("a.yaml", line, col);
    }

    @Test
    void seedShortFormIsAnErrorThatSaysWhatIsMissing() {
        Run r = entity("materialized_view: sale_mv\nrefresh_strategy: Concurrent\nrefresh_interval: \"1 hour\"\n");
        assertEquals("""
                a.yaml:4:20: error SG240: materialized view sale_mv has no definition: a name alone does not say what\
                 it selects from Sale
                  hint: give it one: materialized_view: {name: sale_mv, query: "SELECT ..."} (or group_by: and\
                 measures: over Sale), or declare it in a document of its own; see\
                 docs/spec-reference.md#materialized-views""", r.text());
        assertEquals(List.of(), r.model.views());
        assertEquals(1, r.model.entities().size());
    }

    @Test
    void entityFormWithAQueryIsAViewOfItsOwn() {
        Run r = entity("materialized_view: {name: sale_mv, query: \"SELECT id FROM s.sale\", key: [id]}\n"
                + "refresh_strategy: concurrent\nrefresh_interval: 30  minutes\n");
        assertEquals("", r.text());
        assertEquals(List.of(new MaterializedView("sale_mv", "s", Optional.empty(),
                new ViewQuery.Sql("SELECT id FROM s.sale", at(4, 43)), Refresh.CONCURRENT,
                Optional.of(new RefreshInterval(new BigDecimal("30"), RefreshInterval.Unit.MINUTE, "30 minutes")),
                OnBusy.WAIT, Optional.empty(), true, List.of(new Named("id", at(4, 74))), List.of(),
                Optional.of("Sale"), at(4, 27), at(5, 19), at(4, 73))), r.model.views());
    }

    @Test
    void viewDocumentDeclarative() {
        Run r = Run.build("""
                materialized_view: daily
                schema: s
                source: Sale
                joins: [{entity: Customer, on: customer_id, type: left, as: c}]
                where: "qty > 0"
                group_by: [c.segment, {expr: "at::date", as: day}]
                measures:
                  n: count
                  qty: sum(qty)
                  top: MAX( price )
                refresh: auto
                on_busy: skip
                full_refresh_threshold: 0.25
                with_data: false
                """);
        assertEquals("", r.text());
        MaterializedView v = r.model.views().get(0);
        assertEquals(new ViewQuery.Declared(new Named("Sale", at(3, 9)),
                List.of(new ViewQuery.Join(new Named("Customer", at(4, 18)), new Named("customer_id", at(4, 32)),
                        ViewQuery.JoinType.LEFT, Optional.of("c"), at(4, 9))),
                Optional.of(new ViewQuery.Expr("qty > 0", at(5, 8))),
                List.of(new ViewQuery.GroupItem("c.segment", Optional.empty(), at(6, 12)),
                        new ViewQuery.GroupItem("at::date", Optional.of("day"), at(6, 30))),
                List.of(new ViewQuery.Measure("n", Aggregate.COUNT, Optional.empty(), at(8, 6)),
                        new ViewQuery.Measure("qty", Aggregate.SUM, Optional.of("qty"), at(9, 8)),
                        new ViewQuery.Measure("top", Aggregate.MAX, Optional.of("price"), at(10, 8))),
                at(3, 9)), v.query());
        assertEquals(Refresh.AUTO, v.refresh());
        assertEquals(OnBusy.SKIP, v.onBusy());
        assertEquals(Optional.of(new BigDecimal("0.25")), v.fullRefreshThreshold());
        assertEquals(false, v.withData());
        assertEquals(Optional.empty(), v.declaredBy());
    }

    @Test
    void definitionErrors() {
        assertEquals("""
                a.yaml:1:20: error SG240: materialized view v has no definition
                  hint: give query: (one SELECT) or source:, group_by: and measures:""",
                Run.build("materialized_view: v\n").text());
        assertEquals("""
                a.yaml:2:1: error SG240: materialized view v has two definitions: query: and source, measures
                  hint: keep one: the SQL query, or the declarative keys""",
                Run.build("materialized_view: v\nquery: SELECT 1\nsource: Sale\nmeasures: {n: count}\n").text());
        assertEquals("""
                a.yaml:1:1: error SG108: missing required key "measures" in materialized view""",
                Run.build("materialized_view: v\nsource: Sale\n").text());
    }

    @Test
    void measureErrors() {
        assertEquals("""
                a.yaml:3:15: error SG109: measure function "median" is not one of count, sum, avg, min, max
                  hint: other aggregates (and DISTINCT, FILTER) need query:
                a.yaml:3:29: error SG222: measure b: count(distinct x) is not supported in measures
                  hint: write the view with query: (it is then refreshed in full)
                a.yaml:3:53: error SG222: measure c: sum needs an argument
                  hint: write count, count(column), sum(expression), avg(expression), min(expression) or\
                 max(expression)""",
                Run.build("materialized_view: v\nsource: Sale\nmeasures: {a: median(x), b: \"count(distinct x)\","
                        + " c: sum()}\n").text());
    }

    @Test
    void settingErrors() {
        assertEquals("""
                a.yaml:4:1: error SG222: "refresh_strategy" without materialized_view
                  hint: name the view with materialized_view:, or drop "refresh_strategy\"""",
                entity("refresh_strategy: full\n").text());
        assertEquals("""
                a.yaml:3:19: error SG222: refresh_interval "every hour" must be a positive number and a unit
                  hint: write for example "1 hour" or "30 minutes"; units: second(s), minute(s), hour(s), day(s),\
                 week(s) or month(s)""",
                Run.build("materialized_view: v\nquery: SELECT 1\nrefresh_interval: every hour\n").text());
        assertEquals("""
                a.yaml:3:25: error SG222: full_refresh_threshold 1.5 is not a fraction above 0 and at most 1
                  hint: write for example 0.1: above 10% of the source's rows pending, a refresh recomputes in full""",
                Run.build("materialized_view: v\nquery: SELECT 1\nfull_refresh_threshold: 1.5\n").text());
        assertEquals("""
                a.yaml:3:1: error SG222: "refresh_strategy" and "refresh" are the same setting, given twice
                  hint: keep one of them""",
                Run.build("materialized_view: v\nrefresh: full\nrefresh_strategy: sometimes\nquery: SELECT 1\n")
                        .text());
    }
}
