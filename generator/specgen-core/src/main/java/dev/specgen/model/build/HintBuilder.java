package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.Suggest;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.load.YSeq;
import dev.specgen.model.Hint;
import dev.specgen.model.Hints;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code performance_hints:} (entity or action level) to typed {@link Hints}, checked once here (SG222 unless said
 * otherwise): a known name at the right level (the hint says where to move it), each name once (SG202), a value of
 * the right kind within the hint's range. A hint that fails is reported and left out.
 *
 * <p>Two forms are read: the seed specs' list of single-key mappings ({@code - copy_mode: true}) and one mapping.
 */
final class HintBuilder {
    private static final Pattern INTEGER = Pattern.compile("\\+?\\d+");
    private static final Pattern NUMBER = Pattern.compile("\\+?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** Action keys that people write as hints (conflict_columns was a hint before it changed what is written). */
    /** The smallest time budget (a microsecond): below it a budget cannot be measured. */
    static final BigDecimal MIN_BUDGET_MS = new BigDecimal("0.001");
    static final List<String> ACTION_KEYS = List.of("conflict_columns", "key", "update_columns", "parent_key");

    private final Shape shape;

    HintBuilder(Shape shape) {
        this.shape = shape;
    }

    Hints build(YNode n, Hint.Level level) {
        List<YMap.Entry> entries = new ArrayList<>();
        if (n instanceof YMap m) {
            entries.addAll(m.entries());
        } else if (n instanceof YSeq s) {
            for (YNode item : s.items()) {
                shape.map(item, "each item of \"performance_hints\"").ifPresent(m -> entries.addAll(m.entries()));
            }
        } else {
            shape.wrong(n, "\"performance_hints\"", "a list or a mapping");
        }
        List<Hint> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YMap.Entry e : entries) {
            String word = e.key().text();
            if (!seen.add(word)) {
                shape.diags.error(e.key().pos(), Code.SG202, "performance hint " + word + " is given twice");
                continue;
            }
            hint(e, level).ifPresent(out::add);
        }
        return new Hints(out);
    }

    private Optional<Hint> hint(YMap.Entry e, Hint.Level level) {
        String word = e.key().text();
        Optional<Hint.Name> name = Hint.Name.of(word);
        if (name.isEmpty() && level == Hint.Level.ACTION && ACTION_KEYS.contains(word)) {
            shape.diags.error(e.key().pos(), Code.SG222, word + " is a key of the action, not a performance hint",
                    "write " + word + ": [...] next to operation:");
            return Optional.empty();
        }
        if (name.isEmpty()) {
            List<String> known = words(level);
            shape.diags.error(e.key().pos(), Code.SG222, "unknown performance hint \"" + word + "\""
                    + Suggest.didYouMean(word, known), (level == Hint.Level.ENTITY ? "entity" : "action")
                            + " hints: " + String.join(", ", known));
            return Optional.empty();
        }
        if (name.get().level() != level) {
            shape.diags.error(e.key().pos(), Code.SG222, "performance hint " + word + " belongs to "
                    + (level == Hint.Level.ENTITY ? "an action" : "the entity"), level == Hint.Level.ENTITY
                            ? "move it under an action's performance_hints"
                            : "move it to the entity's top-level performance_hints");
            return Optional.empty();
        }
        return value(e, name.get()).map(v -> new Hint(name.get(), v, e.key().pos()));
    }

    private Optional<Hint.Value> value(YMap.Entry e, Hint.Name name) {
        String word = name.word();
        if (!(e.value() instanceof YScalar s) || s.isNull()) {
            shape.diags.error(e.key().pos(), Code.SG222, "performance hint " + word + " must be " + expected(name)
                    + ", found " + Shape.kind(e.value()));
            return Optional.empty();
        }
        String v = Shape.valueText(s);
        switch (name.kind()) {
            case BOOLEAN -> {
                if (v.equals("true") || v.equals("false")) {
                    return Optional.of(new Hint.Flag(v.equals("true")));
                }
            }
            case POSITIVE_INTEGER, POSITIVE_NUMBER -> {
                boolean integer = name.kind() == Hint.Kind.POSITIVE_INTEGER;
                if ((integer ? INTEGER : NUMBER).matcher(v).matches() && number(v).signum() > 0) {
                    BigDecimal d = number(v);
                    if (d.compareTo(name.max()) > 0) {
                        shape.diags.error(e.key().pos(), Code.SG222, "performance hint " + word + " must be at most "
                                + name.max().toPlainString() + ", found \"" + v + "\"", why(name));
                        return Optional.empty();
                    }
                    if (!integer && d.compareTo(MIN_BUDGET_MS) < 0) {
                        shape.diags.error(e.key().pos(), Code.SG222, "performance hint " + word + " must be at least "
                                + MIN_BUDGET_MS.toPlainString() + ", found \"" + v + "\"", why(name));
                        return Optional.empty();
                    }
                    return Optional.of(integer ? new Hint.Count(d.longValueExact()) : new Hint.Amount(d));
                }
            }
        }
        String hint = name.kind() == Hint.Kind.BOOLEAN ? Suggest.yaml11Boolean(v).orElse(null) : null;
        shape.diags.error(e.key().pos(), Code.SG222, "performance hint " + word + " must be " + expected(name)
                + ", found \"" + v + "\"", hint);
        return Optional.empty();
    }

    /** {@code v} as a number; zero when BigDecimal cannot hold it (an exponent past 2^31: {@code 1e9999999999}). */
    private static BigDecimal number(String v) {
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static String expected(Hint.Name name) {
        return switch (name.kind()) {
            case BOOLEAN -> "true or false";
            case POSITIVE_INTEGER -> "a positive integer";
            case POSITIVE_NUMBER -> "a positive number";
        };
    }

    private static String why(Hint.Name name) {
        return switch (name) {
            case SEED_ROWS -> "the generated tests seed that many rows in one statement; at most ten million";
            case BATCH_SIZE -> "a batch is counted in a 32-bit integer";
            default -> "time budgets are milliseconds, from a microsecond up to an hour";
        };
    }

    static List<String> words(Hint.Level level) {
        return Arrays.stream(Hint.Name.values()).filter(n -> n.level() == level).map(Hint.Name::word).toList();
    }
}
