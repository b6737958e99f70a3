package dev.specgen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import dev.specgen.validate.Extensions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The partitions of every table are planned on all cores before the files ({@code Planner.ahead}); each file still
 * holds its own table's partitions, in the table's order, whichever thread finished first. The first entity has by
 * far the most partitions, so it is planned last.
 */
class PlannerAheadTest {
    private static String entity(int i, int modulus) {
        return "entity: T" + i + "\nschema: s\nfields:\n  id: bigint\n  part: {type: smallint, nullable: false}\n"
                + "primary_key: [id, part]\npartitioning:\n  strategy: hash\n  column: part\n  modulus: " + modulus
                + "\n";
    }

    @Test
    void eachFileHoldsItsOwnTablesPartitionsInOrder() {
        List<String> docs = new ArrayList<>();
        docs.add(entity(0, 1_000));
        for (int i = 1; i < 150; i++) {
            docs.add(entity(i, 2 + i % 5));
        }
        Run r = Run.validate(String.join("---\n", docs));
        assertEquals("", r.text());
        SchemaPlan plan = new Planner(Extensions::required).plan(r.model);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (PlannedFile file : plan.files().subList(1, plan.files().size())) {
            int i = Integer.parseInt(file.path().replaceFirst("^s/[0-9]+_t([0-9]+)[.]sql$", "$1"));
            int modulus = i == 0 ? 1_000 : 2 + i % 5;
            String table = "s.t" + i;
            expected.add(file.path() + ": " + modulus + " partitions of " + table + ", first FOR VALUES WITH (modulus "
                    + modulus + ", remainder 0)");
            List<SqlObject.CreatePartition> parts = file.objects().stream()
                    .filter(SqlObject.CreatePartition.class::isInstance).map(SqlObject.CreatePartition.class::cast)
                    .toList();
            long own = parts.stream().filter(p -> p.parent().equals(table)).count();
            actual.add(file.path() + ": " + parts.size() + " partitions of " + (own == parts.size() ? table : "others")
                    + ", first " + parts.get(0).bound());
        }
        assertEquals(150, actual.size());
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertEquals("s/001_t0.sql", plan.files().get(1).path());
    }
}
