package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad input never throws: every line of two rich specs is deleted, or has its value replaced by each of a few
 * values of the wrong kind, and the result goes through the builder and the validator. Deterministic: no
 * randomness, one dynamic test per spec and mutation kind.
 */
class RobustnessTest {

    private static final List<String> VALUES = List.of("[]", "{}", "~", "\"\"", "-1", "0", "x", "[a, [b]]",
            "{a: {b: c}}", "2024-13-45", "99999999999999999999", "true");

    private static final String RICH = """
            entity: Rich
            schema: s
            fields:
              id: {type: bigint, identity: always, primary_key: true}
              at: {type: timestamptz, nullable: false, default: now()}
              n: {type: integer, nullable: false}
              kind: {type: enum, values: [a, b], enum_name: rich_kind, default: "'a'"}
              ref: {type: bigint, references: {entity: Rich, field: id, on_delete: cascade}}
              tags: text[]
            primary_key: [id, at]
            indexes:
              - {name: rich_tags, columns: [tags], type: gin, with: {fastupdate: false}}
              - {columns: ["lower(kind::text) DESC", {column: n, order: asc, nulls: last}], include: [id]}
            partitioning:
              strategy: range
              column: at
              interval: monthly
              from: 2024-01-01
              to: 2024-03-01
              subpartition:
                strategy: list
                column: n
                partitions:
                  - {name: small, values: [1, 2]}
            storage: {fillfactor: 80, unlogged: false}
            performance_hints: [{seed_rows: 10}]
            materialized_view: {name: rich_mv, refresh_strategy: full, refresh_interval: 1 day}
            actions:
              - name: load
                pattern: batch/bulk_operation
                operation: upsert
                performance_hints: {conflict_columns: [id], batch_size: 10}
              - name: flow
                pattern: composite/workflow_orchestrator
                workflow:
                  - {step: s, action: update, entity: Rich, fields: {n: "n + 1"}, condition: "id = 1"}
            ---
            entity: Other
            fields: {id: bigint, r: {type: bigint, references: Rich.id}}
            partitioning: {strategy: hash, column: id, modulus: 4}
            """;

    @TestFactory
    Stream<DynamicTest> mutations() throws IOException {
        String seed;
        try (InputStream in = RobustnessTest.class.getResourceAsStream("/seed/sales_analytics.yaml")) {
            seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] spec : List.of(new String[] {"seed", seed}, new String[] {"rich", RICH})) {
            List<String> lines = List.of(spec[1].split("\n", -1));
            tests.add(DynamicTest.dynamicTest(spec[0] + ": delete each line", () -> {
                for (int i = 0; i < lines.size(); i++) {
                    List<String> copy = new ArrayList<>(lines);
                    copy.remove(i);
                    check(String.join("\n", copy));
                }
            }));
            for (String v : VALUES) {
                tests.add(DynamicTest.dynamicTest(spec[0] + ": each value := " + v, () -> {
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        int colon = line.indexOf(": ");
                        if (colon < 0) {
                            continue;
                        }
                        List<String> copy = new ArrayList<>(lines);
                        copy.set(i, line.substring(0, colon + 2) + v);
                        check(String.join("\n", copy));
                    }
                }));
            }
        }
        return tests.stream();
    }

    private static void check(String yaml) {
        assertDoesNotThrow(() -> Run.validate(yaml), yaml);
    }
}
