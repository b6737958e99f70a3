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
        int length = 0;
        for (Part p : parts) {
            length += p instanceof Part.Text t ? t.text().length() : p instanceof Part.Table ? table.length()
                    : parent.length();
        }
        StringBuilder b = new StringBuilder(length);
        for (Part p : parts) {
            b.append(p instanceof Part.Text t ? t.text() : p instanceof Part.Table ? table : parent);
        }
        return b.toString();
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
