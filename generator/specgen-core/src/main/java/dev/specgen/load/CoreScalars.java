package dev.specgen.load;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * YAML 1.2 core-schema resolution of plain scalars (spec 1.2.2, section 10.3.2). Deliberately not YAML 1.1: no
 * {@code yes/no/on/off} booleans, no dates, no sexagesimals, no {@code 0777} octals.
 */
final class CoreScalars {
    private static final Pattern INT10 = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern INT8 = Pattern.compile("0o[0-7]+");
    private static final Pattern INT16 = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INF_NAN = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    /** Longer digit strings are not worth parsing: they overflow every type a spec uses. */
    private static final int MAX_NUMBER_LENGTH = 400;

    private CoreScalars() {
    }

    static boolean isNull(String t) {
        return t.isEmpty() || t.equals("~") || t.equals("null") || t.equals("Null") || t.equals("NULL");
    }

    static Optional<Boolean> bool(String t) {
        switch (t) {
            case "true", "True", "TRUE":
                return Optional.of(Boolean.TRUE);
            case "false", "False", "FALSE":
                return Optional.of(Boolean.FALSE);
            default:
                return Optional.empty();
        }
    }

    static Optional<BigInteger> integer(String t) {
        if (t.length() > MAX_NUMBER_LENGTH) {
            return Optional.empty();
        }
        if (INT10.matcher(t).matches()) {
            return Optional.of(new BigInteger(t.startsWith("+") ? t.substring(1) : t));
        }
        if (INT8.matcher(t).matches()) {
            return Optional.of(new BigInteger(t.substring(2), 8));
        }
        if (INT16.matcher(t).matches()) {
            return Optional.of(new BigInteger(t.substring(2), 16));
        }
        return Optional.empty();
    }

    /** Integers and finite floats; {@code .inf} and {@code .nan} have no BigDecimal. */
    static Optional<BigDecimal> decimal(String t) {
        Optional<BigInteger> i = integer(t);
        if (i.isPresent()) {
            return Optional.of(new BigDecimal(i.get()));
        }
        if (t.length() > MAX_NUMBER_LENGTH || !FLOAT.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(t));
        } catch (NumberFormatException e) {
            return Optional.empty(); // exponent out of int range
        }
    }

    static boolean isFloat(String t) {
        return t.length() <= MAX_NUMBER_LENGTH && (FLOAT.matcher(t).matches() || INF_NAN.matcher(t).matches());
    }

    /** The core-schema type of a plain scalar. */
    static String kind(String t) {
        if (isNull(t)) {
            return "null";
        }
        if (bool(t).isPresent()) {
            return "boolean";
        }
        if (integer(t).isPresent()) {
            return "integer";
        }
        return isFloat(t) ? "float" : "string";
    }
}
