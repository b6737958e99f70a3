package dev.specgen.testgen;

import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.PartitionSpec.Bound;
import dev.specgen.model.Partitioning;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A value of the top-level partition key that no partition's bound takes: the upper bound of the last range (bounds
 * are exclusive), or below the first when the last is unbounded; a text or number no list names. None for HASH
 * (every value has a partition), for a key with a CHECK (the value might break it) or when every value is taken.
 */
final class OutsideValue {
    private OutsideValue() {
    }

    /**
     * @param sql              the value, cast to the column's type
     * @param shown            as written in test descriptions
     * @param defaultPartition the DEFAULT partition's name, when the level has one
     */
    record Value(Field column, String sql, String shown, Optional<String> defaultPartition) {
    }

    static Optional<Value> of(Entity e) {
        if (e.partitioning().isEmpty()) {
            return Optional.empty();
        }
        Partitioning p = e.partitioning().get();
        Optional<Field> col = e.field(p.column().name());
        if (col.isEmpty() || col.get().check().isPresent()) {
            return Optional.empty();
        }
        Optional<String> def = p.defaultPartition() ? Optional.of(Partitioning.defaultName(e.table())) : Optional.empty();
        FieldType t = col.get().type();
        Optional<String> literal = switch (p.strategy()) {
            case HASH -> Optional.empty();
            case RANGE -> range(p, t);
            case LIST -> list(p, t);
        };
        return literal.map(l -> new Value(col.get(), "(" + l + ")::" + t.sql(), l, def));
    }

    private static Optional<String> range(Partitioning p, FieldType t) {
        List<Bound.Range> ranges = p.partitions().stream().map(s -> s.bound()).filter(Bound.Range.class::isInstance)
                .map(Bound.Range.class::cast).toList();
        if (ranges.isEmpty()) {
            return Optional.empty();
        }
        String last = ranges.get(ranges.size() - 1).to();
        if (!SeedPlan.isInfinite(last)) {
            return Optional.of(last);
        }
        String first = ranges.get(0).from();
        if (SeedPlan.isInfinite(first)) {
            return Optional.empty();
        }
        if (t.has(FieldType.Traits.TEMPORAL)) {
            return Optional.of(first + "::" + t.sql() + " - interval '1 day'");
        }
        return first.matches("-?\\d+(\\.\\d+)?") ? Optional.of(new BigDecimal(first).subtract(BigDecimal.ONE)
                .toPlainString()) : Optional.empty();
    }

    private static Optional<String> list(Partitioning p, FieldType t) {
        List<String> listed = p.partitions().stream().map(s -> s.bound()).filter(Bound.ListValues.class::isInstance)
                .flatMap(b -> ((Bound.ListValues) b).values().stream()).toList();
        if (t instanceof FieldType.Enum en) {
            return en.values().stream().map(dev.specgen.model.Sql::literal).filter(l -> !listed.contains(l))
                    .findFirst();
        }
        if (t.has(FieldType.Traits.INTEGER) || t instanceof FieldType.Numeric) {
            return listed.stream().filter(v -> v.matches("-?\\d+(\\.\\d+)?")).map(BigDecimal::new)
                    .max(BigDecimal::compareTo).map(m -> m.add(BigDecimal.ONE).toPlainString());
        }
        if (t.isText()) {
            String v = "'zz'";
            return listed.contains(v) ? Optional.empty() : Optional.of(v);
        }
        return Optional.empty();
    }
}
