package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ActionRule and HintRule. */
class ActionRuleTest {

    private static final String METRICS = "entity: Metrics\nfields: {id: bigint, total: numeric}\n";

    private static Run actions(String yaml) {
        return Run.validate("entity: Sale\nfields: {id: bigint, amount: numeric}\nactions:\n" + yaml, METRICS);
    }

    @Test
    void validActions() {
        assertEquals("", actions("""
                  - name: load
                    pattern: batch/bulk_operation
                    operation: upsert
                    batch_field: rows
                    performance_hints: [{disable_triggers: true}, {batch_size: 1000}, {conflict_columns: [id]}]
                  - name: sync
                    pattern: composite/workflow_orchestrator
                    trigger: sale_inserted
                    performance_hints: {async_execution: true, batch_updates: false, materialized_views: true}
                    workflow:
                      - {step: add, action: update, entity: Metrics, fields: {total: "total + 1"}, condition: "id = 1"}
                      - {step: drop, action: delete, entity: Sale, condition: "amount = 0"}
                """).text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{name: a, pattern: batch/bulk_operations, operation: insert}` | a.yaml:4:24: error SG222: unknown pattern"
                + " \"batch/bulk_operations\" in action \"a\" (did you mean \"batch/bulk_operation\"?)\\n  hint:"
                + " patterns: batch/bulk_operation, composite/workflow_orchestrator",
        "`{name: a, pattern: batch/bulk_operation}` | a.yaml:4:24: error SG108: action \"a\" needs \"operation\""
                + " (insert, upsert, delete) for pattern batch/bulk_operation",
        "`{name: a, pattern: batch/bulk_operation, operation: insrt}` | a.yaml:4:57: error SG222: unknown operation"
                + " \"insrt\" in action \"a\" (did you mean \"insert\"?)\\n  hint: operations: insert, upsert, delete",
        "`{name: a, pattern: batch/bulk_operation, operation: insert, workflow: [{step: s, action: delete, entity:"
                + " Sale}]}` | a.yaml:4:76: error SG222: action \"a\" has a workflow, which pattern"
                + " batch/bulk_operation does not use\\n  hint: use pattern composite/workflow_orchestrator for"
                + " workflows",
        "`{name: a, pattern: composite/workflow_orchestrator}` | a.yaml:4:24: error SG108: action \"a\" needs a"
                + " \"workflow\" list of steps for pattern composite/workflow_orchestrator",
        "`{name: a, pattern: composite/workflow_orchestrator, operation: insert, batch_field: x, workflow: [{step: s,"
                + " action: delete, entity: Sale}]}` | a.yaml:4:5: error SG222: action \"a\" has batch_field x, which"
                + " pattern composite/workflow_orchestrator does not use\\n  hint: use pattern batch/bulk_operation"
                + " for bulk operations\\na.yaml:4:68: error SG222: action \"a\" has operation insert, which pattern"
                + " composite/workflow_orchestrator does not use\\n  hint: use pattern batch/bulk_operation for bulk"
                + " operations",
        "`{name: a, pattern: composite/workflow_orchestrator, workflow: [{step: s, action: updte, entity: Sale,"
                + " fields: {id: 1}}]}` | a.yaml:4:86: error SG222: unknown step action \"updte\" in workflow step"
                + " \"s\" (did you mean \"update\"?)\\n  hint: step actions: update, insert, upsert, delete",
        "`{name: a, pattern: composite/workflow_orchestrator, workflow: [{step: s, action: update, entity:"
                + " Metrcs, fields: {total: 1}}]}` | a.yaml:4:102: error SG204: unknown entity \"Metrcs\" in workflow"
                + " step \"s\" (did you mean \"Metrics\"?)\\n  hint: entities of this run: Sale, Metrics; specs that a"
                + " workflow targets must be generated together",
        "`{name: a, pattern: composite/workflow_orchestrator, workflow: [{step: s, action: update, entity:"
                + " Metrics, fields: {totl: 1}}]}` | a.yaml:4:120: error SG203: workflow step \"s\" sets \"totl\","
                + " which is not a field of Metrics (did you mean \"total\"?)",
        "`{name: a, pattern: composite/workflow_orchestrator, workflow: [{step: s, action: update, entity:"
                + " Metrics}]}` | a.yaml:4:68: error SG108: workflow step \"s\" needs \"fields\" to update",
        "`{name: a, pattern: composite/workflow_orchestrator, workflow: [{step: s, action: delete, entity:"
                + " Metrics, fields: {total: 0}}]}` | a.yaml:4:68: error SG222: workflow step \"s\" deletes rows but"
                + " sets fields\\n  hint: drop fields: from the step",
        "`{name: a, pattern: composite/workflow_orchestrator, workflow: [{step: s, action: delete, entity: Sale},"
                + " {step: s, action: delete, entity: Sale}]}` | a.yaml:4:109: error SG202: workflow step \"s\""
                + " appears twice in action \"a\"",
        // hints
        "`{name: a, pattern: batch/bulk_operation, operation: insert, performance_hints: {copy_mod: true}}` |"
                + " a.yaml:4:85: error SG222: unknown performance hint \"copy_mod\" (did you mean \"copy_mode\"?)\\n"
                + "  hint: action hints: disable_triggers, disable_indexes, copy_mode, async_execution,"
                + " batch_updates, materialized_views, batch_size, conflict_columns",
        "`{name: a, pattern: batch/bulk_operation, operation: insert, performance_hints: {copy_mode: yes}}` |"
                + " a.yaml:4:85: error SG222: performance hint copy_mode must be true or false, found \"yes\"\\n"
                + "  hint: YAML 1.2 reads yes/no/on/off as strings; write true or false",
        "`{name: a, pattern: batch/bulk_operation, operation: insert, performance_hints: {batch_size: 0}}` |"
                + " a.yaml:4:85: error SG222: performance hint batch_size must be a positive integer, found \"0\"",
        "`{name: a, pattern: batch/bulk_operation, operation: insert, performance_hints: {seed_rows: 10}}` |"
                + " a.yaml:4:85: error SG222: performance hint seed_rows belongs to the entity\\n  hint: move it to"
                + " the entity's top-level performance_hints",
        "`{name: a, pattern: batch/bulk_operation, operation: insert, performance_hints: [{copy_mode: true},"
                + " {copy_mode: false}]}` | a.yaml:4:105: error SG202: performance hint copy_mode is given twice",
        "`{name: a, pattern: batch/bulk_operation, operation: insert, performance_hints: {conflict_columns: [idd]}}`"
                + " | a.yaml:4:85: error SG203: conflict column \"idd\" is not a field of Sale (did you mean \"id\"?)\\n"
                + "a.yaml:4:85: error SG222: performance hint conflict_columns only applies to operation: upsert",
    })
    void reports(String action, String expected) {
        assertEquals(expected.replace("\\n", "\n"), actions("  - " + action + "\n").text());
    }

    @Test
    void entityHints() {
        String base = "entity: Sale\nfields: {id: bigint}\nperformance_hints:\n";
        assertEquals("", Run.validate(base + "  - seed_rows: 10000\n  - lookup_budget_ms: 50\n"
                + "  - range_budget_ms: 12.5\n").text());
        assertEquals("""
                a.yaml:4:5: error SG222: performance hint copy_mode belongs to an action
                  hint: move it under an action's performance_hints
                a.yaml:5:5: error SG222: unknown performance hint "seed_row" (did you mean "seed_rows"?)
                  hint: entity hints: seed_rows, lookup_budget_ms, range_budget_ms
                a.yaml:6:5: error SG222: performance hint lookup_budget_ms must be a positive number, found "-5\"""",
                Run.validate(base + "  - copy_mode: true\n  - seed_row: 10\n  - lookup_budget_ms: -5\n").text());
    }

    /**
     * Issue 6: seed_rows: 99999999999999999999 passed validate and crashed build (exit 5); budgets with huge
     * exponents would print a billion digits or not parse at all. Bounds are checked at the value.
     */
    @Test
    void numericHintsHaveBounds() {
        String base = "entity: Sale\nfields: {id: bigint}\nperformance_hints:\n";
        assertEquals("", Run.validate(base + "  - seed_rows: 10000000\n  - lookup_budget_ms: 3600000\n"
                + "  - range_budget_ms: 0.001\n").text());
        assertEquals("""
                a.yaml:4:5: error SG222: performance hint seed_rows must be at most 10000000, found "99999999999999999999"
                a.yaml:5:5: error SG222: performance hint lookup_budget_ms must be at most 3600000, found "1e999999999"
                a.yaml:6:5: error SG222: performance hint range_budget_ms must be a positive number, found "1e9999999999\"""",
                Run.validate(base + "  - seed_rows: 99999999999999999999\n  - lookup_budget_ms: 1e999999999\n"
                        + "  - range_budget_ms: 1e9999999999\n").text());
        assertEquals("a.yaml:4:5: error SG222: performance hint range_budget_ms must be at least 0.001, found"
                + " \"1e-999999999\"", Run.validate(base + "  - range_budget_ms: 1e-999999999\n").text());
    }
}
