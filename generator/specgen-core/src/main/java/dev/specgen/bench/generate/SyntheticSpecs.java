package dev.specgen.bench.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The generator benchmark's input: {@code n} copies of the example sales entity
 * ({@code specs/analytics/sales_transaction.yaml}: ten columns, a CHECK, a two-column primary key, 12 monthly range
 * partitions and a DEFAULT, three indexes, a seed-rows hint), each with its own entity, table and index names, one
 * file each. Without the example's actions, which name entities of their own.
 */
public final class SyntheticSpecs {
    private SyntheticSpecs() {
    }

    /**
     * Writes {@code sales_0001.yaml} .. into {@code dir} (created), replacing files of those names in place, and
     * deletes every other file of {@code dir} (an earlier run's larger set). The folder is not deleted and made again:
     * files deleted just before a timed build slow its file creation on some file systems (see
     * {@link GeneratorBench#warm}).
     */
    public static void write(Path dir, int n) {
        if (n < 1 || n > 99_999) {
            throw new IllegalArgumentException("entities must be 1..99999: " + n);
        }
        try {
            Files.createDirectories(dir);
            int width = Math.max(4, String.valueOf(n).length());
            Set<Path> wanted = new HashSet<>();
            for (int i = 1; i <= n; i++) {
                String k = String.format(Locale.ROOT, "%0" + width + "d", i);
                Path file = dir.resolve("sales_" + k + ".yaml");
                wanted.add(file);
                Files.writeString(file, spec(k), StandardCharsets.UTF_8);
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> !wanted.contains(p)).toList()) {
                    GeneratorBench.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One copy, {@code k} its number ({@code 0001}). */
    static String spec(String k) {
        return "entity: SalesTransaction" + k + "\n"
                + "schema: analytics\n"
                + "description: \"High-performance sales transaction processing\"\n"
                + "fields:\n"
                + "  transaction_id:\n"
                + "    type: uuid\n"
                + "    nullable: false\n"
                + "    default: gen_random_uuid()\n"
                + "  customer_id: uuid\n"
                + "  product_id: uuid\n"
                + "  quantity:\n"
                + "    type: integer\n"
                + "    check: \"quantity > 0\"\n"
                + "  unit_price: decimal(10,2)\n"
                + "  total_amount: decimal(10,2)\n"
                + "  transaction_date:\n"
                + "    type: timestamp\n"
                + "    nullable: false\n"
                + "    comment: \"Partition key: monthly range partitions\"\n"
                + "  payment_method: text\n"
                + "  region: text\n"
                + "  category: text\n"
                + "primary_key: [transaction_id, transaction_date]\n"
                + "indexes:\n"
                + "  - name: idx_sales_" + k + "_date\n"
                + "    columns: [transaction_date]\n"
                + "    type: BRIN\n"
                + "    with:\n"
                + "      pages_per_range: 32\n"
                + "  - name: idx_sales_" + k + "_customer_product\n"
                + "    columns: [customer_id, product_id]\n"
                + "  - name: idx_sales_" + k + "_region_category_date\n"
                + "    columns: [region, category, transaction_date DESC]\n"
                + "partitioning:\n"
                + "  strategy: RANGE\n"
                + "  column: transaction_date\n"
                + "  interval: monthly\n"
                + "  from: 2024-01-01\n"
                + "  to: 2025-01-01\n"
                + "performance_hints:\n"
                + "  - seed_rows: 20000\n";
    }
}
