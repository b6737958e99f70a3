package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Hint;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.Parallel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * From the same plan as the DDL, one pgTAP test file per entity, as data ({@link TestStep}s): the structure the
 * plan decided, then, on seeded data, partition pruning, index use and time budgets. Deterministic: no clock, no
 * randomness, spec order where the spec gives one.
 *
 * <p>Seed rows come from the entity's performance hint {@code seed_rows} (default {@value #DEFAULT_SEED_ROWS}),
 * capped by {@link #withMaxSeedRows}; tables it references get {@value #REFERENCED_ROWS} rows (or the cap).
 */
public final class TestPlanner {
    public static final long DEFAULT_SEED_ROWS = 10_000;
    public static final long REFERENCED_ROWS = 100;

    static final String WHY_JIT = "no JIT compilation: it only adds start-up time and noise to the time budgets";
    static final String WHY_PARALLEL = "no parallel workers: plan shapes (Gather nodes) and timings do not depend"
            + " on the machine";
    static final String WHY_RANDOM_PAGE_COST = "random reads cost as on SSDs, as on production servers: index"
            + " plans are judged as they would be there";

    private final long maxSeedRows;

    public TestPlanner() {
        this(Long.MAX_VALUE);
    }

    private TestPlanner(long maxSeedRows) {
        this.maxSeedRows = maxSeedRows;
    }

    /** Caps every entity's seed rows (and the rows of referenced tables), e.g. to keep CI fast. */
    public TestPlanner withMaxSeedRows(long max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxSeedRows must be positive: " + max);
        }
        return new TestPlanner(max);
    }

    public TestPlan plan(SchemaPlan plan) {
        Function<String, Optional<EntityPlan>> entities = lookup(plan);
        List<TestFile> files = new ArrayList<>();
        List<SessionFile> sessionFiles = new ArrayList<>();
        // entities are planned independently: on all cores, collected in dependency order
        for (Planned p : Parallel.map(plan.entities(), ep -> new Planned(ep, file(ep, entities),
                bulkFile(ep, entities), SessionChecks.of(ep, plan)))) {
            files.add(p.file());
            p.bulk().ifPresent(files::add);
            if (!p.checks().isEmpty()) {
                EntityPlan ep = p.entity();
                sessionFiles.add(new SessionFile(ep.entity().name(), sessionPath(ep.file()), ep.specFile(),
                        ep.entity().schema() + "." + ep.entity().table(), p.checks()));
            }
        }
        for (dev.specgen.plan.ViewPlan vp : plan.views()) {
            files.add(ViewTests.file(vp, plan, maxSeedRows));
        }
        Map<String, Integer> perSource = new HashMap<>();
        for (SchemaPlan.WorkflowPlan wp : plan.workflows()) {
            files.add(WorkflowTests.file(wp, plan, perSource.merge(wp.file(), 1, Integer::sum) - 1));
        }
        return new TestPlan(files, sessionFiles);
    }

    private record Planned(EntityPlan entity, TestFile file, Optional<TestFile> bulk, List<SessionCheck> checks) {
    }

    /** Entity plans by entity name: a seed plan looks up every table it references. */
    private static Function<String, Optional<EntityPlan>> lookup(SchemaPlan plan) {
        Map<String, EntityPlan> byName = new HashMap<>();
        plan.entities().forEach(ep -> byName.putIfAbsent(ep.entity().name(), ep));
        return name -> Optional.ofNullable(byName.get(name));
    }

    /** The test file of one entity of {@code plan}. */
    public TestFile file(EntityPlan ep, SchemaPlan plan) {
        return file(ep, lookup(plan));
    }

    private TestFile file(EntityPlan ep, Function<String, Optional<EntityPlan>> entities) {
        Entity e = ep.entity();
        SourcePos pos = e.pos();
        long rows = Math.min(maxSeedRows, e.performanceHints().count(Hint.Name.SEED_ROWS)
                .orElse(DEFAULT_SEED_ROWS));
        List<TestStep> body = new ArrayList<>(StructureTests.of(ep));
        List<TestStep> perf = PerformanceTests.of(ep, rows, Math.min(maxSeedRows, REFERENCED_ROWS), entities);
        body.addAll(perf);
        boolean skipped = perf.stream().anyMatch(PerformanceAssertion.Skip.class::isInstance);
        List<TestStep> maintenance = MaintenanceTests.of(ep, !skipped);
        body.addAll(maintenance);
        List<TestStep> steps = new ArrayList<>();
        steps.add(new TestStep.Begin(pos));
        steps.add(new TestStep.SearchPath(e.schema(), partitionSchema(e), pos));
        steps.add(new TestStep.SetLocal("jit", "off", WHY_JIT, pos));
        steps.add(new TestStep.SetLocal("max_parallel_workers_per_gather", "0", WHY_PARALLEL, pos));
        steps.add(new TestStep.SetLocal("random_page_cost", "1.1", WHY_RANDOM_PAGE_COST, pos));
        steps.add(new TestStep.Plan(body.stream().mapToInt(TestStep::tests).sum(), pos));
        steps.addAll(body);
        steps.add(new TestStep.Finish(pos));
        steps.add(new TestStep.Rollback(pos));
        String scope = (skipped ? "structure" : e.isPartitioned()
                ? "structure, partition pruning, index use, time budgets" : "structure, index use, time budgets")
                + (maintenance.isEmpty() ? "" : ", partition maintenance");
        return new TestFile(testPath(ep.file()), ep.specFile(), e.schema() + "." + e.table(), scope, steps);
    }

    /**
     * The tests of the entity's generated bulk functions ({@link BulkTests}), in a file of their own next to the
     * entity's test file; empty when the entity has no bulk operation.
     */
    public java.util.Optional<TestFile> bulkFile(EntityPlan ep, SchemaPlan plan) {
        return bulkFile(ep, lookup(plan));
    }

    private Optional<TestFile> bulkFile(EntityPlan ep, Function<String, Optional<EntityPlan>> entities) {
        Entity e = ep.entity();
        return BulkTests.of(ep, entities).map(body -> {
            List<TestStep> steps = new ArrayList<>();
            steps.add(new TestStep.Begin(e.pos()));
            steps.add(new TestStep.SearchPath(e.schema(), partitionSchema(e), e.pos()));
            steps.add(new TestStep.Plan(body.stream().mapToInt(TestStep::tests).sum(), e.pos()));
            steps.addAll(body);
            steps.add(new TestStep.Finish(e.pos()));
            steps.add(new TestStep.Rollback(e.pos()));
            return new TestFile(bulkTestPath(ep.file()), ep.specFile(), e.schema() + "." + e.table(),
                    "generated bulk functions", steps);
        });
    }

    /** {@code analytics/02_sales_transaction.sql} -> {@code analytics/tests/02_sales_transaction_bulk_test.sql}. */
    public static String bulkTestPath(String ddlFile) {
        return besideInTests(ddlFile, "_bulk_test.sql");
    }

    /**
     * The test file of the {@code index}-th (from 0) workflow whose objects are in {@code ddlFile}:
     * {@code analytics/tests/02_sales_transaction_workflow_test.sql}, then {@code ..._workflow2_test.sql}.
     */
    public static String workflowTestPath(String ddlFile, int index) {
        return besideInTests(ddlFile, index == 0 ? "_workflow_test.sql" : "_workflow" + (index + 1) + "_test.sql");
    }

    /** {@code analytics/02_sales_transaction.sql} -> {@code analytics/tests/02_sales_transaction_test.sql}. */
    static String testPath(String ddlFile) {
        return besideInTests(ddlFile, "_test.sql");
    }

    /** {@code analytics/02_sales_transaction.sql} -> {@code analytics/tests/02_sales_transaction_sessions.sql}. */
    static String sessionPath(String ddlFile) {
        return besideInTests(ddlFile, "_sessions.sql");
    }

    static String besideInTests(String ddlFile, String suffix) {
        int slash = ddlFile.lastIndexOf('/');
        String dir = slash < 0 ? "" : ddlFile.substring(0, slash + 1);
        String name = ddlFile.substring(slash + 1);
        String base = name.endsWith(".sql") ? name.substring(0, name.length() - 4) : name;
        return dir + "tests/" + base + suffix;
    }

    /** The entity's {@code partition_schema}, when it has one other than its own schema. */
    private static Optional<String> partitionSchema(Entity e) {
        return e.partitioning().flatMap(p -> p.schema()).filter(s -> !s.equals(e.schema()));
    }
}
