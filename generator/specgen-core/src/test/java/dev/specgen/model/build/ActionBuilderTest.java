package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Action;
import dev.specgen.model.Hint;
import dev.specgen.model.Named;
import dev.specgen.model.Param;
import dev.specgen.model.Storage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Actions, performance hints, materialized views and storage: the entity's remaining sections. */
class ActionBuilderTest {

    private static Run entity(String rest) {
        return Run.build("entity: Sale\nfields: {id: bigint}\n" + rest);
    }

    @Test
    void bulkAction() {
        Run r = entity("""
                actions:
                  - name: bulk_load
                    pattern: Batch/Bulk_Operation
                    operation: INSERT
                    batch_field: rows
                    performance_hints:
                      - disable_triggers: true
                      - batch_size: 500
                      - conflict_columns: [id]
                """);
        assertEquals("", r.text());
        Action a = r.entity().actions().get(0);
        assertEquals("bulk_load", a.name());
        assertEquals("batch/bulk_operation", a.pattern());
        assertEquals(Optional.of("insert"), a.operation());
        assertEquals(Optional.of("rows"), a.batchField());
        assertEquals(List.of(new Hint("disable_triggers", "true", new SourcePos("a.yaml", 9, 9)),
                new Hint("batch_size", "500", new SourcePos("a.yaml", 10, 9)),
                new Hint("conflict_columns", "id", new SourcePos("a.yaml", 11, 9))), a.performanceHints());
        assertEquals(new SourcePos("a.yaml", 4, 5), a.pos());
        assertEquals(new SourcePos("a.yaml", 5, 14), a.patternPos());
        assertEquals(new SourcePos("a.yaml", 6, 16), a.operationPos());
    }

    @Test
    void workflowAction() {
        Run r = entity("""
                actions:
                  - name: sync
                    pattern: composite/workflow_orchestrator
                    trigger: sale_inserted
                    performance_hints: {async_execution: true}
                    workflow:
                      - step: bump
                        action: Update
                        entity: Sale
                        fields:
                          id: "id + 1"
                        condition: "id = 1"
                """);
        assertEquals("", r.text());
        Action a = r.entity().actions().get(0);
        assertEquals(Optional.of("sale_inserted"), a.trigger());
        assertEquals(List.of(new Hint("async_execution", "true", new SourcePos("a.yaml", 7, 25))),
                a.performanceHints());
        assertEquals(new Action.Step("bump", "update", new Named("Sale", new SourcePos("a.yaml", 11, 17)),
                Map.of("id", new Action.Expr("id + 1", new SourcePos("a.yaml", 13, 11))), Optional.of("id = 1"),
                new SourcePos("a.yaml", 9, 9), new SourcePos("a.yaml", 10, 17)), a.workflow().get(0));
    }

    @Test
    void actionShapeErrors() {
        Run r = entity("""
                actions:
                  - pattern: batch/bulk_operation
                  - name: x
                    patern: batch/bulk_operation
                    workflow:
                      - {step: s, action: update, entitty: Sale}
                  - name: y
                    pattern: composite/workflow_orchestrator
                    performance_hints: true
                """);
        assertEquals("""
                a.yaml:4:5: error SG108: missing required key "name" in action
                a.yaml:6:5: error SG106: unknown key "patern" in action "x" (did you mean "pattern"?)
                a.yaml:8:35: error SG106: unknown key "entitty" in workflow step "s" (did you mean "entity"?)
                a.yaml:11:24: error SG107: "performance_hints" must be a list or a mapping, found a boolean""",
                r.text());
        assertEquals(List.of("y"), r.entity().actions().stream().map(Action::name).toList());
    }

    @Test
    void entityHints() {
        Run r = entity("performance_hints:\n  - seed_rows: 10000\n  - lookup_budget_ms: 25.5\n");
        assertEquals(List.of(new Hint("seed_rows", "10000", new SourcePos("a.yaml", 4, 5)),
                new Hint("lookup_budget_ms", "25.5", new SourcePos("a.yaml", 5, 5))), r.entity().performanceHints());
    }

    @Test
    void storage() {
        Run r = entity("storage:\n  fillfactor: 70\n  unlogged: true\n  autovacuum_enabled: FALSE\n");
        assertEquals("", r.text());
        assertEquals(new Storage(List.of(new Param("fillfactor", "70", new SourcePos("a.yaml", 4, 3)),
                new Param("autovacuum_enabled", "false", new SourcePos("a.yaml", 6, 3))), true,
                new SourcePos("a.yaml", 4, 3)), r.entity().storage());
        assertEquals("a.yaml:4:13: error SG107: \"unlogged\" must be true or false, found the string \"yes\"\n"
                + "  hint: YAML 1.2 reads yes/no/on/off as strings; write true or false",
                entity("storage:\n  unlogged: yes\n").text());
    }
}
