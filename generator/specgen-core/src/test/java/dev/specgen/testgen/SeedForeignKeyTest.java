package dev.specgen.testgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeding satisfies a table-level foreign key: every column of the key takes the same referenced row's value. */
class SeedForeignKeyTest {

    @Test
    void everyColumnOfACompositeKeyComesFromOneReferencedRow() {
        TestFile f = Pipeline.tests("""
                entity: Day
                schema: s
                fields:
                  id: {type: bigint, nullable: false}
                  day: {type: date, nullable: false}
                primary_key: [id, day]
                partitioning: {strategy: range, column: day, interval: daily, from: 2025-01-01, to: 2025-01-03}
                ---
                entity: Visit
                schema: s
                fields:
                  id: {type: bigint, nullable: false}
                  day: {type: date, nullable: false}
                  day_id: {type: bigint, nullable: false}
                primary_key: [id, day]
                partitioning: {strategy: range, column: day, interval: daily, from: 2025-01-01, to: 2025-01-03}
                foreign_keys:
                  - {columns: [day_id, day], references: {entity: Day}}
                """).files().stream().filter(t -> t.steps().stream().anyMatch(s -> s instanceof TestStep.SeedFunction
                        sf && sf.table().equals("s.visit"))).findFirst().orElseThrow();
        List<TestStep.SeedFunction> seeds = f.steps().stream().filter(TestStep.SeedFunction.class::isInstance)
                .map(TestStep.SeedFunction.class::cast).toList();
        assertEquals(List.of("s.day", "s.visit"), seeds.stream().map(TestStep.SeedFunction::table).toList());
        TestStep.SeedFunction visit = seeds.get(1);
        assertEquals(List.of("id", "day", "day_id"), visit.columns());
        // Day's own values of row 1 + (i % 100): its id, and its day spread over its partitions; the partition
        // key of Visit follows the referenced row, not Visit's own spread
        assertEquals("'2025-01-01'::date + ((((1 + (i % 100)) - 1)::bigint * ('2025-01-03'::date - '2025-01-01'::date))"
                + " / 100)::integer", visit.values().get(1));
        assertEquals("1 + (i % 100)", visit.values().get(2));
    }
}
