package dev.specgen.model.build;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Calendar intervals for RANGE partitioning by date: where an interval starts, the next start, and the partition
 * suffix. Pure {@code java.time} arithmetic, no clock: bounds come only from the spec's {@code from}/{@code to}.
 */
enum Interval {
    DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY;

    static final Map<String, Interval> WORDS = new LinkedHashMap<>();

    static {
        for (Interval i : values()) {
            WORDS.put(i.word(), i);
        }
    }

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The start of the interval that contains {@code d}. */
    LocalDate floor(LocalDate d) {
        return switch (this) {
            case DAILY -> d;
            case WEEKLY -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> d.withDayOfMonth(1);
            case QUARTERLY -> LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1);
            case YEARLY -> LocalDate.of(d.getYear(), 1, 1);
        };
    }

    boolean isStart(LocalDate d) {
        return floor(d).equals(d);
    }

    /** The start of the following interval. */
    LocalDate next(LocalDate start) {
        return period().next(start);
    }

    dev.specgen.model.Maintenance.Period period() {
        return dev.specgen.model.Maintenance.Period.valueOf(name());
    }

    /** Number of intervals from {@code from} to {@code to} (both interval starts, from before to). */
    long count(LocalDate from, LocalDate to) {
        return switch (this) {
            case DAILY -> to.toEpochDay() - from.toEpochDay();
            case WEEKLY -> (to.toEpochDay() - from.toEpochDay()) / 7;
            case MONTHLY -> months(from, to);
            case QUARTERLY -> months(from, to) / 3;
            case YEARLY -> to.getYear() - from.getYear();
        };
    }

    private static long months(LocalDate from, LocalDate to) {
        return (to.getYear() - from.getYear()) * 12L + to.getMonthValue() - from.getMonthValue();
    }

    /** The partition suffix of the interval starting at {@code start} ({@code p2024_01}). */
    String suffix(LocalDate start) {
        return period().suffix(start);
    }

    /** What an interval start looks like, for hints. */
    String startRule() {
        return switch (this) {
            case DAILY -> "any day";
            case WEEKLY -> "a Monday";
            case MONTHLY -> "the first day of a month";
            case QUARTERLY -> "January, April, July or October 1";
            case YEARLY -> "January 1";
        };
    }
}
