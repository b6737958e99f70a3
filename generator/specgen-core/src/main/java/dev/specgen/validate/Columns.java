package dev.specgen.validate;

import dev.specgen.diag.Suggest;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Partitioning;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small lookups shared by the rules: field names, did-you-mean over them, partition key columns. */
final class Columns {
    private Columns() {
    }

    static List<String> names(Entity e) {
        return e.fields().stream().map(Field::name).toList();
    }

    /** {@code (did you mean "x"?)} over the entity's field names, or empty. */
    static String didYouMean(String name, Entity e) {
        return Suggest.didYouMean(name, names(e));
    }

    /**
     * Partition key columns of every level (the parent's, then the subpartition's) that are fields of {@code e}. A
     * partition column that is no field is {@link PartitionRule}'s SG203; the rules that need the partition key
     * (primary key, unique, foreign keys) leave it out rather than report it again.
     */
    static List<String> partitionColumns(Entity e) {
        List<String> cols = new ArrayList<>();
        Optional<Partitioning> p = e.partitioning();
        while (p.isPresent()) {
            String col = p.get().column().name();
            if (e.field(col).isPresent()) {
                cols.add(col);
            }
            p = p.get().subpartitioning();
        }
        return cols;
    }

    /** {@code "a"} or {@code "a", "b"}: quoted names for messages. */
    static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
    }
}
