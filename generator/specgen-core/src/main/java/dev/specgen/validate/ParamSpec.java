package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Param;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one storage parameter accepts: an integer or a decimal within bounds, a boolean ({@code true}/{@code false},
 * as the model builder writes YAML booleans), or one of some words. Used for table storage and index {@code with}.
 */
record ParamSpec(String name, Kind kind, BigDecimal min, BigDecimal max, List<String> words) {

    enum Kind { INTEGER, DECIMAL, BOOLEAN, WORD }

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    static ParamSpec integer(String name, long min, long max) {
        return new ParamSpec(name, Kind.INTEGER, BigDecimal.valueOf(min), BigDecimal.valueOf(max), List.of());
    }

    static ParamSpec decimal(String name, double min, double max) {
        return new ParamSpec(name, Kind.DECIMAL, BigDecimal.valueOf(min), BigDecimal.valueOf(max), List.of());
    }

    static ParamSpec bool(String name) {
        return new ParamSpec(name, Kind.BOOLEAN, null, null, List.of());
    }

    static ParamSpec words(String name, String... words) {
        return new ParamSpec(name, Kind.WORD, null, null, List.of(words));
    }

    /** Reports SG210 when {@code p}'s value does not fit; true when it fits. */
    boolean check(Param p, Diagnostics diags) {
        String v = p.value();
        boolean ok = switch (kind) {
            case INTEGER -> INTEGER.matcher(v).matches() && inRange(new BigDecimal(v));
            case DECIMAL -> DECIMAL.matcher(v).matches() && inRange(new BigDecimal(v));
            case BOOLEAN -> v.equals("true") || v.equals("false");
            case WORD -> words.contains(v);
        };
        if (!ok) {
            String hint = kind == Kind.BOOLEAN ? Suggest.yaml11Boolean(v).orElse(null) : null;
            diags.error(p.pos(), Code.SG210, name + " must be " + expected() + ", found " + shown(v), hint);
        }
        return ok;
    }

    private boolean inRange(BigDecimal d) {
        return d.compareTo(min) >= 0 && d.compareTo(max) <= 0;
    }

    /** {@code an integer from 10 to 100}, {@code true or false}, {@code one of on, off, auto}. */
    String expected() {
        return switch (kind) {
            case INTEGER -> "an integer from " + plain(min) + " to " + plain(max);
            case DECIMAL -> "a number from " + plain(min) + " to " + plain(max);
            case BOOLEAN -> "true or false";
            case WORD -> "one of " + String.join(", ", words);
        };
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private static String shown(String v) {
        return DECIMAL.matcher(v).matches() ? v : "\"" + v + "\"";
    }
}
