package dev.specgen.load;

import dev.specgen.diag.SourcePos;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A scalar as written. {@code plain} means the value is subject to YAML 1.2 core-schema resolution: an untagged
 * plain (unquoted, non-block) scalar, or one carrying a matching core tag ({@code !!int 5}). Quoted, block and
 * {@code !!str} scalars are never plain, so {@code "true"} stays a string. YAML 1.2 also means that plain
 * {@code 2024-01-01} and {@code no} are strings here, never dates or booleans.
 *
 * <p>{@code isNull} is true for plain {@code null}/{@code Null}/{@code NULL}/{@code ~}/empty and for {@code !!null}.
 */
public record YScalar(String text, boolean plain, boolean isNull, SourcePos pos) implements YNode {

    public YScalar {
        Objects.requireNonNull(text, "text == null");
        Objects.requireNonNull(pos, "pos == null");
    }

    /** An unquoted scalar, null-ness resolved by the core schema. */
    public static YScalar plain(String text, SourcePos pos) {
        return new YScalar(text, true, CoreScalars.isNull(text), pos);
    }

    /** A quoted (or block, or {@code !!str}) scalar: always a string. */
    public static YScalar quoted(String text, SourcePos pos) {
        return new YScalar(text, false, false, pos);
    }

    /** Only plain {@code true/True/TRUE/false/False/FALSE}. */
    public Optional<Boolean> asBoolean() {
        return resolvable() ? CoreScalars.bool(text) : Optional.empty();
    }

    /** Plain decimal ({@code -12}, {@code +7}), octal ({@code 0o17}) or hex ({@code 0x1F}) that fits a long. */
    public Optional<Long> asLong() {
        if (!resolvable()) {
            return Optional.empty();
        }
        Optional<BigInteger> i = CoreScalars.integer(text);
        if (i.isEmpty() || i.get().bitLength() > 63) {
            return Optional.empty();
        }
        return Optional.of(i.get().longValue());
    }

    /** Plain integers and finite floats ({@code 1.5}, {@code .5}, {@code 1e3}); not {@code .inf}/{@code .nan}. */
    public Optional<BigDecimal> asDecimal() {
        return resolvable() ? CoreScalars.decimal(text) : Optional.empty();
    }

    @Override
    public String kind() {
        if (isNull) {
            return "null";
        }
        return plain ? CoreScalars.kind(text) : "string";
    }

    private boolean resolvable() {
        return plain && !isNull;
    }
}
