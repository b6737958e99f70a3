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

    /** Partition key columns of every level (the parent's, then the subpartition's), as written. */
    static List<String> partitionColumns(Entity e) {
        List<String> cols = new ArrayList<>();
        Optional<Partitioning> p = e.partitioning();
        while (p.isPresent()) {
            cols.add(p.get().column().name());
            p = p.get().subpartitioning();
        }
        return cols;
    }

    /** {@code "a"} or {@code "a", "b"}: quoted names for messages. */
    static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
    }
}
