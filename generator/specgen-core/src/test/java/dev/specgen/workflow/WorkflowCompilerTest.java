package dev.specgen.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.Diagnostics;
import dev.specgen.model.build.Run;
import dev.specgen.plan.WorkflowPlannerProbe;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Workflow steps to typed folds and key matches, and what cannot be compiled set-based, with exact messages. */
class WorkflowCompilerTest {

    private static final String METRICS = """
            entity: Metrics
            fields:
              product_id: {type: bigint, primary_key: true}
              total: {type: numeric, nullable: false, default: 0}
              n: {type: bigint, nullable: false, default: 0}
              last_at: timestamp
              first_at: timestamp
              avg_total: numeric
              label: text
              started: {type: timestamp, default: now()}
            """;

    private static String sale(String fields, String condition) {
        return "entity: Sale\nfields: {id: {type: bigint, primary_key: true}, product_id: bigint, amount: numeric,"
                + " at: timestamp}\nactions:\n  - name: keep\n    pattern: composite/workflow_orchestrator\n"
                + "    trigger: sale_inserted\n    workflow:\n      - step: s\n        action: update\n"
                + "        entity: Metrics\n        fields: " + fields + "\n        condition: \"" + condition + "\"\n";
    }

    private static List<CompiledWorkflow> compile(Run r) {
        return WorkflowCompiler.compile(r.model, new Diagnostics());
    }

    @Test
    void theSeedsFormsCompileToFoldsAndADerivedField() {
        Run r = Run.validate(sale("{total: \"total + transaction.amount\", n: \"n + 1\", last_at:"
                + " \"GREATEST(last_at, transaction.at)\", first_at: \"LEAST(new.at, first_at)\", avg_total:"
                + " \"(total + transaction.amount) / (n + 1)\"}", "product_id = transaction.product_id"), METRICS);
        assertEquals("", r.text());
        List<CompiledWorkflow> ws = compile(r);
        assertEquals(1, ws.size());
        CompiledWorkflow.CompiledStep s = ws.get(0).steps().get(0);
        assertEquals("product_id=product_id", s.key().get(0).target().name() + "=" + s.key().get(0).source().name());
        assertEquals(List.of("ADD amount", "ADD 1", "GREATEST at", "LEAST at", "derived"), s.updates().stream()
                .map(u -> u instanceof CompiledWorkflow.Accumulate a ? a.fold() + " " + a.source().map(
                        f -> f.name()).orElse(a.constant()) : "derived").toList());
        assertEquals(List.of("amount", "at", "product_id"), ws.get(0).queueColumns().stream().map(f -> f.name())
                .toList());
        assertEquals(List.of(
                "product_id = specgen_d.product_id | -",
                "total = specgen_d.total | total = t.total + EXCLUDED.total",
                "n = specgen_d.n | n = t.n + EXCLUDED.n",
                "last_at = specgen_d.last_at | last_at = GREATEST(t.last_at, EXCLUDED.last_at)",
                "first_at = specgen_d.first_at | first_at = LEAST(t.first_at, EXCLUDED.first_at)",
                "avg_total = specgen_d.total / specgen_d.n | avg_total = (t.total + EXCLUDED.total) / (t.n + EXCLUDED.n)"),
                WorkflowPlannerProbe.valuesAndSets(s));
        assertEquals(List.of("specgen_row.product_id AS product_id", "coalesce(sum(specgen_row.amount), 0) AS total",
                "count(*) AS n", "max(specgen_row.at) AS last_at", "min(specgen_row.at) AS first_at"),
                WorkflowPlannerProbe.aggregates(s));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{total: \"total * transaction.amount\"}` | `product_id = transaction.product_id` | a.yaml:11:25: error"
                + " SG237: workflow step \"s\" cannot be compiled set-based: it reads total, which the step also"
                + " sets: with many inserted rows the value before the step is not the one a row would see",
        "`{label: \"transaction.amount\"}` | `product_id = transaction.product_id` | a.yaml:11:25: error SG237:"
                + " workflow step \"s\" cannot be compiled set-based: transaction.amount is read outside a fold, so"
                + " its value depends on which inserted row comes last",
        "`{total: \"total + transaction.amont\"}` | `product_id = transaction.product_id` | a.yaml:11:25: error"
                + " SG237: workflow step \"s\" names \"transaction.amont\", which is not a field of Sale (did you"
                + " mean \"amount\"?)",
        "`{total: \"total + transaction.amount\"}` | `label = transaction.product_id` | a.yaml:12:20: error SG237:"
                + " workflow step \"s\" has a condition on label, which is not the primary key or a unique key of"
                + " Metrics: one inserted row could update several rows, and a missing row could not be created"
                + " with ON CONFLICT",
        "`{total: \"total + transaction.amount\"}` | `product_id > transaction.product_id` | a.yaml:12:20: error"
                + " SG237: workflow step \"s\" cannot be compiled set-based: \"product_id > transaction.product_id\""
                + " holds \">\"",
        "`{total: \"total + 'x'\"}` | `product_id = transaction.product_id` | a.yaml:11:25: error SG237: workflow"
                + " step \"s\" cannot be compiled set-based: \"total + 'x'\" holds \"'x'\"",
        "`{product_id: \"product_id + 1\"}` | `product_id = transaction.product_id` | a.yaml:11:18: error SG237:"
                + " workflow step \"s\" sets product_id, a column of the key its condition matches",
        "`{started: \"GREATEST(started, transaction.at)\"}` | `product_id = transaction.product_id` | a.yaml:11:27:"
                + " error SG256: workflow step \"s\" folds inserted rows into started, whose default now() is not"
                + " where a greatest starts: a row the step creates gets the aggregate of the inserted rows",
    })
    void whatCannotBeCompiledIsSaidAtTheExpression(String fields, String condition, String expected) {
        Run r = Run.validate(sale(fields, condition), METRICS);
        String first = r.text().lines().findFirst().orElse("");
        assertEquals(expected, first);
        assertTrue(compile(r).isEmpty());
    }
}
