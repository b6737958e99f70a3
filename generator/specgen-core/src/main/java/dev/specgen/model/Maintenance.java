package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Partition maintenance of a RANGE partitioned table ({@code premake}, {@code retention}, {@code retention_mode},
 * {@code create_partitions} under {@code partitioning:}): what the generated {@code maintain_<table>(p_now)} does.
 * {@code rule} is how the DDL names and bounds partitions (an interval from a date anchor, or a step from an integer
 * anchor), so partitions made later follow the same rules as those the DDL made.
 *
 * @param premake          how many intervals (steps) past the current one to keep ready
 * @param createPartitions whether maintenance may create partitions (and so move rows out of the DEFAULT partition)
 * @param retention        how old a partition may get before it is dropped or detached; empty: kept forever
 */
public record Maintenance(Rule rule, int premake, boolean createPartitions, Optional<Retention> retention,
        Mode mode, SourcePos pos) {

    public static final int DEFAULT_PREMAKE = 4;

    public Maintenance {
        Objects.requireNonNull(rule, "rule == null");
        Objects.requireNonNull(retention, "retention == null");
        Objects.requireNonNull(mode, "mode == null");
        Objects.requireNonNull(pos, "pos == null");
    }

    /** What retention does with a partition past it. */
    public enum Mode {
        DROP, DETACH;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Calendar intervals, as the DDL uses them (weeks start on Monday, ISO weeks name them). */
    public enum Period {
        DAILY("day", "1 day", "\"p\"YYYY\"_\"MM\"_\"DD"),
        WEEKLY("week", "1 week", "\"p\"IYYY\"_w\"IW"),
        MONTHLY("month", "1 month", "\"p\"YYYY\"_\"MM"),
        QUARTERLY("quarter", "3 months", "\"p\"YYYY\"_q\"Q"),
        YEARLY("year", "1 year", "\"p\"YYYY");

        private final String truncUnit;
        private final String length;
        private final String nameFormat;

        Period(String truncUnit, String length, String nameFormat) {
            this.truncUnit = truncUnit;
            this.length = length;
            this.nameFormat = nameFormat;
        }

        /** {@code date_trunc}'s unit: the start of the interval holding a date. */
        public String truncUnit() {
            return truncUnit;
        }

        /** The interval's length as an {@code interval} literal's text ({@code 3 months}). */
        public String length() {
            return length;
        }

        /** The {@code to_char} format of a partition suffix ({@code p2024_01}), as the DDL names partitions. */
        public String nameFormat() {
            return nameFormat;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The start of the following interval. */
        public LocalDate next(LocalDate start) {
            return switch (this) {
                case DAILY -> start.plusDays(1);
                case WEEKLY -> start.plusWeeks(1);
                case MONTHLY -> start.plusMonths(1);
                case QUARTERLY -> start.plusMonths(3);
                case YEARLY -> start.plusYears(1);
            };
        }

        /** The start of the interval that holds {@code d}. */
        public LocalDate floor(LocalDate d) {
            return switch (this) {
                case DAILY -> d;
                case WEEKLY -> d.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
                case MONTHLY -> d.withDayOfMonth(1);
                case QUARTERLY -> LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1);
                case YEARLY -> LocalDate.of(d.getYear(), 1, 1);
            };
        }

        /**
         * {@code p2024_01_15} daily, {@code p2025_w01} weekly (ISO week-based year and week), {@code p2024_01}
         * monthly, {@code p2024_q1} quarterly, {@code p2024} yearly: as {@link #nameFormat()} spells it in SQL.
         */
        public String suffix(LocalDate start) {
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
                case WEEKLY -> String.format(Locale.ROOT, "p%04d_w%02d",
                        start.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                        start.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
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
    }

    /** How partitions are named and bounded. */
    public sealed interface Rule permits Rule.ByInterval, Rule.ByStep {
        /** By calendar interval from {@code anchor} (the spec's {@code from}); {@code to} is the spec's end. */
        record ByInterval(Period period, LocalDate anchor, LocalDate to) implements Rule {
            public ByInterval {
                Objects.requireNonNull(period, "period == null");
                Objects.requireNonNull(anchor, "anchor == null");
                Objects.requireNonNull(to, "to == null");
            }
        }

        /** By integer step from {@code anchor} (the spec's {@code from}); {@code to} is the spec's end. */
        record ByStep(BigInteger step, BigInteger anchor, BigInteger to) implements Rule {
            public ByStep {
                Objects.requireNonNull(step, "step == null");
                Objects.requireNonNull(anchor, "anchor == null");
                Objects.requireNonNull(to, "to == null");
            }
        }
    }

    /** How long partitions are kept. */
    public sealed interface Retention permits Retention.Count, Retention.Span {
        /** The current partition and {@code partitions} before it are kept; older ones go. */
        record Count(int partitions) implements Retention {
        }

        /** Partitions that end {@code amount unit} or more before {@code p_now} go ({@code 12 months}). */
        record Span(int amount, SpanUnit unit) implements Retention {
            public Span {
                Objects.requireNonNull(unit, "unit == null");
            }

            /** {@code d} moved back by the span (month ends clamp as in PostgreSQL's interval arithmetic). */
            public LocalDate before(LocalDate d) {
                return switch (unit) {
                    case DAY -> d.minusDays(amount);
                    case WEEK -> d.minusWeeks(amount);
                    case MONTH -> d.minusMonths(amount);
                    case YEAR -> d.minusYears(amount);
                };
            }

            /** {@code d} moved ahead by the span. */
            public LocalDate after(LocalDate d) {
                return switch (unit) {
                    case DAY -> d.plusDays(amount);
                    case WEEK -> d.plusWeeks(amount);
                    case MONTH -> d.plusMonths(amount);
                    case YEAR -> d.plusYears(amount);
                };
            }

            /** {@code 12 months}, as an {@code interval} literal's text. */
            public String text() {
                return amount + " " + unit.word() + (amount == 1 ? "" : "s");
            }
        }
    }

    /** Units of a retention span. */
    public enum SpanUnit {
        DAY, WEEK, MONTH, YEAR;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
