package dev.specgen.bench.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The untimed warm-up load of {@code bench bulk}: two full batches, so that its batches are routed to the leaves as
 * the measured loads' are (2,000 rows over the sales table's 12 months were too thin to be routed, and the reader's
 * routing was compiled during the first measured path).
 */
class BulkBenchWarmUpTest {

    @Test
    void theWarmUpLoadTakesTwoFullBatches() {
        assertEquals(20_000, BulkBench.warmUpLoadRows(1_000_000, 10_000));
        assertEquals(20_000, BulkBench.warmUpLoadRows(200_000, 10_000));
    }

    @Test
    void atLeastTwoThousandRowsAtMostTheBenchmarks() {
        assertEquals(2_000, BulkBench.warmUpLoadRows(1_000_000, 500));
        assertEquals(1_000, BulkBench.warmUpLoadRows(1_000, 10_000));
    }
}
