package dev.specgen.testgen;

import dev.specgen.db.TapLine;
import dev.specgen.db.TapResult;
import dev.specgen.db.TapRunner;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchExperimentTest extends LiveGeneratedTestsTest {
    @Test
    void experiment() throws Exception {
        try (Connection c = freshSchemaForScratch()) {
            for (int round = 0; round < 3; round++) {
                for (Map.Entry<String, String> f : tests.files().entrySet()) {
                    String text = f.getValue().replace("SET LOCAL enable_seqscan = off;", "");
                    TapResult r = TapRunner.run(c, text);
                    System.out.println("NOPIN " + f.getKey() + " ok=" + r.ok() + " " + r.error());
                    for (TapLine l : r.failures()) {
                        System.out.println("  " + l.text() + "\n    " + String.join("\n    ", l.diagnostics()));
                    }
                }
            }
            exec2(c, "DROP INDEX analytics.idx_sales_region_category_date");
            TapResult r = TapRunner.run(c, "SET enable_partition_pruning = off;\n" + tests.files().get(SALES));
            for (TapLine l : r.failures()) {
                System.out.println("X " + l.text() + "\n    " + String.join("\n    ", l.diagnostics()));
            }
        }
    }
}
