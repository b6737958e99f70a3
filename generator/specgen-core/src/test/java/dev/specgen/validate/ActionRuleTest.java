package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ActionBuilder's words and hint values, ActionRule, BulkRule and HintRule, through the real pipeline. */
class ActionRuleTest {

    private static final String METRICS = "entity: Metrics\nfields: {id: bigint, total: numeric}\n";
    /** A workflow with delete steps is not generated (SG236). */
    private static final String DELETES = "a.yaml:4:24: warning SG236: workflow action \"a\" is validated but not"
            + " generated: steps that insert or delete target rows are not compiled yet: STEPS\n  hint: write those"
            + " steps as update (create the row when missing, then fold the inserted rows into it), or keep the"
            + " workflow as documentation";
    /** A workflow without a trigger does not compile (SG238). */
    private static final String NO_TRIGGER = "a.yaml:4:24: error SG238: workflow action \"a\" has no trigger: specgen"
            + " cannot tell when its steps run\n  hint: add trigger: <name>_inserted (for example"
            + " transaction_inserted): the steps then run for every statement that inserts rows into the entity";
    /** An update step without a condition does not compile (SG237). */
    private static final String NO_CONDITION = "a.yaml:4:68: error SG237: workflow step \"s\" has no condition:"
            + " specgen cannot tell which Metrics row an inserted row updates\n  hint: add condition: \"<key column> ="
            + " transaction.<column>\" for each column of Metrics's primary key";

    private static Run actions(String yaml) {
        return Run.validate("entity: Sale\nfields: {id: {type: bigint, primary_key: true}, amount: numeric, "
                + "note: json}\nactions:\n" + yaml, METRICS);
    }

    @Test
    void validActions() {
        assertEquals("a.yaml:11:14: warning SG236: workflow action \"sync\" is validated but not generated: steps"
                + " that insert or delete target rows are not compiled yet: drop (delete)\n  hint: write those steps"
                + " as update (create the row when missing, then fold the inserted rows into it), or keep the workflow"
                + " as documentation\na.yaml:13:48: warning SG239: performance hint batch_updates: false of workflow"
                + " action \"sync\" has no effect: the inserted rows are always applied aggregated per target key (one"
                + " statement per step), never row by row\n  hint: drop it\na.yaml:13:70: warning SG239: performance"
                + " hint materialized_views of workflow action \"sync\" has no effect: the steps update their target"
                + " tables directly, set-based, which is what a materialized view of these totals would give; no view"
                + " is made for them\n  hint: drop it, or declare a materialized_view (refresh: incremental) over the"
                + " source to get a view",
                actions("""
                  - name: load
                    pattern: batch/bulk_operation
                    operation: upsert
                    batch_field: rows
                    conflict_columns: [id]
                    performance_hints: [{disable_indexes: true}, {batch_size: 1000}, {copy_mode: true}]
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
                + " (insert, upsert, delete, replace) for pattern batch/bulk_operation",
        "`{name: a, pattern: batch/bulk_operation, operation: insrt}` | a.yaml:4:57: error SG222: unknown operation"
                + " \"insrt\" in action \"a\" (did you mean \"insert\"?)\\n  hint: operations: insert, upsert, delete,"
                + " replace",
        "`{name: a, pattern: batch/bulk_operation, operation: insert, workflow: [{step: s, action: delete, entity:"
                + " Sale}]}` | a.yaml:4:65: error SG222: action \"a\" has a workflow, which pattern"
                + " batch/bulk_operation does not use\\n  hint: use pattern composite/workflow_orchestrator for"
                + " workflows",
        "`{name: a, pattern: composite/workflow_orchestrator}` | a.yaml:4:24: error SG108: action \"a\" needs a"
                + " \"workflow\" list of steps for pattern composite/workflow_orchestrator\\n" + "NO_TRIGGER",
        "`{name: a, pattern: composite/workflow_orchestrator, operation: insert, batch_field: x, workflow: [{step: s,"
                + " action: delete, entity: Sale}]}` | DELETES_S"
                + "\\na.yaml:4:68: error SG222: action \"a\" has operation insert, which pattern"
                + " composite/workflow_orchestrator does not use\\n  hint: use pattern batch/bulk_operation for bulk"
                + " operations\\na.yaml:4:89: error SG222: action \"a\" has batch_field x, which"
                + " pattern composite/workflow_orchestrator does not use\\n  hint: use pattern batch/bulk_operation"
                + " for bulk operations",
        "`{name: a, pattern: composite/workflow_orchestrator, workflow: [{step: s, action: updte, entity: Sale,"
                + " fields: {id: 1}}]}` | NO_TRIGGER\\na.yaml:4:86: error SG222: unknown step action \"updte\" in"
                + " workflow step \"s\" (did you mean \"update\"?)\\n  hint: step actions: update, insert, upsert,"
                + " delete",
        "`{name: a, pattern: composite/workflow_orchestrator, workflow: [{step: s, action: update, entity:"
                + " Metrcs, fields: {total: 1}}]}` | NO_TRIGGER\\na.yaml:4:102: error SG204: unknown entity"
                + " \"Metrcs\" in workflow step \"s\" (did you mean \"Metrics\"?)\\n  hint: entities of this run: Sale,"
                + " Metrics; specs that a workflow targets must be generated together",
        "`{name: a, pattern: composite/workflow_orchestrator, workflow: [{step: s, action: update, entity:"
                + " Metrics, fields: {totl: 1}}]}` | NO_TRIGGER\\nNO_CONDITION\\na.yaml:4:120: error SG203: workflow step \"s\""
                + " sets \"totl\", which is not a field of Metrics (did you mean \"total\"?)",
        "`{name: a, pattern: composite/workflow_orchestrator, workflow: [{step: s, action: update, entity:"
                + " Metrics}]}` | NO_TRIGGER\\na.yaml:4:68: error SG108: workflow step \"s\" needs \"fields\" to"
                + " update\\nNO_CONDITION",
        "`{name: a, pattern: composite/workflow_orchestrator, workflow: [{step: s, action: delete, entity:"
                + " Metrics, fields: {total: 0}}]}` | DELETES_S\\na.yaml:4:68: error SG222: workflow step \"s\""
                + " deletes rows but sets fields\\n  hint: drop fields: from the step",
        "`{name: a, pattern: composite/workflow_orchestrator, workflow: [{step: s, action: delete, entity: Sale},"
                + " {step: s, action: delete, entity: Sale}]}` | DELETES_SS\\na.yaml:4:109: error SG202: workflow"
                + " step \"s\" appears twice in action \"a\"",
        // hints: names, levels and values (model builder), then what they do (HintRule)
        "`{name: a, pattern: batch/bulk_operation, operation: insert, performance_hints: {copy_mod: true}}` |"
                + " a.yaml:4:85: error SG222: unknown performance hint \"copy_mod\" (did you mean \"copy_mode\"?)\\n"
                + "  hint: action hints: disable_triggers, disable_indexes, copy_mode, async_execution,"
                + " batch_updates, materialized_views, batch_size",
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
        "`{name: a, pattern: batch/bulk_operation, operation: upsert, performance_hints: {conflict_columns: [id]}}`"
                + " | a.yaml:4:85: error SG222: conflict_columns is a key of the action, not a performance hint\\n"
                + "  hint: write conflict_columns: [...] next to operation:",
        "`{name: a, pattern: batch/bulk_operation, operation: insert, performance_hints: {disable_triggers: true}}`"
                + " | a.yaml:4:85: warning SG234: performance hint disable_triggers of action \"a\" cannot be honoured"
                + " safely: turning triggers off takes session_replication_role (superuser only) or ALTER TABLE ..."
                + " DISABLE TRIGGER (DDL that also switches off foreign-key checks, for every session); nothing is"
                + " disabled\\n  hint: specgen load writes each batch with one set-based INSERT ... SELECT, so"
                + " statement-level triggers fire once per batch; load --initial fills new partitions before they are"
                + " attached, where no trigger of the parent fires",
        "`{name: a, pattern: batch/bulk_operation, operation: insert, trigger: t, performance_hints:"
                + " {async_execution: true}}` | a.yaml:4:74: warning SG235: action \"a\" has trigger t, which has no"
                + " effect on a bulk operation: its functions run when they are called\\n  hint: drop it, or call the"
                + " function from a trigger of your own\\na.yaml:4:97: warning SG235: performance hint"
                + " async_execution has no effect on bulk operation action \"a\": it is a workflow hint\\n  hint: drop"
                + " it; each call of the generated functions is one set-based statement",
        "`{name: a, pattern: batch/bulk_operation, operation: delete, performance_hints: {copy_mode: true}}` |"
                + " a.yaml:4:85: warning SG235: performance hint copy_mode has no effect on action \"a\": it steers"
                + " specgen load, which does not delete\\n  hint: drop it",
        // keys
        "`{name: a, pattern: batch/bulk_operation, operation: insert, conflict_columns: [id]}` | a.yaml:4:83: error"
                + " SG222: action \"a\" (insert) has conflict_columns, which only upsert uses\\n  hint: drop it, or"
                + " change the operation",
        "`{name: a, pattern: batch/bulk_operation, operation: upsert, conflict_columns: [amount]}` | a.yaml:4:83:"
                + " error SG230: action \"a\" (upsert) matches rows on \"amount\", which is nullable: a NULL key never"
                + " matches\\n  hint: make the column nullable: false, or match on other columns\\na.yaml:4:83: error"
                + " SG231: action \"a\" (upsert) upserts on (amount), which is neither the primary key nor a unique key"
                + " of sale\\n  hint: ON CONFLICT needs a unique constraint on exactly these columns: make them the"
                + " primary key, a unique field, a unique: item of constraints: or a unique index without where:",
        "`{name: a, pattern: batch/bulk_operation, operation: delete, key: [note]}` | a.yaml:4:70: error SG230:"
                + " action \"a\" (delete) matches rows on \"note\", which is nullable: a NULL key never matches\\n"
                + "  hint: make the column nullable: false, or match on other columns",
        "`{name: a, pattern: batch/bulk_operation, operation: replace}` | a.yaml:4:57: error SG108: action \"a\""
                + " (replace) needs \"parent_key\": the columns that name the parent whose children a call"
                + " replaces\\n  hint: e.g. parent_key: [parent_document_id]",
        "`{name: a, pattern: batch/bulk_operation, operation: replace, parent_key: [id]}` | a.yaml:4:57: error"
                + " SG230: action \"a\" (replace) has no key to match rows on: its primary key is the parent key\\n"
                + "  hint: give key: [...], the columns that identify a row among its parent's children",
        "`{name: a, pattern: batch/bulk_operation, operation: replace, parent_key: [amount], update_columns: [id]}`"
                + " | a.yaml:4:78: error SG232: parent_key of action \"a\" (replace) names \"amount\", which is"
                + " nullable: a NULL parent never matches\\n  hint: make the column nullable: false\\na.yaml:4:104:"
                + " error SG233: update_columns of action \"a\" (replace) names \"id\", which is part of the key\\n"
                + "  hint: rows are matched on their key; the columns that identify a row never change",
        "`{name: a, pattern: batch/bulk_operation, operation: upsert, batch_field: Rows}` | a.yaml:4:78: error"
                + " SG212: batch field name \"Rows\" is not a lower-case SQL identifier\\n  hint: use \"rows\"",
    })
    void reports(String action, String expected) {
        assertEquals(expected.replace("DELETES_SS", DELETES.replace("STEPS", "s (delete), s (delete)"))
                .replace("DELETES_S", DELETES.replace("STEPS", "s (delete)")).replace("NO_TRIGGER", NO_TRIGGER)
                .replace("NO_CONDITION", NO_CONDITION).replace("\\n", "\n"), actions("  - " + action + "\n").text());
    }

    @Test
    void upsertOnAPartitionedTableNeedsThePartitionColumn() {
        String spec = """
                entity: Sale
                fields:
                  id: {type: bigint, nullable: false}
                  day: {type: date, nullable: false}
                  code: {type: text, nullable: false, unique: true}
                primary_key: [id, day]
                partitioning: {strategy: range, column: day, interval: yearly, from: 2024-01-01, to: 2025-01-01}
                actions:
                  - {name: by_id, pattern: batch/bulk_operation, operation: upsert, conflict_columns: [id]}
                  - {name: by_pk, pattern: batch/bulk_operation, operation: upsert}
                """;
        assertEquals("a.yaml:5:3: error SG209: unique field \"code\" on partitioned table sale must include the"
                + " partition column \"day\"\n  hint: drop unique: true and add a unique index on (code, day):"
                + " PostgreSQL requires unique constraints on partitioned tables to include all partition key columns"
                + "\na.yaml:9:87: error SG231: action \"by_id\" (upsert) upserts on (id), which lacks the partition"
                + " column day of sale\n  hint: ON CONFLICT on a partitioned table needs a unique key that holds every"
                + " partition column: add day to conflict_columns (and to the unique key)",
                Run.validate(spec).text());
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
                  hint: the generated tests seed that many rows in one statement; at most ten million
                a.yaml:5:5: error SG222: performance hint lookup_budget_ms must be at most 3600000, found "1e999999999"
                  hint: time budgets are milliseconds, from a microsecond up to an hour
                a.yaml:6:5: error SG222: performance hint range_budget_ms must be a positive number, found "1e9999999999\"""",
                Run.validate(base + "  - seed_rows: 99999999999999999999\n  - lookup_budget_ms: 1e999999999\n"
                        + "  - range_budget_ms: 1e9999999999\n").text());
        assertEquals("a.yaml:4:5: error SG222: performance hint range_budget_ms must be at least 0.001, found"
                + " \"1e-999999999\"\n  hint: time budgets are milliseconds, from a microsecond up to an hour",
                Run.validate(base + "  - range_budget_ms: 1e-999999999\n").text());
    }
}
