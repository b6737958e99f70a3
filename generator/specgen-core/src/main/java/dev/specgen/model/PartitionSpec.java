package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;

/**
 * One partition. {@code name} is its table name, made of the parent's ({@code <parent>_p2024_01}, {@code
 * <parent>_eu}, {@code <parent>_h07} by default, or as {@code partition_name:} or hash {@code names:} say).
 * The bound is one of: {@link Bound.Range} (SQL literals, FROM inclusive, TO exclusive), {@link Bound.ListValues}
 * (SQL literals), {@link Bound.Hash}. Literals are rendered as given ({@code '2024-01-01'}, {@code 1000}).
 */
public record PartitionSpec(PartitionName name, Bound bound, SourcePos pos) {
    public PartitionSpec {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(bound, "bound == null");
        Objects.requireNonNull(pos, "pos == null");
    }

    /** The partition {@code <parent>_<suffix>}. */
    public PartitionSpec(String suffix, Bound bound, SourcePos pos) {
        this(PartitionName.suffixed(suffix), bound, pos);
    }

    public sealed interface Bound permits Bound.Range, Bound.ListValues, Bound.Hash {
        /** The SQL after {@code FOR VALUES}. */
        String sql();

        record Range(String from, String to) implements Bound {
            public Range {
                Objects.requireNonNull(from, "from == null");
                Objects.requireNonNull(to, "to == null");
            }

            @Override
            public String sql() {
                return "FROM (" + from + ") TO (" + to + ")";
            }
        }

        record ListValues(List<String> values) implements Bound {
            public ListValues {
                values = List.copyOf(values);
            }

            @Override
            public String sql() {
                return "IN (" + String.join(", ", values) + ")";
            }
        }

        record Hash(int modulus, int remainder) implements Bound {
            @Override
            public String sql() {
                // spelled as PostgreSQL (pg_get_expr, pg_dump) prints it, so the catalog round trip compares equal
                return "WITH (modulus " + modulus + ", remainder " + remainder + ")";
            }
        }
    }
}
