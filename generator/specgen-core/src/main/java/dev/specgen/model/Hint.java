package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A performance hint with its value already read and range-checked by the model builder: {@code copy_mode: true}
 * is a {@link Flag}, {@code seed_rows: 10000} a {@link Count}, {@code lookup_budget_ms: 25.5} an {@link Amount}.
 * Later stages never parse hint text. {@code pos} is the hint name's position.
 */
public record Hint(Name name, Value value, SourcePos pos) {

    public Hint {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(value, "value == null");
        Objects.requireNonNull(pos, "pos == null");
        if (!name.kind().accepts(value)) {
            throw new IllegalArgumentException(name.word() + " takes " + name.kind() + ", not " + value);
        }
    }

    /** Where a hint is written: the entity's top-level {@code performance_hints} or an action's. */
    public enum Level { ENTITY, ACTION }

    /** What a hint's value is. */
    public enum Kind {
        BOOLEAN, POSITIVE_INTEGER, POSITIVE_NUMBER;

        boolean accepts(Value v) {
            return switch (this) {
                case BOOLEAN -> v instanceof Flag;
                case POSITIVE_INTEGER -> v instanceof Count;
                case POSITIVE_NUMBER -> v instanceof Amount;
            };
        }
    }

    /**
     * Every hint specgen knows, with its level, its kind and the largest value it takes. {@code seed_rows} is a row
     * count of one INSERT (an integer parameter; bounded to what the generated tests can seed in reasonable time),
     * budgets are milliseconds from a microsecond up to an hour.
     */
    public enum Name {
        SEED_ROWS(Level.ENTITY, Kind.POSITIVE_INTEGER, BigDecimal.valueOf(10_000_000)),
        LOOKUP_BUDGET_MS(Level.ENTITY, Kind.POSITIVE_NUMBER, BigDecimal.valueOf(3_600_000)),
        RANGE_BUDGET_MS(Level.ENTITY, Kind.POSITIVE_NUMBER, BigDecimal.valueOf(3_600_000)),
        DISABLE_TRIGGERS(Level.ACTION, Kind.BOOLEAN, BigDecimal.ONE),
        DISABLE_INDEXES(Level.ACTION, Kind.BOOLEAN, BigDecimal.ONE),
        COPY_MODE(Level.ACTION, Kind.BOOLEAN, BigDecimal.ONE),
        ASYNC_EXECUTION(Level.ACTION, Kind.BOOLEAN, BigDecimal.ONE),
        BATCH_UPDATES(Level.ACTION, Kind.BOOLEAN, BigDecimal.ONE),
        MATERIALIZED_VIEWS(Level.ACTION, Kind.BOOLEAN, BigDecimal.ONE),
        BATCH_SIZE(Level.ACTION, Kind.POSITIVE_INTEGER, BigDecimal.valueOf(Integer.MAX_VALUE));

        private final Level level;
        private final Kind kind;
        private final BigDecimal max;

        Name(Level level, Kind kind, BigDecimal max) {
            this.level = level;
            this.kind = kind;
            this.max = max;
        }

        /** As written in specs: {@code seed_rows}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public Level level() {
            return level;
        }

        public Kind kind() {
            return kind;
        }

        /** The largest value (numbers only). */
        public BigDecimal max() {
            return max;
        }

        public static Optional<Name> of(String word) {
            for (Name n : values()) {
                if (n.word().equals(word)) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        }
    }

    /** A hint's value. */
    public sealed interface Value permits Flag, Count, Amount {
    }

    /** {@code true} or {@code false}. */
    public record Flag(boolean on) implements Value {
        @Override
        public String toString() {
            return Boolean.toString(on);
        }
    }

    /** A positive integer within the hint's maximum. */
    public record Count(long value) implements Value {
        public Count {
            if (value < 1) {
                throw new IllegalArgumentException("a count is positive: " + value);
            }
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A positive number within the hint's maximum, as written ({@code 25.5}). */
    public record Amount(BigDecimal value) implements Value {
        public Amount {
            Objects.requireNonNull(value, "value == null");
            if (value.signum() <= 0) {
                throw new IllegalArgumentException("an amount is positive: " + value);
            }
        }

        @Override
        public String toString() {
            return value.toPlainString();
        }
    }
}
