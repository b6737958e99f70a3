package dev.specgen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.diag.Diagnostic;
import dev.specgen.plan.ViewObject.CaptureFunction;
import dev.specgen.plan.ViewObject.RefreshKeptView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan of views, in exact strings: one dependency order for tables and views (whatever the spec order), and the
 * SQL fragments of an incrementally kept aggregate that the templates only place.
 */
class ViewPlanTest {
    static final String SPEC = """
            materialized_view: big_shops
            schema: s
            query: "SELECT shop, total FROM s.per_shop WHERE total > 10"
            ---
            materialized_view: per_shop
            schema: s
            source: Sale
            group_by: [shop]
            measures: {n: count, total: sum(amount), top: max(amount)}
            refresh: incremental
            full_refresh_threshold: 0.25
            ---
            entity: Sale
            schema: s
            fields:
              id: {type: bigint, primary_key: true}
              shop: {type: integer, nullable: false}
              amount: numeric(10,2)
            indexes: [{columns: [shop]}]
            """;

    @TempDir
    Path dir;

    private SchemaPlan plan() throws IOException {
        Files.createDirectories(dir.resolve("specs"));
        Files.writeString(dir.resolve("specs/s.yaml"), SPEC, StandardCharsets.UTF_8);
        Result r = Specgen.render(Options.of(dir, Path.of("specs"), Path.of("out")));
        assertFalse(r.hasErrors(), () -> r.diagnostics().stream().map(Diagnostic::format).toList().toString());
        return r.plan().orElseThrow();
    }

    /** The rendered file that contains {@code text}. */
    private String fileWith(String text) throws IOException {
        plan();
        return Specgen.render(Options.of(dir, Path.of("specs"), Path.of("out"))).rendered().orElseThrow().files()
                .values().stream().filter(f -> f.contains(text)).findFirst().orElseThrow();
    }

    private static <T> T only(SchemaPlan p, Class<T> type) {
        return p.installOrder().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @Test
    void tablesThenViewsThenViewsOnViewsWhateverTheSpecOrder() throws IOException {
        assertEquals(List.of("s/00_schema.sql", "s/01_sale.sql", "s/02_per_shop.sql", "s/03_big_shops.sql",
                "s/04_refresh_all.sql"), plan().files().stream().map(PlannedFile::path).toList());
    }

    @Test
    void theMergeAddsSumsNullSafelyAndRecomputesAMaxOnlyWhereTheOldOneLeft() throws IOException {
        RefreshKeptView r = only(plan(), RefreshKeptView.class);
        assertEquals("0.25", r.threshold());
        assertEquals("p.specgen_top_del IS NOT NULL", r.recomputeFilter());
        assertEquals(List.of(
                "specgen_count = specgen_t.specgen_count + specgen_d.specgen_count",
                "total = coalesce(specgen_t.total + specgen_d.total, specgen_t.total, specgen_d.total)",
                "specgen_total_n = specgen_t.specgen_total_n + specgen_d.specgen_total_n",
                "top = CASE WHEN specgen_d.specgen_top_del >= specgen_t.top\n"
                        + "        THEN (SELECT max(amount)\n"
                        + "        FROM s.sale AS sale\n"
                        + "        WHERE shop = specgen_t.shop)\n"
                        + "        ELSE greatest(specgen_t.top, specgen_d.specgen_top_ins) END"),
                r.mergeDelta().set());
        assertEquals("specgen_t.specgen_count + specgen_d.specgen_count = 0", r.mergeDelta().emptyGroup());
        assertEquals("s.per_shop_delta", r.full().delta());
        assertEquals("pg_temp.specgen_full_result", r.full().result());
        assertEquals("pg_temp.specgen_full_result", r.aggregate().result());
        assertEquals(List.of("NULL", "NULL", "NULL", "NULL", "NULL"), r.aggregate().nulls(),
                "shop, specgen_count, total, specgen_total_n, top");
    }

    @Test
    void aDeltaThatRemovesNoValueIsMergedWithTheGreatestOfTheKeptAndTheAddedMaxWithoutARecompute() throws IOException {
        RefreshKeptView r = only(plan(), RefreshKeptView.class);
        assertTrue(r.hasAddedOnly());
        // a packed row of deleted rows holds removed values in its arrays, not in specgen_top_del
        assertEquals("d.specgen_top_del IS NOT NULL OR (d.specgen_p1 IS NOT NULL AND d.specgen_count < 0)",
                r.removesFilter());
        List<String> set = r.mergeDelta().setItems();
        assertEquals(List.of(
                "specgen_count = specgen_t.specgen_count + specgen_d.specgen_count",
                "total = coalesce(specgen_t.total + specgen_d.total, specgen_t.total, specgen_d.total)",
                "specgen_total_n = specgen_t.specgen_total_n + specgen_d.specgen_total_n",
                "top = greatest(specgen_t.top, specgen_d.specgen_top_ins)"), r.mergeDeltaAdded().setItems());
        assertEquals(set.subList(0, 3), r.mergeDeltaAdded().setItems().subList(0, 3));
        assertEquals(List.of("specgen_d.shop", "specgen_d.specgen_count", "specgen_d.total", "specgen_d.specgen_total_n",
                "specgen_d.specgen_top_ins"), r.mergeRowsAdded().values());
        assertTrue(r.mergeRowsAdded().perGroup());
        assertFalse(r.mergeDeltaAdded().perGroup());
        assertTrue(r.mergeDelta().values().get(4).contains("SELECT max(amount)"), r.mergeDelta().values().get(4));
    }

    @Test
    void bothMergesReadTheDeltaRowsTheRefreshsSnapshotSawAndOnlyThePerGroupOneSkipsTheSums() throws IOException {
        RefreshKeptView r = only(plan(), RefreshKeptView.class);
        assertFalse(r.mergeDelta().perGroup());
        assertTrue(r.mergeRows().perGroup());
        assertEquals(r.mergeDelta().set(), r.mergeRows().set());
        assertEquals("specgen_x.specgen_full IS NULL\n"
                + "  AND (specgen_x.specgen_xid = specgen_me OR pg_visible_in_snapshot(specgen_x.specgen_xid,"
                + " specgen_snap))", r.mergeRows().seen());
        assertEquals("shop", r.groupList());
        assertEquals(List.of("incremental merge into s.per_shop_data",
                "incremental merge into s.per_shop_data (one delta row per group)",
                "incremental merge into s.per_shop_data (no value removed)",
                "incremental merge into s.per_shop_data (one delta row per group) (no value removed)",
                "full recompute of s.per_shop_data"),
                r.embedded().stream().filter(e -> !(e instanceof dev.specgen.plan.ViewObject.FullAggregate))
                        .map(e -> e.describe()).toList());
    }

    /**
     * The capture's choice between one delta row per group and the rows as they are: one query per insert or delete
     * reads the refresh state's limit, the statement's row count and (only when the count leaves the choice open: an
     * InitPlan inside the CASE) the groups among its first 100 rows; it reads no PL/pgSQL variable, so PostgreSQL
     * keeps one plan of it per session. An update or a TRUNCATE reads the state alone.
     */
    @Test
    void theCaptureChoiceIsOneQueryWithTheStateAndWithoutVariables() throws IOException {
        plan();
        String sql = Specgen.render(Options.of(dir, Path.of("specs"), Path.of("out"))).rendered().orElseThrow()
                .files().values().stream().filter(f -> f.contains("FUNCTION s.per_shop_capture_sale()")).findFirst()
                .orElseThrow();
        assertTrue(sql.contains("""
                DECLARE
                    specgen_limit bigint;
                    specgen_grouped boolean;
                BEGIN
                """), sql);
        assertTrue(sql.contains("""
                    IF TG_OP = 'INSERT' THEN
                        SELECT specgen_s.capture_limit,
                               CASE WHEN specgen_c.specgen_n < 16 THEN false
                                    WHEN specgen_s.groups IS NULL OR specgen_c.specgen_n >= 1.6 * specgen_s.groups THEN true
                                    ELSE (SELECT count(*) FROM (SELECT DISTINCT shop FROM (SELECT shop, amount AS\
                 specgen_a2, amount AS specgen_a3, 1 AS specgen_sign
                                            FROM specgen_new AS sale
                                           LIMIT 100) AS specgen_sample) AS specgen_distinct) <= 0.6 *\
                 least(specgen_c.specgen_n, 100) END
                          INTO specgen_limit, specgen_grouped
                          FROM (SELECT count(*) AS specgen_n FROM specgen_new) AS specgen_c
                          LEFT JOIN s.specgen_refresh_state AS specgen_s ON specgen_s.view_name = 'per_shop';
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT specgen_s.capture_limit,
                """), sql);
        assertTrue(sql.contains("""
                    ELSE
                        SELECT s.capture_limit INTO specgen_limit FROM s.specgen_refresh_state AS s WHERE\
                 s.view_name = 'per_shop';
                    END IF;
                    -- more change rows pending than the refresh applies one by one: it will recompute in full, so\
                 record only that
                """), sql);
        assertTrue(sql.contains("""
                    IF TG_OP = 'INSERT' THEN
                        IF specgen_grouped THEN
                            INSERT INTO s.per_shop_delta\
                """), sql);
        assertFalse(sql.contains("specgen_n := "), sql);
        assertFalse(sql.contains("INTO specgen_n;"), sql);
    }

    /**
     * The full recompute is a temporary table without statistics: the MERGE of it into the view's table was planned
     * as an index probe per recomputed group; from a quarter of the view's groups on it runs with nested loops off
     * (a hash join), and the session's setting is put back right after it.
     */
    @Test
    void theFullRecomputeIsMergedWithAHashJoinAndTheSettingIsPutBack() throws IOException {
        String sql = fileWith("FUNCTION s.refresh_per_shop()");
        String full = sql.substring(sql.indexOf("GET DIAGNOSTICS specgen_fresh = ROW_COUNT;"));
        assertTrue(full.contains("""
                        specgen_nestloop := current_setting('enable_nestloop');
                        IF (specgen_fresh - 1) * 4 >= coalesce(specgen_groups, 0) THEN
                            PERFORM set_config('enable_nestloop', 'off', true);
                        END IF;
                        MERGE INTO s.per_shop_data AS specgen_t
                        USING (SELECT shop, specgen_count, total, specgen_total_n, top
                                 FROM pg_temp.specgen_full_result
                """), full);
        assertTrue(full.contains("""
                        GET DIAGNOSTICS specgen_changed = ROW_COUNT;
                        PERFORM set_config('enable_nestloop', specgen_nestloop, true);
                        SELECT count(*), coalesce(sum(specgen_count), 0) INTO specgen_groups, specgen_kept_rows FROM\
                 s.per_shop_data;
                """), full);
    }

    @Test
    void captureRecordsChangesOrPastTheBudgetThatTheNextRefreshRecomputes() throws IOException {
        CaptureFunction c = only(plan(), CaptureFunction.class);
        assertEquals("SELECT s.capture_limit INTO specgen_limit FROM s.specgen_refresh_state AS s WHERE"
                + " s.view_name = 'per_shop'", c.readStateSql());
        assertTrue(c.hasProbes());
        // this transaction's share: the xact counters less their value at its first capture
        assertEquals("pg_stat_get_live_tuples('s.per_shop_delta'::regclass)"
                + " + (pg_stat_get_xact_tuples_inserted('s.per_shop_delta'::regclass)"
                + " - pg_stat_get_xact_tuples_deleted('s.per_shop_delta'::regclass))\n"
                + "           - coalesce(nullif(current_setting('specgen.capture_1333cc70b999362a', true), '')::bigint,"
                + " set_config('specgen.capture_1333cc70b999362a', (pg_stat_get_xact_tuples_inserted('s.per_shop_delta'::regclass)"
                + " - pg_stat_get_xact_tuples_deleted('s.per_shop_delta'::regclass))::text, true)::bigint)"
                + " > specgen_limit", c.overflowTest());
        assertEquals("SELECT specgen_s.capture_limit,\n"
                + "       CASE WHEN specgen_c.specgen_n < 16 THEN false\n"
                + "            WHEN specgen_s.groups IS NULL OR specgen_c.specgen_n >= 1.6 * specgen_s.groups THEN true\n"
                + "            ELSE (SELECT count(*) FROM (SELECT DISTINCT shop FROM (SELECT shop, amount AS specgen_a2,"
                + " amount AS specgen_a3, -1 AS specgen_sign\n                    FROM specgen_old AS sale\n"
                + "                   LIMIT 100) AS specgen_sample) AS specgen_distinct) <= 0.6 *"
                + " least(specgen_c.specgen_n, 100) END\n"
                + "  INTO specgen_limit, specgen_grouped\n"
                + "  FROM (SELECT count(*) AS specgen_n FROM specgen_old) AS specgen_c\n"
                + "  LEFT JOIN s.specgen_refresh_state AS specgen_s ON specgen_s.view_name = 'per_shop'", c.delete().probeSql());
        assertEquals("", c.update().probeSql());
        // rows that do not share groups: one packed delta row per statement, each value once (sum and max read
        // the same amount), the sign in specgen_count; nothing for a statement without rows
        ViewObject.CaptureDelta packedIn = (ViewObject.CaptureDelta) c.insert().perRowStatement();
        assertEquals(List.of("specgen_rows", "specgen_count", "specgen_p1", "specgen_p2", "specgen_xid"),
                packedIn.columns());
        assertEquals(List.of("count(*)", "count(*)", "array_agg(shop)", "array_agg(specgen_a2)",
                "pg_current_xact_id()"), packedIn.items());
        assertEquals(List.of("count(*) > 0"), packedIn.having());
        assertEquals(List.of("count(*)", "-count(*)", "array_agg(shop)", "array_agg(specgen_a2)",
                "pg_current_xact_id()"), ((ViewObject.CaptureDelta) c.delete().perRowStatement()).items());
        // the refresh reads them back as one delta row per change row; inserts are all +1 and deletes all -1: the
        // sign is folded in (no multiplication per row); updates mix both
        assertEquals("(SELECT shop, specgen_rows, specgen_count, total, specgen_total_n, specgen_top_ins, specgen_top_del,"
                + " specgen_full, specgen_xid\n   FROM s.per_shop_delta\n  WHERE specgen_p1 IS NULL\n UNION ALL\n"
                + " SELECT shop, 1, 1, specgen_a2, CASE WHEN specgen_a2 IS NULL THEN 0 ELSE 1 END, specgen_a3, NULL,"
                + " NULL, specgen_xid\n   FROM (SELECT shop, specgen_a2, specgen_a2 AS specgen_a3, specgen_xid\n"
                + "           FROM (SELECT unnest(specgen_p1) AS shop, unnest(specgen_p2) AS specgen_a2, specgen_xid\n"
                + "                   FROM s.per_shop_delta\n                  WHERE specgen_p1 IS NOT NULL AND"
                + " specgen_count > 0) AS specgen_u) AS specgen_change\n UNION ALL\n SELECT shop, 1, -1, -specgen_a2,"
                + " CASE WHEN specgen_a2 IS NULL THEN 0 ELSE -1 END, NULL, specgen_a3, NULL, specgen_xid\n"
                + "   FROM (SELECT shop, specgen_a2, specgen_a2 AS specgen_a3, specgen_xid\n"
                + "           FROM (SELECT unnest(specgen_p1) AS shop, unnest(specgen_p2) AS specgen_a2, specgen_xid\n"
                + "                   FROM s.per_shop_delta\n                  WHERE specgen_p1 IS NOT NULL AND"
                + " specgen_count < 0) AS specgen_u) AS specgen_change)", only(plan(), RefreshKeptView.class).deltaRows());
        assertEquals(List.of("shop", "count(*)", "-count(*)", "sum(-specgen_a2)",
                "sum(CASE WHEN specgen_a2 IS NULL THEN 0 ELSE -1 END)", "NULL", "max(specgen_a3)",
                "pg_current_xact_id()"), ((ViewObject.CaptureDelta) c.delete().statements().get(0)).items());
        assertFalse(((ViewObject.CaptureDelta) c.delete().statements().get(0)).hasHaving(), "a delete changes the"
                + " count of every group it touches");
        assertEquals(List.of("shop", "count(*)", "sum(specgen_sign)", "sum(specgen_sign * specgen_a2)",
                "sum(CASE WHEN specgen_a2 IS NULL THEN 0 ELSE specgen_sign END)",
                "max(specgen_a3) FILTER (WHERE specgen_sign > 0)", "max(specgen_a3) FILTER (WHERE specgen_sign < 0)",
                "pg_current_xact_id()"), ((ViewObject.CaptureDelta) c.update().statements().get(0)).items());
        assertFalse(c.update().isAdaptive(), "updates are aggregated: one that changes nothing the view reads drops"
                + " out");
        assertEquals("INSERT INTO s.per_shop_delta (specgen_full, specgen_xid) VALUES (TG_TABLE_SCHEMA || '.' ||"
                + " TG_TABLE_NAME || ' was truncated', pg_current_xact_id())", c.truncateSql());
        assertEquals(List.of("shop", "specgen_rows", "specgen_count", "total", "specgen_total_n",
                "specgen_top_ins", "specgen_top_del", "specgen_xid"), ((ViewObject.CaptureDelta) c.insert()
                        .statements().get(0)).columns());
    }

    @Test
    void testsCountWhatIsPendingAndMarkAFullRecomputeWithoutTheCrashSentinel() throws IOException {
        ViewPlan v = plan().views().stream().filter(x -> x.relation().equals("per_shop")).findFirst().orElseThrow();
        assertEquals("SELECT count(*) FROM s.per_shop_delta WHERE specgen_full IS DISTINCT FROM"
                + " '(specgen: no crash since the last full refresh)'", v.pendingCountSql().orElseThrow());
        assertEquals("INSERT INTO s.per_shop_delta (specgen_full, specgen_xid) SELECT 'x', pg_current_xact_id()",
                v.markFullSql("'x'").orElseThrow());
    }

    @Test
    void theOverviewListsEachViewWithItsRefreshAndWhatItReads() throws IOException {
        Files.createDirectories(dir.resolve("specs"));
        Files.writeString(dir.resolve("specs/s.yaml"), SPEC, StandardCharsets.UTF_8);
        String readme = Specgen.render(Options.of(dir, Path.of("specs"), Path.of("out"))).rendered().orElseThrow()
                .files().get("README.md");
        assertTrue(readme.contains("1 table, 0 partitions, 1 index, 0 foreign keys, 2 materialized views."), readme);
        assertTrue(readme.contains("""
                    s_per_shop ..> s_sale : reads
                    s_big_shops ..> s_per_shop : reads
                """), readme);
        assertTrue(readme.endsWith("""
                | `s.per_shop` | specs/s.yaml | materialized view, refresh incremental (s.refresh_per_shop()) | - \
                | reads s.sale |
                | `s.big_shops` | specs/s.yaml | materialized view, refresh full (s.refresh_big_shops()) | - \
                | reads s.per_shop |
                """), readme);
    }
}
