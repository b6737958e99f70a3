package dev.specgen.plan;

import java.util.List;
import java.util.Objects;

/**
 * One output file: {@code path} relative to the output folder ({@code analytics/02_sales_transaction.sql}),
 * the spec files it comes from (for its header), and its objects in order.
 */
public record PlannedFile(String path, List<String> specFiles, List<SqlObject> objects) {
    public PlannedFile {
        Objects.requireNonNull(path, "path == null");
        specFiles = List.copyOf(specFiles);
        objects = List.copyOf(objects);
    }

    public boolean hasNonTransactional() {
        return objects.stream().anyMatch(o -> !o.transactional());
    }
}
