package dev.specgen.model;

import java.util.List;
import java.util.Objects;

/**
 * The name of one partition, resolved at model build time except for the table names it is made of: text, the
 * entity's table ({@code {table}}) and the table being partitioned at this level ({@code {parent}}: the table, or in
 * {@code subpartition:} the parent partition). The default is {@code <parent>_<suffix>} ({@code sales_p2024_01}).
 */
public record PartitionName(List<Part> parts) {

    public PartitionName {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a partition name has at least one part");
        }
    }

    /** {@code <parent>_<suffix>}: how partitions are named without {@code partition_name:}. */
    public static PartitionName suffixed(String suffix) {
        return new PartitionName(List.of(Part.PARENT, new Part.Text("_" + suffix)));
    }

    /** The table name for {@code table} (the entity's table) and {@code parent} (the table partitioned). */
    public String resolve(String table, String parent) {
        // resolved for every partition by validation, the workload estimate and the planner: the usual two parts
        // (<parent>_<suffix>) are joined by one String.concat, the rest in a buffer of the right size (issue 12)
        if (parts.size() <= 2) {
            String first = piece(parts.get(0), table, parent);
            return parts.size() == 1 ? first : first.concat(piece(parts.get(1), table, parent));
        }
        int length = 0;
        for (int i = 0; i < parts.size(); i++) {
            length += piece(parts.get(i), table, parent).length();
        }
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < parts.size(); i++) {
            b.append(piece(parts.get(i), table, parent));
        }
        return b.toString();
    }

    private static String piece(Part p, String table, String parent) {
        return p instanceof Part.Text t ? t.text() : p instanceof Part.Table ? table : parent;
    }

    /** One piece of a name. */
    public sealed interface Part permits Part.Text, Part.Table, Part.Parent {
        Part TABLE = new Table();
        Part PARENT = new Parent();

        record Text(String text) implements Part {
            public Text {
                Objects.requireNonNull(text, "text == null");
            }
        }

        record Table() implements Part {
        }

        record Parent() implements Part {
        }
    }
}
