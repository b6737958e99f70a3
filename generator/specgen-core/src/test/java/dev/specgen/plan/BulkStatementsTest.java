package dev.specgen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.Entity;
import dev.specgen.model.build.Run;
import dev.specgen.render.Renderer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The statements specgen load runs on staged rows: the function's own, with constant "given" conditions. */
class BulkStatementsTest {
    static final Renderer RENDERER = new Renderer(Optional.empty());

    static Entity entity(String action) {
        return Run.build("""
                entity: Tag
                schema: app
                fields:
                  name: {type: text, primary_key: true}
                  parent: {type: bigint, nullable: false}
                  weight: {type: integer, nullable: false, default: 1}
                  note: text
                actions:
                  - %s
                """.formatted(action)).entity();
    }

    @Test
    void anInsertReadsTheStagedRowsAndLeavesOutWhatTheInputLacks() {
        Entity e = entity("{name: add_tags, pattern: batch/bulk_operation, operation: insert}");
        List<BulkStatements.Statement> s = BulkStatements.of(e, e.bulkActions().get(0), List.of("name", "parent"),
                "", Optional.empty(), RENDERER);
        assertEquals(List.of(new BulkStatements.Statement("""
                INSERT INTO app.tag (name, parent, weight, note)
                    SELECT DISTINCT ON (r.name)
                           r.name, r.parent, r.weight, r.note
                      FROM (SELECT u.name AS name,
                                   u.parent AS parent,
                                   CASE WHEN false THEN u.weight ELSE 1 END AS weight,
                                   u.note AS note,
                                   u.specgen_line AS specgen_ord
                              FROM (SELECT * FROM pg_temp.specgen_stage AS s WHERE s.specgen_line BETWEEN ? AND ?) AS u) AS r
                     ORDER BY r.name, r.specgen_ord DESC""",
                BulkStatements.Statement.Kind.UPDATE_COUNT)), s);
    }

    @Test
    void aReplaceIntoAnEmptyPartitionIsAnInsertKeyedByParentAndKey() {
        Entity e = entity("{name: set_tags, pattern: batch/bulk_operation, operation: replace, parent_key: [parent],"
                + " key: [name]}");
        List<BulkStatements.Statement> whole = BulkStatements.of(e, e.bulkActions().get(0), List.of("name",
                "parent", "weight"), "", Optional.empty(), RENDERER);
        assertEquals(List.of(BulkStatements.Statement.Kind.SETTING, BulkStatements.Statement.Kind.LOCK,
                BulkStatements.Statement.Kind.QUERY_COUNT), whole.stream().map(BulkStatements.Statement::kind).toList());
        assertEquals("SET LOCAL enable_seqscan = off", whole.get(0).sql());
        assertEquals(true, whole.get(1).sql().startsWith("SELECT pg_catalog.pg_advisory_xact_lock("
                + "'app.tag'::regclass::oid::integer, b.bucket)"), whole.get(1).sql());
        List<BulkStatements.Statement> leaf = BulkStatements.of(e, e.bulkActions().get(0), List.of("name", "parent",
                "weight"), "(parent < 10)", Optional.of("app.tag_p0"), RENDERER);
        assertEquals(1, leaf.size());
        assertEquals(true, leaf.get(0).sql().contains("INSERT INTO app.tag_p0 (name, parent, weight, note)\n"
                + "    SELECT DISTINCT ON (r.parent, r.name)"), leaf.get(0).sql());
        assertEquals(true, leaf.get(0).sql().contains("WHERE s.specgen_line BETWEEN ? AND ? AND (parent < 10)) AS u"),
                leaf.get(0).sql());
    }

    @Test
    void anUpsertIntoAPartitionWithItsIndexesKeepsItsConflictRule() {
        Entity e = entity("{name: put_tags, pattern: batch/bulk_operation, operation: upsert}");
        List<BulkStatements.Statement> fill = BulkStatements.of(e, e.bulkActions().get(0), List.of("name", "parent"),
                "(parent < 10)", Optional.of("app.tag_p0"), RENDERER);
        assertEquals(false, fill.get(0).sql().contains("ON CONFLICT"), fill.get(0).sql());
        List<BulkStatements.Statement> own = BulkStatements.intoPartition(e, e.bulkActions().get(0), List.of("name",
                "parent"), "(parent < 10)", "app.tag_p0", RENDERER);
        assertEquals(1, own.size());
        assertEquals(true, own.get(0).sql().startsWith("INSERT INTO app.tag_p0 AS t (name, parent, weight, note)"),
                own.get(0).sql());
        assertEquals(true, own.get(0).sql().contains("ON CONFLICT (name) DO UPDATE"), own.get(0).sql());
    }

    @Test
    void aReplaceIntoAPartitionWithItsIndexesLocksAndReplacesByItsOwnKey() {
        Entity e = entity("{name: set_tags, pattern: batch/bulk_operation, operation: replace, parent_key: [parent],"
                + " key: [name]}");
        List<BulkStatements.Statement> own = BulkStatements.intoPartition(e, e.bulkActions().get(0), List.of("name",
                "parent", "weight"), "(parent < 10)", "app.tag_p0", RENDERER);
        assertEquals(List.of(BulkStatements.Statement.Kind.SETTING, BulkStatements.Statement.Kind.LOCK,
                BulkStatements.Statement.Kind.QUERY_COUNT), own.stream().map(BulkStatements.Statement::kind).toList());
        assertEquals(true, own.get(2).sql().contains("app.tag_p0"), own.get(2).sql());
        assertEquals(false, own.get(2).sql().contains("app.tag "), own.get(2).sql());
    }
}
