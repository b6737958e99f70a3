package dev.specgen.model.build;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
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
        return switch (this) {
            case DAILY -> start.plusDays(1);
            case WEEKLY -> start.plusWeeks(1);
            case MONTHLY -> start.plusMonths(1);
            case QUARTERLY -> start.plusMonths(3);
            case YEARLY -> start.plusYears(1);
        };
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

    /**
     * {@code p2024_01_15} daily, {@code p2025_w01} weekly (ISO week-based year and week: the week starting
     * 2024-12-30 is {@code p2025_w01}), {@code p2024_01} monthly, {@code p2024_q1} quarterly, {@code p2024} yearly.
     */
    String suffix(LocalDate start) {
        int year = start.getYear();
        if (year >= 0 && year <= 9999 && this != WEEKLY) {
            // String.format is slow, and this runs for every partition of every entity
            String y = pad(year, 4);
            return switch (this) {
                case DAILY -> "p" + y + "_" + pad(start.getMonthValue(), 2) + "_" + pad(start.getDayOfMonth(), 2);
                case MONTHLY -> "p" + y + "_" + pad(start.getMonthValue(), 2);
                case QUARTERLY -> "p" + y + "_q" + ((start.getMonthValue() - 1) / 3 + 1);
                default -> "p" + y;
            };
        }
        return switch (this) {
            case DAILY -> String.format(Locale.ROOT, "p%04d_%02d_%02d", start.getYear(), start.getMonthValue(),
                    start.getDayOfMonth());
            case WEEKLY -> String.format(Locale.ROOT, "p%04d_w%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> String.format(Locale.ROOT, "p%04d_%02d", start.getYear(), start.getMonthValue());
            case QUARTERLY -> String.format(Locale.ROOT, "p%04d_q%d", start.getYear(),
                    (start.getMonthValue() - 1) / 3 + 1);
            case YEARLY -> String.format(Locale.ROOT, "p%04d", start.getYear());
        };
    }

    /** {@code v} (not negative) with leading zeros to {@code width} digits, as {@code %0<width>d}. */
    private static String pad(int v, int width) {
        String d = Integer.toString(v);
        return d.length() >= width ? d : "0".repeat(width - d.length()) + d;
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
