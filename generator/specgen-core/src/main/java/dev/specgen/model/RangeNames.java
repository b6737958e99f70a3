package dev.specgen.model;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The names of interval and step partitions: by the {@code partition_name:} pattern, or by default
 * {@code <parent>_p2024_01} and {@code <parent>_p1000} ({@code <parent>_pm1000} below zero). The model builder names
 * the planned partitions with it and the generated maintenance tests the partitions maintenance makes, so both agree.
 */
public final class RangeNames {

    private RangeNames() {
    }

    /** The partition of the {@code period} interval starting at {@code start}. */
    public static PartitionName interval(Optional<NamePattern> naming, Maintenance.Period period, LocalDate start) {
        return naming.map(p -> p.name(ph -> ph.of(start)))
                .orElseGet(() -> PartitionName.suffixed(period.suffix(start)));
    }

    /** The step partition starting at {@code from}. */
    public static PartitionName step(Optional<NamePattern> naming, BigInteger from) {
        String text = from.signum() < 0 ? "m" + from.negate() : from.toString();
        return naming.map(p -> p.name(ph -> text)).orElseGet(() -> PartitionName.suffixed("p" + text));
    }
}
