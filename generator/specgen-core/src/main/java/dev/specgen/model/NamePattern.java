package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@code partition_name:} pattern ({@code "{table}_{yyyy}{mm}{dd}"}), parsed once at model build time into text
 * and placeholders. The model builder resolves it for every planned partition ({@link #name}); partition maintenance
 * spells the same pattern in SQL ({@link Placeholder#toChar()}), so partitions made later are named alike.
 */
public record NamePattern(List<Segment> segments, SourcePos pos) {

    public NamePattern {
        segments = List.copyOf(segments);
        Objects.requireNonNull(pos, "pos == null");
    }

    /** The placeholders, as written between braces. */
    public enum Placeholder {
        /** The entity's table. */
        TABLE("", "the table's name"),
        /** The table partitioned at this level: the table, or in {@code subpartition:} the parent partition. */
        PARENT("", "the partitioned table's name (in subpartition: the parent partition's)"),
        YYYY("YYYY", "the interval start's year, 4 digits"),
        MM("MM", "its month, 2 digits"),
        DD("DD", "its day of the month, 2 digits"),
        Q("Q", "its quarter, 1 to 4"),
        IYYY("IYYY", "its ISO week-based year, 4 digits"),
        IW("IW", "its ISO week, 2 digits"),
        FROM("", "a step partition's lower bound (negative: m1000)"),
        N("", "a hash partition's remainder"),
        NN("", "a hash partition's remainder, zero-padded to the width of modulus - 1");

        private final String toChar;
        private final String meaning;

        Placeholder(String toChar, String meaning) {
            this.toChar = toChar;
            this.meaning = meaning;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The {@code to_char} field of a date placeholder; empty for the others. */
        public String toChar() {
            return toChar;
        }

        public String meaning() {
            return meaning;
        }

        /** The value of a date placeholder for the interval starting at {@code d}. */
        public String of(LocalDate d) {
            return switch (this) {
                case YYYY -> pad(d.getYear(), 4);
                case MM -> pad(d.getMonthValue(), 2);
                case DD -> pad(d.getDayOfMonth(), 2);
                case Q -> Integer.toString((d.getMonthValue() - 1) / 3 + 1);
                case IYYY -> pad(d.get(IsoFields.WEEK_BASED_YEAR), 4);
                case IW -> pad(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
                default -> throw new IllegalStateException(word() + " is not a date placeholder");
            };
        }

        /** {@code v} with leading zeros to {@code width} digits, as {@code to_char} pads. */
        public static String pad(long v, int width) {
            String s = Long.toString(Math.abs(v));
            String padded = s.length() >= width ? s : "0".repeat(width - s.length()) + s;
            return v < 0 ? "-" + padded : padded;
        }
    }

    /** Text or a placeholder. */
    public sealed interface Segment permits Segment.Text, Segment.Slot {
        record Text(String text) implements Segment {
            public Text {
                Objects.requireNonNull(text, "text == null");
            }
        }

        record Slot(Placeholder placeholder) implements Segment {
            public Slot {
                Objects.requireNonNull(placeholder, "placeholder == null");
            }
        }
    }

    /** Whether the pattern uses {@code p}. */
    public boolean uses(Placeholder p) {
        return segments.stream().anyMatch(s -> s instanceof Segment.Slot slot && slot.placeholder() == p);
    }

    /**
     * The name of one partition: {@code value} gives the text of every placeholder other than {@code {table}} and
     * {@code {parent}}, which stay parts of the name.
     */
    public PartitionName name(java.util.function.Function<Placeholder, String> value) {
        List<PartitionName.Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Segment s : segments) {
            if (s instanceof Segment.Text t) {
                text.append(t.text());
                continue;
            }
            Placeholder p = ((Segment.Slot) s).placeholder();
            if (p == Placeholder.TABLE || p == Placeholder.PARENT) {
                if (text.length() > 0) {
                    parts.add(new PartitionName.Part.Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(p == Placeholder.TABLE ? PartitionName.Part.TABLE : PartitionName.Part.PARENT);
            } else {
                text.append(value.apply(p));
            }
        }
        if (text.length() > 0) {
            parts.add(new PartitionName.Part.Text(text.toString()));
        }
        return new PartitionName(parts);
    }
}
