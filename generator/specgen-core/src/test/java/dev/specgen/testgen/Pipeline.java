package dev.specgen.testgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.Diagnostics;
import dev.specgen.load.LoadedFile;
import dev.specgen.load.SpecLoader;
import dev.specgen.model.SpecModel;
import dev.specgen.model.build.ModelBuilder;
import dev.specgen.plan.Planner;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Renderer;
import dev.specgen.validate.Extensions;
import dev.specgen.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helper: YAML specs ({@code specs/a.yaml}, {@code specs/b.yaml}, ...) through load, model, validate, plan. */
final class Pipeline {
    static final Renderer RENDERER = new Renderer(Optional.empty());

    private Pipeline() {
    }

    /** The plan of valid specs; fails the test on any diagnostic. */
    static SchemaPlan plan(String... yamls) {
        Diagnostics diags = new Diagnostics();
        List<LoadedFile> files = new ArrayList<>();
        for (int i = 0; i < yamls.length; i++) {
            String name = "specs/" + (char) ('a' + i) + ".yaml";
            files.add(new SpecLoader().load(name, yamls[i].getBytes(StandardCharsets.UTF_8), diags));
        }
        SpecModel model = ModelBuilder.build(files, diags);
        Validator.validate(model, diags);
        assertEquals(List.of(), diags.sorted().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList());
        return new Planner(Extensions::required).plan(model);
    }

    static TestPlan tests(String... yamls) {
        return new TestPlanner().plan(plan(yamls));
    }

    static RenderedTests render(TestPlan plan) {
        return TestRenderer.render(plan, RENDERER);
    }

    /**
     * Every kind of column in a plain table with a self-reference, a range partitioned table sub-partitioned by list,
     * and a hash partitioned one, both referencing the plain table.
     */
    static final String RICH = """
            entity: Node
            schema: s
            fields:
              id: {type: bigint, identity: always, primary_key: true}
              parent_id: {type: bigint, references: Node}
              name: {type: varchar(40), nullable: false, unique: true}
              kind: {type: enum, values: [a, b, c], default: "'a'"}
              tags: text[]
              code: char(3)
              price: decimal(12)
              doc: jsonb
              day: date
              flag: boolean
              addr: inet
              at: time
            indexes:
              - {name: node_tags, columns: [tags], type: gin}
              - {name: node_lower_name, columns: ["lower(name)"]}
              - {name: node_code_day, columns: [code, day]}
              - {name: node_by_kind, columns: [kind], type: hash}
            performance_hints: [{seed_rows: 300}, {lookup_budget_ms: 80}]
            ---
            entity: Rich
            schema: s
            fields:
              id: {type: bigint, identity: always}
              at: {type: timestamptz, nullable: false}
              n: {type: integer, nullable: false}
              node_id: {type: bigint, nullable: false, references: Node}
            primary_key: [id, at, n]
            indexes:
              - {name: rich_node, columns: [node_id]}
              - {name: rich_at, columns: [at], type: brin}
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
                  - {name: big, values: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]}
            performance_hints: [{seed_rows: 500}]
            ---
            entity: Other
            schema: s
            fields:
              id: {type: bigint, primary_key: true}
              node_id: {type: bigint, references: Node}
            partitioning: {strategy: hash, column: id, modulus: 4}
            ---
            entity: Ledger
            schema: s
            fields:
              seq: {type: bigint, nullable: false}
              day: {type: date, nullable: false}
              amount: {type: "decimal(10,2)", check: "amount > 0"}
            primary_key: [seq, day]
            partitioning: {strategy: range, column: seq, step: 1000, from: 0, to: 3000}
            indexes: [{name: ledger_amount, columns: [amount]}]
            performance_hints: [{seed_rows: 5000}, {range_budget_ms: 300}]
            ---
            entity: Daily
            schema: s
            fields:
              day: {type: date, nullable: false}
              v: integer
            partitioning: {strategy: range, column: day, interval: daily, from: 2024-01-01, to: 2024-01-04}
            indexes: [{name: daily_v, columns: [v]}, {name: daily_day, columns: [day], type: brin}]
            performance_hints: [{seed_rows: 300}]
            """;
}
