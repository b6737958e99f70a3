package dev.specgen.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code refresh_interval: "1 hour"}: a positive amount of a unit. {@code text} is the normalized spelling
 * ({@code 1 hour}, {@code 30 minutes}), valid as a PostgreSQL interval literal.
 */
public record RefreshInterval(BigDecimal amount, Unit unit, String text) {
    public enum Unit {
        SECOND(1), MINUTE(60), HOUR(3600), DAY(86400), WEEK(604800), MONTH(2592000);

        private final long seconds;

        Unit(long seconds) {
            this.seconds = seconds;
        }

        /** Seconds in one unit (a month counts 30 days, as PostgreSQL's interval arithmetic does). */
        public long seconds() {
            return seconds;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RefreshInterval {
        Objects.requireNonNull(amount, "amount == null");
        Objects.requireNonNull(unit, "unit == null");
        Objects.requireNonNull(text, "text == null");
    }

    /** The interval in seconds, rounded down (at least 1). */
    public long seconds() {
        return Math.max(1, amount.multiply(BigDecimal.valueOf(unit.seconds())).longValue());
    }
}
