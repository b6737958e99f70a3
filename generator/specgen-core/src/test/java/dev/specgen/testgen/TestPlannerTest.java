package dev.specgen.testgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.specgen.diag.SourcePos;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test plan as data, for small specs: exact descriptions, SQL fragments, seed expressions and positions. */
class TestPlannerTest {

    static final String ACCOUNT = """
            entity: Account
            schema: app
            fields:
              id: {type: bigint, identity: always, primary_key: true}
              email: {type: varchar(120), nullable: false, unique: true}
              balance: {type: "decimal(12,2)", nullable: false, default: 0, check: "balance >= 0"}
              status: enum(active, closed)
              created: timestamptz
            indexes:
              - {name: account_by_status, columns: [status], type: hash}
              - {name: account_created, columns: [created], type: brin}
              - {name: account_email_lower, columns: ["lower(email)"], unique: true}
              - {name: account_tags, columns: [email], type: gin}
            performance_hints: [{seed_rows: 5000}, {lookup_budget_ms: 7}]
            """;

    /** The steps of {@code f} of one kind, in file order. */
    static <T> List<T> steps(TestFile f, Class<T> kind) {
        return f.steps().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static TestFile account() {
        return Pipeline.tests(ACCOUNT).files().get(0);
    }

    @Test
    void theTestFileSitsNextToTheDdlFile() {
        assertEquals("analytics/tests/02_sales_transaction_test.sql",
                TestPlanner.testPath("analytics/02_sales_transaction.sql"));
        assertEquals("app/tests/01_account_test.sql", account().path());
        assertEquals("specs/a.yaml", account().specFile());
        assertEquals("app.account", account().subject());
        assertEquals("structure, index use, time budgets", account().scope());
    }

    @Test
    void oneAssertionPerFactInSpecOrder() {
        TestFile f = account();
        assertEquals(List.of(
                "table app.account exists", "app.specgen_health() reports account",
                "account.id is bigint",
                "account.id is NOT NULL",
                "account.email is varchar(120)",
                "account.email is NOT NULL",
                "account.balance is numeric(12,2)",
                "account.balance is NOT NULL",
                "account.status is app.account_status",
                "account.created is timestamptz",
                "index account_by_status on account (status)",
                "index account_by_status is hash",
                "index account_created on account (created)",
                "index account_created is brin",
                "index account_email_lower on account ((lower(email)))",
                "index account_email_lower is btree",
                "index account_email_lower is unique",
                "index account_tags on account (email)",
                "index account_tags is gin",
                "seeds 5000 rows into account",
                "primary key: a lookup by id uses account_pkey",
                "primary key: a lookup by id averages under 7 ms",
                "account_by_status: a lookup by status uses account_by_status",
                "account_by_status: a lookup by status averages under 7 ms",
                "account_created: a range on created uses account_created",
                "account_created: a range on created averages under 7 ms"),
                f.assertions().stream().map(Assertion::description).toList());
        assertEquals(26, f.planned());
        assertEquals(new TestStep.Plan(26, new SourcePos("specs/a.yaml", 1, 9)), f.steps().get(5));
    }

    @Test
    void columnTypesAreSpelledAsFormatTypePrintsThem() {
        List<String> types = account().steps().stream().filter(Assertion.ColumnType.class::isInstance)
                .map(s -> ((Assertion.ColumnType) s).type()).toList();
        assertEquals(List.of("bigint", "character varying(120)", "numeric(12,2)", "account_status",
                "timestamp with time zone"), types);
    }

    @Test
    void expressionKeysAreCheckedByNameOnly() {
        Assertion.HasIndex lower = account().steps().stream().filter(Assertion.HasIndex.class::isInstance)
                .map(Assertion.HasIndex.class::cast).filter(h -> h.index().equals("account_email_lower"))
                .findFirst().orElseThrow();
        assertEquals(List.of(), lower.columns());
        assertEquals(new SourcePos("specs/a.yaml", 12, 5), lower.origin());
    }

    @Test
    void seedValuesAreFunctionsOfTheRowNumber() {
        TestStep.SeedFunction seed = account().steps().stream().filter(TestStep.SeedFunction.class::isInstance)
                .map(TestStep.SeedFunction.class::cast).findFirst().orElseThrow();
        assertEquals("pg_temp.specgen_seed_account", seed.function());
        assertEquals("app.account", seed.table());
        assertEquals(List.of(
                "i AS id",
                "left('v' || i, 120) AS email",
                "1 + (i % 15) AS balance",
                "(enum_range(NULL::app.account_status))[1 + (i % 2)] AS status",
                "'2024-01-01 00:00:00+00'::timestamptz + i * interval '1 minute' AS created"), seed.selectList());
        assertEquals(true, seed.overriding());
        assertEquals(List.of(), seed.before());
    }

    @Test
    void lookupsUseTheValuesOfRowOne() {
        List<String> queries = account().steps().stream().filter(PerformanceAssertion.IndexUse.class::isInstance)
                .map(s -> ((PerformanceAssertion.IndexUse) s).query()).toList();
        assertEquals(List.of(
                "SELECT * FROM app.account WHERE id = 1",
                "SELECT * FROM app.account WHERE status = 'closed'",
                "SELECT * FROM app.account WHERE created >= '2024-01-01 00:01:00+00'"
                        + " AND created < '2024-01-01 01:41:00+00'"), queries);
        List<String> notes = account().steps().stream().filter(TestStep.Note.class::isInstance)
                .map(s -> ((TestStep.Note) s).text()).toList();
        assertEquals(List.of("no lookup test for account_email_lower: its first key is an expression",
                "no lookup test for account_tags: gin indexes serve operators such as @>, && or <->, not a plain"
                        + " lookup"), notes);
    }

    @Test
    void timeBudgetsAreCenteredOnHalfTheBudget() {
        PerformanceAssertion.TimeBudget t = steps(account(), PerformanceAssertion.TimeBudget.class).get(0);
        assertEquals("3.5", t.half());
        assertEquals(10, t.iterations());
        assertEquals(new SourcePos("specs/a.yaml", 14, 41), t.origin());
    }

    @Test
    void settingsArePinnedBeforeThePlan() {
        List<String> settings = account().steps().stream().filter(TestStep.SetLocal.class::isInstance)
                .map(s -> ((TestStep.SetLocal) s).name() + " = " + ((TestStep.SetLocal) s).value()).toList();
        assertEquals(List.of("jit = off", "max_parallel_workers_per_gather = 0",
                "random_page_cost = 1.1", "default_statistics_target = 100", "enable_seqscan = off"), settings);
        // the file names no TAP schema: its own schema goes in front of the session's path, set by the runner
        assertEquals(new TestStep.SearchPath("app", account().steps().get(1).origin()), account().steps().get(1));
    }

    @Test
    void seedRowsCanBeCapped() {
        TestFile capped = new TestPlanner().withMaxSeedRows(40).plan(Pipeline.plan(ACCOUNT)).files().get(0);
        PerformanceAssertion.Seeded s = capped.steps().stream().filter(PerformanceAssertion.Seeded.class::isInstance)
                .map(PerformanceAssertion.Seeded.class::cast).findFirst().orElseThrow();
        assertEquals("SELECT pg_temp.specgen_seed_account(40)", s.call());
        assertThrows(IllegalArgumentException.class, () -> new TestPlanner().withMaxSeedRows(0));
    }

    static final String ORDERS = """
            entity: Customer
            schema: shop
            fields:
              id: {type: uuid, primary_key: true, default: gen_random_uuid()}
              best_order: {type: bigint, references: Order}
            ---
            entity: Order
            schema: shop
            fields:
              id: {type: bigint, primary_key: true}
              customer: {type: uuid, nullable: false, references: Customer}
            ---
            entity: Shipment
            schema: shop
            fields:
              id: bigint
              order_id: {type: bigint, nullable: false, references: Order}
              region: {type: text, nullable: false}
            primary_key: [id, region]
            partitioning:
              strategy: list
              column: region
              partitions:
                - {name: eu, values: [de, fr]}
                - {name: us, values: [us]}
            """;

    static TestFile file(String subject) {
        return Pipeline.tests(ORDERS).files().stream().filter(f -> f.subject().equals(subject)).findFirst()
                .orElseThrow();
    }

    static List<TestStep.SeedFunction> seeds(TestFile f) {
        return f.steps().stream().filter(TestStep.SeedFunction.class::isInstance)
                .map(TestStep.SeedFunction.class::cast).toList();
    }

    @Test
    void referencedTablesAreSeededFirstAndCyclesCutAtNullableColumns() {
        List<TestStep.SeedFunction> seeds = seeds(file("shop.shipment"));
        assertEquals(List.of("pg_temp.specgen_seed_customer", "pg_temp.specgen_seed_order",
                "pg_temp.specgen_seed_shipment"), seeds.stream().map(TestStep.SeedFunction::function).toList());
        assertEquals(List.of("md5(i::text)::uuid AS id", "NULL AS best_order"), seeds.get(0).selectList());
        assertEquals(List.of("i AS id", "md5((1 + (i % 100))::text)::uuid AS customer"), seeds.get(1).selectList());
        assertEquals(List.of(), seeds.get(1).before());
        assertEquals(List.of("pg_temp.specgen_seed_customer(100)", "pg_temp.specgen_seed_order(100)"),
                seeds.get(2).before());
        assertEquals(List.of("i AS id", "1 + (i % 100) AS order_id",
                "(ARRAY['de', 'fr', 'us']::text[])[1 + (i % 3)] AS region"), seeds.get(2).selectList());
        PerformanceAssertion.Seeded seeded = steps(file("shop.shipment"), PerformanceAssertion.Seeded.class).get(0);
        assertEquals("seeds 10000 rows into shipment (after 100 rows each into customer, order)",
                seeded.description());
    }

    @Test
    void aNotNullReferenceBackIntoACycleSkipsThePerformanceTests() {
        TestFile customer = file("shop.customer");
        assertEquals("structure", customer.scope());
        PerformanceAssertion.Skip skip = (PerformanceAssertion.Skip) customer.steps().get(customer.steps().size() - 3);
        assertEquals("# SKIP performance tests: cannot seed customer: column customer of order references"
                + " Customer, which depends on it in turn, and is NOT NULL", skip.description());
    }

    @Test
    void listPruningExpectsTheLeavesOfTheFirstPartition() {
        PerformanceAssertion.Pruning p = steps(file("shop.shipment"), PerformanceAssertion.Pruning.class).get(0);
        assertEquals("SELECT * FROM shop.shipment WHERE region = 'de'", p.query());
        assertEquals("ARRAY['shipment_eu']", p.expected());
        assertEquals("an equality on region in shipment_eu scans only shipment_eu", p.description());
        assertEquals("$q$SELECT * FROM shop.shipment WHERE region = 'de'$q$", p.queryLiteral());
    }

    @Test
    void subPartitionedRangesExpectAllLeavesOfTheFirstPartition() {
        TestFile rich = Pipeline.tests(Pipeline.RICH).files().stream().filter(f -> f.subject().equals("s.rich"))
                .findFirst().orElseThrow();
        PerformanceAssertion.Pruning p = rich.steps().stream().filter(PerformanceAssertion.Pruning.class::isInstance)
                .map(PerformanceAssertion.Pruning.class::cast).findFirst().orElseThrow();
        assertEquals("ARRAY['rich_p2024_01_big', 'rich_p2024_01_default', 'rich_p2024_01_small']", p.expected());
        assertEquals("a range on the bounds of rich_p2024_01 scans only the 3 leaves of rich_p2024_01",
                p.description());
        List<String> keys = rich.steps().stream().filter(Assertion.PartitionKey.class::isInstance)
                .map(s -> ((Assertion.PartitionKey) s).relation() + " " + ((Assertion.PartitionKey) s).expected())
                .toList();
        assertEquals(List.of("s.rich RANGE (at)", "s.rich_p2024_01 LIST (n)", "s.rich_p2024_02 LIST (n)"), keys);
    }

    /** {@code n} entities, each referencing the one before it (NOT NULL): a chain of references. */
    static String chain(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i > 0 ? "---\n" : "").append("entity: Node").append(i).append("\nschema: c\nfields:\n")
                    .append("  id: {type: bigint, primary_key: true}\n");
            if (i > 0) {
                b.append("  parent_id: {type: bigint, nullable: false, references: Node").append(i - 1).append("}\n");
            }
        }
        return b.toString();
    }

    /**
     * Issue 12: a test file seeds the tables its entity references, directly or not, so along a chain each file
     * repeated the one before it (a chain of 2,000 took 263 s and 6.5 GB). At most 32 tables per file: the first
     * 32 of a chain seed 1..32 tables, the rest say why their performance tests are left out, and the number of
     * seed functions no longer grows with the chain.
     */
    @Test
    void seedingALongChainOfReferencesIsBounded() {
        TestPlan plan = Pipeline.tests(chain(60));
        List<Integer> seeded = plan.files().stream().map(f -> seeds(f).size()).toList();
        for (int i = 0; i < 32; i++) {
            assertEquals(i + 1, seeded.get(i), "Node" + i + " seeds itself and the " + i + " tables before it");
        }
        for (int i = 32; i < 60; i++) {
            assertEquals(0, seeded.get(i), "Node" + i);
        }
        assertEquals(32 * 33 / 2, seeded.stream().mapToInt(Integer::intValue).sum());
        List<String> skips = plan.files().get(59).steps().stream().filter(PerformanceAssertion.Skip.class::isInstance)
                .map(s -> ((PerformanceAssertion.Skip) s).reason()).toList();
        assertEquals(List.of("performance tests: cannot seed node59: it references more than 31 tables, directly or "
                + "not, and a test file seeds at most 32 (seed them in a test of your own)"), skips);
        assertEquals("structure", plan.files().get(59).scope());
        assertEquals("structure, index use, time budgets", plan.files().get(31).scope());
    }
}
