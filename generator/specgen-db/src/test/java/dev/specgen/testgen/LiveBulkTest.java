package dev.specgen.testgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.specgen.db.ApplyResult;
import dev.specgen.db.Database;
import dev.specgen.db.ScriptRunner;
import dev.specgen.db.SharedEmbedded;
import dev.specgen.db.Stmt;
import dev.specgen.db.TapInstaller;
import dev.specgen.db.TapLine;
import dev.specgen.db.TapResult;
import dev.specgen.db.TapRunner;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Rendered;
import dev.specgen.render.RenderedSessionCheck;
import dev.specgen.verify.SessionRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated bulk functions, their test file and their session checks on the embedded PostgreSQL: everything
 * passes as generated, and each kind of test fails when the function behind it is replaced by a plausible wrong one
 * (the naive delete-all + insert-all replace, an upsert without ON CONFLICT, an insert without de-duplication).
 */
class LiveBulkTest {
    static final String SPEC = """
            entity: Link
            schema: bulk
            fields:
              id: {type: bigint, identity: always}
              parent_id: {type: bigint, nullable: false}
              target_id: {type: uuid, nullable: false}
              weight: integer
              kind: {type: text, nullable: false, default: "'plain'"}
            primary_key: [id, parent_id]
            indexes:
              - {name: link_parent_target, columns: [parent_id, target_id], unique: true}
            partitioning: {strategy: hash, column: parent_id, modulus: 4}
            actions:
              - {name: replace_links, pattern: batch/bulk_operation, operation: replace, parent_key: [parent_id],
                 key: [target_id]}
              - {name: upsert_links, pattern: batch/bulk_operation, operation: upsert,
                 conflict_columns: [parent_id, target_id]}
            ---
            entity: Tag
            schema: bulk
            fields:
              name: {type: text, primary_key: true}
              weight: {type: integer, nullable: false, default: 1}
            actions:
              - {name: add_tags, pattern: batch/bulk_operation, operation: insert}
            """;
    static final String LINK_TESTS = "bulk/tests/01_link_bulk_test.sql";
    static final String TAG_TESTS = "bulk/tests/02_tag_bulk_test.sql";

    static Database db;
    static Rendered ddl;
    static RenderedTests tests;
    static String scratch;
    static TapInstaller.TapSetup tap;

    @BeforeAll
    static void start() {
        SchemaPlan plan = Pipeline.plan(SPEC);
        ddl = Pipeline.RENDERER.render(plan);
        tests = Pipeline.render(new TestPlanner().plan(plan));
        LiveGeneratedTestsTest.dump("specgen-bulk-tests", ddl, tests);
        db = SharedEmbedded.get();
        scratch = db.createScratchDatabase();
        try (Connection c = db.connect(scratch)) {
            tap = db.installTap(c);
            List<Stmt> stmts = ddl.statements().stream().map(s -> new Stmt(s.sql(), s.object(), false)).toList();
            ApplyResult applied = ScriptRunner.apply(c, stmts, ScriptRunner.Mode.ROLLOUT);
            assertTrue(applied.ok(), () -> applied.failure().toString());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void drop() {
        if (scratch != null) {
            db.dropDatabase(scratch);
        }
    }

    @Test
    void theTestFilesAndEverySessionCheckPass() throws SQLException {
        try (Connection c = db.connect(scratch)) {
            for (String f : List.of(LINK_TESTS, TAG_TESTS)) {
                TapResult r = TapRunner.run(c, tests.files().get(f), tap);
                assertTrue(r.ok() && r.planned() == r.ran(), () -> f + "\n" + text(r));
            }
        }
        for (RenderedSessionCheck check : tests.sessionChecks()) {
            TapResult r = sessions(check);
            assertTrue(r.ok(), () -> check.name() + "\n" + text(r));
        }
        assertEquals(List.of("replace_links_concurrently", "upsert_links_concurrently", "add_tags_concurrently"),
                tests.sessionChecks().stream().map(RenderedSessionCheck::name).toList());
    }

    /**
     * The jsonb form asks every row which optional keys it carries only when the first row lacks one: a key no row has
     * takes the default, a key the first row lacks but a later one has is given (NULL where missing).
     */
    @Test
    void theJsonFormSeesAKeyOnlyALaterRowCarries() throws SQLException {
        exec("TRUNCATE bulk.tag");
        try (Connection c = db.connect(scratch); Statement st = c.createStatement()) {
            st.execute("SELECT bulk.add_tags_json('[{\"name\": \"a\"}, {\"name\": \"b\"}]')");
            st.execute("SELECT bulk.add_tags_json('[{\"name\": \"c\", \"weight\": 3}, {\"name\": \"d\","
                    + " \"weight\": 4}]')");
            try (ResultSet rs = st.executeQuery("SELECT string_agg(name || weight, ',' ORDER BY name) FROM bulk.tag")) {
                rs.next();
                assertEquals("a1,b1,c3,d4", rs.getString(1));
            }
            SQLException e = assertThrows(SQLException.class, () -> st.execute("SELECT bulk.add_tags_json("
                    + "'[{\"name\": \"e\"}, {\"name\": \"f\", \"weight\": 4}]')"));
            assertEquals("23502", e.getSQLState(), e.getMessage());
        }
    }

    @Test
    void aDeleteAllInsertAllReplaceFailsTheUnchangedChildTest() throws SQLException {
        TapResult r = withFunction("""
                CREATE OR REPLACE FUNCTION bulk.replace_links(p_parent_id bigint[], p_target_id uuid[],
                    p_weight integer[] DEFAULT NULL, p_kind text[] DEFAULT NULL) RETURNS bigint
                LANGUAGE plpgsql AS $$
                DECLARE n bigint; d bigint;
                BEGIN
                    DELETE FROM bulk.link AS t USING (SELECT DISTINCT unnest(p_parent_id) AS p) AS x
                     WHERE t.parent_id = x.p;
                    GET DIAGNOSTICS d = ROW_COUNT;
                    INSERT INTO bulk.link (parent_id, target_id, weight, kind)
                    SELECT DISTINCT ON (u.p, u.t) u.p, u.t, u.w, coalesce(u.k, 'plain')
                      FROM unnest(p_parent_id, p_target_id, p_weight, p_kind) WITH ORDINALITY AS u(p, t, w, k, o)
                     ORDER BY u.p, u.t, u.o DESC;
                    GET DIAGNOSTICS n = ROW_COUNT;
                    RETURN n + d;
                END $$""", LINK_TESTS);
        assertEquals(List.of("replace_links writes only what changed: 1 deleted, 1 updated (weight), 1 inserted",
                "replace_links leaves an unchanged child alone (no new row version)",
                "replace_links rejects arrays of different lengths"),
                r.failures().stream().map(TapLine::description).toList());
    }

    @Test
    void anUpsertWithoutOnConflictFailsItsSessionCheck() {
        String original = function("bulk.upsert_links");
        try {
            exec("""
                    CREATE OR REPLACE FUNCTION bulk.upsert_links(p_parent_id bigint[], p_target_id uuid[],
                        p_weight integer[] DEFAULT NULL, p_kind text[] DEFAULT NULL) RETURNS bigint
                    LANGUAGE sql AS $$
                        WITH i AS (INSERT INTO bulk.link (parent_id, target_id, weight)
                                   SELECT * FROM unnest(p_parent_id, p_target_id, p_weight) RETURNING 1)
                        SELECT count(*) FROM i
                    $$""");
            RenderedSessionCheck check = tests.sessionChecks().stream()
                    .filter(c -> c.name().equals("upsert_links_concurrently")).findFirst().orElseThrow();
            TapResult r = sessions(check);
            assertEquals("8 sessions x 3 rounds of upsert_links_concurrently: every round ran without error",
                    r.failures().get(0).description());
            // unsorted overlapping inserts without ON CONFLICT: a session either meets a committed key (duplicate)
            // or waits on another's uncommitted one while holding its own (deadlock); which one is timing
            assertTrue(text(r).contains("duplicate key value violates unique constraint")
                    || text(r).contains("deadlock detected (40P01)"), () -> text(r));
        } finally {
            exec(original);
        }
    }

    @Test
    void anInsertWithoutDeduplicationFailsTheDuplicateKeyTest() {
        TapResult r = withFunction("""
                CREATE OR REPLACE FUNCTION bulk.add_tags(p_name text[], p_weight integer[] DEFAULT NULL)
                RETURNS bigint LANGUAGE sql AS $$
                    WITH i AS (INSERT INTO bulk.tag (name, weight)
                               SELECT u.n, coalesce(u.w, 1) FROM unnest(p_name, p_weight) AS u(n, w) RETURNING 1)
                    SELECT count(*) FROM i
                $$""", TAG_TESTS);
        assertTrue(r.error().isPresent() && r.error().get().message().contains("duplicate key value"),
                () -> text(r));
    }

    /** Runs {@code file} with {@code function} in place of the generated one, then puts the generated one back. */
    private static TapResult withFunction(String function, String file) {
        String name = function.substring("CREATE OR REPLACE FUNCTION ".length(), function.indexOf('('));
        String original = function(name);
        try (Connection c = db.connect(scratch)) {
            exec(function);
            return TapRunner.run(c, tests.files().get(file), tap);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            exec(original);
        }
    }

    private static String function(String name) {
        return ddl.statements().stream().filter(s -> s.object().describe().equals("function " + name))
                .map(s -> s.sql()).findFirst().orElseThrow();
    }

    private static TapResult sessions(RenderedSessionCheck check) {
        return new SessionRunner(db, scratch, tap.searchPath(), Duration.ofSeconds(60)).run(check);
    }

    private static void exec(String sql) {
        try (Connection c = db.connect(scratch); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(TapResult r) {
        return r.error() + "\n" + r.lines().stream().map(l -> l.text() + (l.diagnostics().isEmpty() ? ""
                : "\n  " + String.join("\n  ", l.diagnostics()))).collect(Collectors.joining("\n"));
    }
}
