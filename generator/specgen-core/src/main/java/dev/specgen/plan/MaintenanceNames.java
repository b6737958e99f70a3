package dev.specgen.plan;

import dev.specgen.model.NamePattern;
import dev.specgen.model.NamePattern.Placeholder;
import dev.specgen.model.NamePattern.Segment;
import dev.specgen.model.PartitionName;
import dev.specgen.model.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code partition_name:} pattern spelled in the SQL of {@code maintain_<table>()}, so that the partitions it makes
 * are named as the model builder names the planned ones: date placeholders through {@code to_char(bucket, ...)}
 * (pattern text in double quotes, which {@code to_char} copies; it is only letters, digits and underscores), a step's
 * {@code {from}} from {@code bucket}, table names as literals.
 */
final class MaintenanceNames {

    private MaintenanceNames() {
    }

    /** The name of the interval partition starting at {@code bucket} (a timestamp). */
    static String byInterval(NamePattern p, String table) {
        List<String> out = new ArrayList<>();
        StringBuilder format = new StringBuilder();
        for (Segment s : p.segments()) {
            if (s instanceof Segment.Slot slot && !slot.placeholder().toChar().isEmpty()) {
                format.append(slot.placeholder().toChar());
            } else if (s instanceof Segment.Text t) {
                format.append('"').append(t.text()).append('"');
            } else {
                flush(format, out);
                out.add(Sql.literal(table));
            }
        }
        flush(format, out);
        return String.join(" || ", out);
    }

    private static void flush(StringBuilder format, List<String> out) {
        if (format.length() > 0) {
            out.add("to_char(bucket, " + Sql.literal(format.toString()) + ")");
            format.setLength(0);
        }
    }

    /** The name of the step partition starting at {@code bucket} (numeric); a negative start is {@code m1000}. */
    static String byStep(NamePattern p, String table) {
        List<String> out = new ArrayList<>();
        for (Segment s : p.segments()) {
            if (s instanceof Segment.Text t) {
                out.add(Sql.literal(t.text()));
            } else if (((Segment.Slot) s).placeholder() == Placeholder.FROM) {
                out.add("CASE WHEN bucket < 0 THEN 'm' || (-bucket)::text ELSE bucket::text END");
            } else {
                out.add(Sql.literal(table));
            }
        }
        return String.join(" || ", out);
    }

    /** {@code name} in SQL, its parent being the value of {@code parentSql} and the entity's table {@code table}. */
    static String of(PartitionName name, String table, String parentSql) {
        List<String> out = new ArrayList<>();
        for (PartitionName.Part part : name.parts()) {
            out.add(part instanceof PartitionName.Part.Text t ? Sql.literal(t.text())
                    : part instanceof PartitionName.Part.Table ? Sql.literal(table) : parentSql);
        }
        return String.join(" || ", out);
    }
}
