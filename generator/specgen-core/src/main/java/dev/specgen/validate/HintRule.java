package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Action;
import dev.specgen.model.Entity;
import dev.specgen.model.Hint;
import dev.specgen.model.SpecModel;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Performance hints (SG222): known names at the right level, values of the right kind, each name once (SG202).
 * Entity level: {@code seed_rows}, {@code lookup_budget_ms}, {@code range_budget_ms}. Action level: the booleans
 * below, {@code batch_size}, {@code conflict_columns} (fields of the entity, SG203; upsert only).
 */
final class HintRule implements Rule {

    enum Kind { BOOLEAN, POSITIVE_INTEGER, POSITIVE_NUMBER, COLUMNS }

    static final Map<String, Kind> ENTITY_HINTS = new LinkedHashMap<>();
    static final Map<String, Kind> ACTION_HINTS = new LinkedHashMap<>();

    static {
        ENTITY_HINTS.put("seed_rows", Kind.POSITIVE_INTEGER);
        ENTITY_HINTS.put("lookup_budget_ms", Kind.POSITIVE_NUMBER);
        ENTITY_HINTS.put("range_budget_ms", Kind.POSITIVE_NUMBER);
        for (String b : List.of("disable_triggers", "disable_indexes", "copy_mode", "async_execution",
                "batch_updates", "materialized_views")) {
            ACTION_HINTS.put(b, Kind.BOOLEAN);
        }
        ACTION_HINTS.put("batch_size", Kind.POSITIVE_INTEGER);
        ACTION_HINTS.put("conflict_columns", Kind.COLUMNS);
    }

    /**
     * Upper bounds (inclusive) of numeric hints, so that what validation accepts plans and renders: seed_rows became
     * a Java long (99999999999999999999 crashed build), a budget a plain decimal ({@code 1e999999999} has a billion
     * digits). Budgets also have a lower bound of {@link #MIN_BUDGET_MS}.
     */
    static final Map<String, BigDecimal> MAX = Map.of(
            "seed_rows", BigDecimal.valueOf(10_000_000),
            "batch_size", BigDecimal.valueOf(Integer.MAX_VALUE),
            "lookup_budget_ms", BigDecimal.valueOf(3_600_000),
            "range_budget_ms", BigDecimal.valueOf(3_600_000));
    static final BigDecimal MIN_BUDGET_MS = new BigDecimal("0.001");

    private static final Pattern INTEGER = Pattern.compile("\\+?\\d+");
    private static final Pattern NUMBER = Pattern.compile("\\+?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        check(e, null, e.performanceHints(), ENTITY_HINTS, ACTION_HINTS, diags);
        for (Action a : e.actions()) {
            check(e, a, a.performanceHints(), ACTION_HINTS, ENTITY_HINTS, diags);
        }
    }

    private static void check(Entity e, Action a, List<Hint> hints, Map<String, Kind> known,
            Map<String, Kind> otherLevel, Diagnostics diags) {
        Set<String> seen = new HashSet<>();
        for (Hint h : hints) {
            if (!seen.add(h.name())) {
                diags.error(h.pos(), Code.SG202, "performance hint " + h.name() + " is given twice");
            }
            Kind kind = known.get(h.name());
            if (kind == null && otherLevel.containsKey(h.name())) {
                diags.error(h.pos(), Code.SG222, "performance hint " + h.name() + " belongs to "
                        + (a == null ? "an action" : "the entity"), a == null
                                ? "move it under an action's performance_hints"
                                : "move it to the entity's top-level performance_hints");
            } else if (kind == null) {
                diags.error(h.pos(), Code.SG222, "unknown performance hint \"" + h.name() + "\""
                        + Suggest.didYouMean(h.name(), known.keySet()),
                        (a == null ? "entity" : "action") + " hints: " + String.join(", ", known.keySet()));
            } else {
                checkValue(e, a, h, kind, diags);
            }
        }
    }

    /** {@code v} as a number; zero when BigDecimal cannot hold it (an exponent past 2^31: {@code 1e9999999999}). */
    private static BigDecimal number(String v) {
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    /** What the value must be when it is out of {@link #MAX} (or under {@link #MIN_BUDGET_MS}), else null. */
    private static String range(String name, BigDecimal value, Kind kind) {
        BigDecimal max = MAX.get(name);
        if (max != null && value.compareTo(max) > 0) {
            return "at most " + max.toPlainString();
        }
        if (kind == Kind.POSITIVE_NUMBER && value.compareTo(MIN_BUDGET_MS) < 0) {
            return "at least " + MIN_BUDGET_MS.toPlainString();
        }
        return null;
    }

    private static void checkValue(Entity e, Action a, Hint h, Kind kind, Diagnostics diags) {
        String v = h.value();
        String expected = switch (kind) {
            case BOOLEAN -> v.equals("true") || v.equals("false") ? null : "true or false";
            case POSITIVE_INTEGER -> INTEGER.matcher(v).matches() && number(v).signum() > 0
                    ? null : "a positive integer";
            case POSITIVE_NUMBER -> NUMBER.matcher(v).matches() && number(v).signum() > 0
                    ? null : "a positive number";
            case COLUMNS -> v.isBlank() ? "a list of fields" : null;
        };
        if (expected == null && (kind == Kind.POSITIVE_INTEGER || kind == Kind.POSITIVE_NUMBER)) {
            expected = range(h.name(), number(v), kind);
        }
        if (expected != null) {
            String hint = kind == Kind.BOOLEAN ? Suggest.yaml11Boolean(v).orElse(null) : null;
            diags.error(h.pos(), Code.SG222, "performance hint " + h.name() + " must be " + expected + ", found \""
                    + v + "\"", hint);
            return;
        }
        if (kind == Kind.COLUMNS) {
            for (String col : v.split(",")) {
                String c = col.trim();
                if (e.field(c).isEmpty()) {
                    diags.error(h.pos(), Code.SG203, "conflict column \"" + c + "\" is not a field of " + e.name()
                            + Columns.didYouMean(c, e));
                }
            }
            if (a != null && !a.operation().filter("upsert"::equals).isPresent()) {
                diags.error(h.pos(), Code.SG222, "performance hint conflict_columns only applies to operation: upsert");
            }
        }
    }
}
