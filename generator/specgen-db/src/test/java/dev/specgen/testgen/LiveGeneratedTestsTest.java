package dev.specgen.testgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.db.ApplyResult;
import dev.specgen.db.Database;
import dev.specgen.db.Databases;
import dev.specgen.db.DbOptions;
import dev.specgen.db.ScriptRunner;
import dev.specgen.db.Stmt;
import dev.specgen.db.TapInstaller;
import dev.specgen.db.TapLine;
import dev.specgen.db.TapResult;
import dev.specgen.db.TapRunner;
import dev.specgen.diag.Diagnostics;
import dev.specgen.load.SpecLoader;
import dev.specgen.model.SpecModel;
import dev.specgen.model.build.ModelBuilder;
import dev.specgen.plan.Planner;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Rendered;
import dev.specgen.render.Renderer;
import dev.specgen.validate.Extensions;
import dev.specgen.validate.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated test files of the example specs ({@code specs/} at the repository root), run on the embedded
 * PostgreSQL through specgen's TAP runner: all pass on the generated DDL, and they fail, naming what they found,
 * when an index is missing or partition pruning is off. Each scenario gets a fresh scratch database.
 */
class LiveGeneratedTestsTest {
    static final String SALES = "analytics/tests/04_sales_transaction_test.sql";

    static Database db;
    static Rendered ddl;
    static RenderedTests tests;

    /** The stages below the facade (load, model, validate, plan, render), so this test sees exactly them. */
    @BeforeAll
    static void start() throws IOException {
        Diagnostics diags = new Diagnostics();
        SpecModel model = ModelBuilder.build(new SpecLoader().loadAll(Path.of("../.."), Path.of("specs"), diags),
                diags);
        Validator.validate(model, diags);
        assertFalse(diags.hasErrors(), () -> diags.sorted().toString());
        SchemaPlan plan = new Planner(Extensions::required).plan(model);
        Renderer renderer = new Renderer(Optional.empty());
        ddl = renderer.render(plan);
        tests = TestRenderer.render(new TestPlanner().plan(plan), renderer);
        dump("specgen-generated-tests", ddl, tests);
        db = Databases.open(DbOptions.embedded());
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyGeneratedFilePassesOnTheGeneratedSchema() throws SQLException {
        try (Connection c = freshSchema()) {
            long t0 = System.nanoTime();
            StringBuilder failures = new StringBuilder();
            for (Map.Entry<String, String> f : tapFiles(tests).entrySet()) {
                TapResult r = TapRunner.run(c, f.getValue(), tap(c));
                System.out.printf("%-55s %3d tests %6d ms%n", f.getKey(), r.ran(), r.elapsed().toMillis());
                if (!r.ok()) {
                    failures.append(f.getKey()).append(": ").append(r.error()).append('\n')
                            .append(r.lines().stream().map(TapLine::text).collect(Collectors.joining("\n")))
                            .append('\n');
                }
            }
            System.out.printf("all %d files: %d ms%n", tests.files().size(), (System.nanoTime() - t0) / 1_000_000);
            assertEquals("", failures.toString());
        }
    }

    @Test
    void aMissingIndexFailsItsIndexUseTestAndNamesTheSeqScan() throws SQLException {
        try (Connection c = freshSchema()) {
            // the index-use test asks for THIS index: with it gone, nothing serves (customer_id, product_id)
            exec(c, "DROP INDEX analytics.idx_sales_customer_product");
            TapResult r = TapRunner.run(c, tests.files().get(SALES), tap(c));
            TapLine t = test(r, "idx_sales_customer_product: a lookup by customer_id, product_id uses"
                    + " idx_sales_customer_product");
            assertEquals(TapLine.Kind.NOT_OK, t.kind(), t.text());
            String diag = String.join("\n", t.diagnostics());
            assertTrue(diag.contains("    found: Seq Scan on sales_transaction_default\n"
                    + "           Seq Scan on sales_transaction_p2024_01\n"), diag);
            assertFalse(r.error().isPresent(), () -> r.error().toString());
            // the structure test reports the missing index as well; nothing else fails
            assertEquals(List.of("index idx_sales_customer_product on sales_transaction (customer_id, product_id)",
                    "index idx_sales_customer_product is btree",
                    "index idx_sales_customer_product has an index on each of the leaf partitions",
                    "idx_sales_customer_product: a lookup by customer_id, product_id uses idx_sales_customer_product"),
                    r.failures().stream().map(TapLine::description).toList());
        }
    }

    @Test
    void aTableWithRowsSkipsTheSeededTestsInsteadOfBlamingTheSeed() throws SQLException {
        try (Connection c = freshSchema()) {
            // the row the seed function would insert first: seeding would fail on the primary key
            exec(c, "INSERT INTO analytics.sales_transaction (transaction_id, transaction_date) VALUES "
                    + "(md5('1')::uuid, '2024-01-01')");
            TapResult r = TapRunner.run(c, tests.files().get(SALES), tap(c));
            assertTrue(r.ok(), () -> r.lines().stream().map(TapLine::text).collect(Collectors.joining("\n")));
            List<TapLine> skipped = r.tests().stream().filter(t -> t.directive().startsWith("SKIP")).toList();
            // seeding, pruning (2), index use and budget (4 x 2), partition maintenance (12)
            assertEquals(23, skipped.size());
            assertEquals("SKIP analytics.sales_transaction holds rows; the seeded tests need it empty",
                    skipped.get(0).directive());
            assertEquals(1L, count(c, "SELECT count(*) FROM analytics.sales_transaction"), "rows left as they were");
            // and with the session setting --in-place uses, the tests do not even look at the rows
            TapResult off = TapRunner.run(c, tests.files().get(SALES), tap(c).searchPath(),
                    Map.of("specgen.seeded_tests", "off"));
            assertEquals("SKIP seeded tests turned off (specgen.seeded_tests = off)",
                    off.tests().stream().filter(t -> t.directive().startsWith("SKIP")).findFirst().orElseThrow()
                            .directive());
        }
    }

    @Test
    void pruningTurnedOffFailsThePruningTestAndListsThePartitionsScanned() throws SQLException {
        try (Connection c = freshSchema()) {
            TapResult r = TapRunner.run(c, "SET enable_partition_pruning = off;\n" + tests.files().get(SALES), tap(c));
            TapLine t = test(r, "a range on the bounds of sales_transaction_p2024_01 scans only"
                    + " sales_transaction_p2024_01");
            assertEquals(TapLine.Kind.NOT_OK, t.kind(), t.text());
            String diag = String.join("\n", t.diagnostics());
            assertTrue(diag.contains("have: {sales_transaction_default,sales_transaction_p2024_01,"
                    + "sales_transaction_p2024_02,"), diag);
            assertTrue(diag.contains("want: {sales_transaction_p2024_01}"), diag);
            exec(c, "RESET enable_partition_pruning");
        }
    }

    @Test
    void everyKindOfColumnAndPartitioningSeedsAndPasses() throws SQLException {
        SchemaPlan plan = Pipeline.plan(Pipeline.RICH);
        Rendered richDdl = Pipeline.RENDERER.render(plan);
        RenderedTests richTests = Pipeline.render(new TestPlanner().plan(plan));
        dump("specgen-generated-tests-rich", richDdl, richTests);
        try (Connection c = freshSchema(richDdl)) {
            StringBuilder failures = new StringBuilder();
            for (Map.Entry<String, String> f : tapFiles(richTests).entrySet()) {
                TapResult r = TapRunner.run(c, f.getValue(), tap(c));
                if (!r.ok()) {
                    failures.append(f.getKey()).append(": ").append(r.error()).append('\n')
                            .append(r.lines().stream().filter(l -> l.kind() != TapLine.Kind.OK).map(l -> l.text()
                                    + "\n  " + String.join("\n  ", l.diagnostics())).collect(Collectors.joining("\n")))
                            .append('\n');
                }
            }
            assertEquals("", failures.toString(), () -> String.join("\n\n", richTests.files().values()));
        }
    }

    /** Writes DDL and test files under {@code target/<dir>}, for a look (or a pg_prove run) after the test. */
    static void dump(String dir, Rendered ddl, RenderedTests tests) {
        Map<String, String> all = new TreeMap<>(ddl.files());
        all.putAll(tests.files());
        try {
            for (Map.Entry<String, String> f : all.entrySet()) {
                Path p = Path.of("target", dir).resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TapLine test(TapResult r, String description) {
        return r.tests().stream().filter(l -> l.description().equals(description)).findFirst()
                .orElseThrow(() -> new AssertionError("no test \"" + description + "\" in\n"
                        + r.lines().stream().map(TapLine::text).collect(Collectors.joining("\n"))));
    }

    /**
     * The TAP files of {@code t}: not the session-check files, which several sessions run phase by phase (SessionRunner;
     * LiveBulkTest and verify run them).
     */
    static Map<String, String> tapFiles(RenderedTests t) {
        java.util.Set<String> sessionFiles = t.sessionChecks().stream()
                .map(dev.specgen.render.RenderedSessionCheck::file).collect(Collectors.toSet());
        Map<String, String> out = new java.util.TreeMap<>(t.files());
        out.keySet().removeAll(sessionFiles);
        return out;
    }

    /** A fresh scratch database with the TAP functions and every generated DDL statement applied. */
    private static Connection freshSchema() {
        return freshSchema(ddl);
    }

    private static Connection freshSchema(Rendered ddl) {
        String name = db.createScratchDatabase();
        Connection c = db.connect(name);
        db.installTap(c);
        List<Stmt> stmts = ddl.statements().stream()
                .map(s -> new Stmt(s.sql(), s.object(), !s.object().transactional())).toList();
        ApplyResult applied = ScriptRunner.apply(c, stmts, ScriptRunner.Mode.ROLLOUT);
        assertTrue(applied.ok(), () -> applied.failure().toString());
        return c;
    }

    /** The TAP functions installed in this database by {@link #freshSchema}. */
    private static TapInstaller.TapSetup tap(Connection c) {
        return db.installTap(c);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
