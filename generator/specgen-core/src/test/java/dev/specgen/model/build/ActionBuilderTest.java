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
                    operation: UPSERT
                    batch_field: rows
                    conflict_columns: [id]
                    performance_hints:
                      - disable_triggers: true
                      - batch_size: 500
                """);
        assertEquals("", r.text());
        Action.Bulk a = (Action.Bulk) r.entity().actions().get(0);
        assertEquals("bulk_load", a.name());
        assertEquals(Action.Pattern.BULK_OPERATION, a.pattern());
        assertEquals(Action.Operation.UPSERT, a.operation());
        assertEquals(Optional.of(new Named("rows", new SourcePos("a.yaml", 7, 18))), a.batchField());
        assertEquals(List.of("id"), a.conflictColumns().orElseThrow().names());
        assertEquals(new SourcePos("a.yaml", 8, 23), a.conflictColumns().orElseThrow().pos());
        assertEquals(List.of(new Hint(Hint.Name.DISABLE_TRIGGERS, new Hint.Flag(true), new SourcePos("a.yaml", 10, 9)),
                new Hint(Hint.Name.BATCH_SIZE, new Hint.Count(500), new SourcePos("a.yaml", 11, 9))),
                a.hints().all());
        assertEquals(new SourcePos("a.yaml", 4, 5), a.pos());
        assertEquals(new SourcePos("a.yaml", 5, 14), a.patternPos());
        assertEquals(new SourcePos("a.yaml", 6, 16), a.operationPos());
    }

    @Test
    void columnListsResolveToFields() {
        Run r = entity("""
                actions:
                  - name: swap
                    pattern: batch/bulk_operation
                    operation: replace
                    parent_key: [id, idd, id]
                """);
        assertEquals("""
                a.yaml:7:22: error SG203: parent_key names "idd", which is not a field of Sale (did you mean "id"?)
                a.yaml:7:27: error SG202: parent_key names "id" twice""", r.text());
        Action.Bulk a = (Action.Bulk) r.entity().actions().get(0);
        assertEquals(List.of("id"), a.parentKey().orElseThrow().names());
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
        Action.Workflow a = (Action.Workflow) r.entity().actions().get(0);
        assertEquals(Optional.of(new Named("sale_inserted", new SourcePos("a.yaml", 6, 14))), a.trigger());
        assertEquals(List.of(new Hint(Hint.Name.ASYNC_EXECUTION, new Hint.Flag(true), new SourcePos("a.yaml", 7, 25))),
                a.hints().all());
        assertEquals(new Action.Step("bump", Action.StepAction.UPDATE, new Named("Sale", new SourcePos("a.yaml", 11, 17)),
                List.of(new Action.Assignment(new Named("id", new SourcePos("a.yaml", 13, 11)),
                        new Action.Expr("id + 1", new SourcePos("a.yaml", 13, 15)))),
                Optional.of(new Action.Expr("id = 1", new SourcePos("a.yaml", 14, 20))),
                new SourcePos("a.yaml", 9, 9), new SourcePos("a.yaml", 10, 17)), a.steps().get(0));
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
                a.yaml:10:14: error SG108: action "y" needs a "workflow" list of steps for pattern \
                composite/workflow_orchestrator
                a.yaml:11:24: error SG107: "performance_hints" must be a list or a mapping, found a boolean""",
                r.text());
        assertEquals(List.of("y"), r.entity().actions().stream().map(Action::name).toList());
    }

    @Test
    void entityHints() {
        Run r = entity("performance_hints:\n  - seed_rows: 10000\n  - lookup_budget_ms: 25.5\n");
        assertEquals(List.of(new Hint(Hint.Name.SEED_ROWS, new Hint.Count(10000), new SourcePos("a.yaml", 4, 5)),
                new Hint(Hint.Name.LOOKUP_BUDGET_MS, new Hint.Amount(new java.math.BigDecimal("25.5")),
                        new SourcePos("a.yaml", 5, 5))), r.entity().performanceHints().all());
    }

    @Test
    void hintValuesAreRangeChecked() {
        // 99999999999999999999 passed validation as text and crashed the planner (exit 5) before hints were typed
        assertEquals("""
                a.yaml:4:5: error SG222: performance hint seed_rows must be at most 10000000, found \
                "99999999999999999999"
                  hint: the generated tests seed that many rows in one statement; at most ten million
                a.yaml:5:5: error SG222: performance hint lookup_budget_ms must be at most 3600000, found "1e99"
                  hint: time budgets are milliseconds, from a microsecond up to an hour""",
                entity("performance_hints:\n  - seed_rows: 99999999999999999999\n  - lookup_budget_ms: 1e99\n")
                        .text());
        assertEquals(java.util.OptionalLong.of(10_000_000), entity("performance_hints: {seed_rows: 10000000}\n")
                .entity().performanceHints().count(Hint.Name.SEED_ROWS));
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
