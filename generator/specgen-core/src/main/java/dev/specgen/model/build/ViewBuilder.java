package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.model.MaterializedView;
import dev.specgen.model.MaterializedView.Refresh;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code materialized_view:} (a name, or {@code {name, refresh_strategy, refresh_interval}}) with the entity-level
 * {@code refresh_strategy} (default full) and {@code refresh_interval} ({@code <positive number> <unit>}). Refresh
 * settings without a view, or given twice, are SG222.
 */
final class ViewBuilder {

    static final List<String> KEYS = List.of("name", "refresh_strategy", "refresh_interval");
    static final Map<String, Refresh> STRATEGIES = new LinkedHashMap<>();
    static final String UNITS = "second(s), minute(s), hour(s), day(s), week(s) or month(s)";
    private static final Pattern INTERVAL = Pattern.compile(
            "(\\d+(\\.\\d+)?)\\s+(seconds?|minutes?|hours?|days?|weeks?|months?)", Pattern.CASE_INSENSITIVE);

    static {
        for (Refresh r : Refresh.values()) {
            STRATEGIES.put(r.name().toLowerCase(Locale.ROOT), r);
        }
    }

    private final Shape shape;

    ViewBuilder(Shape shape) {
        this.shape = shape;
    }

    Optional<MaterializedView> build(YMap entity) {
        Optional<YMap.Entry> topStrategy = entity.entry("refresh_strategy");
        Optional<YMap.Entry> topInterval = entity.entry("refresh_interval");
        Optional<YNode> view = entity.get("materialized_view");
        if (view.isEmpty()) {
            for (Optional<YMap.Entry> e : List.of(topStrategy, topInterval)) {
                e.ifPresent(x -> shape.diags.error(x.key().pos(), Code.SG222, "\"" + x.key().text()
                        + "\" without materialized_view", "name the view with materialized_view:, or drop \""
                                + x.key().text() + "\""));
            }
            return Optional.empty();
        }
        Optional<String> name;
        Optional<YMap.Entry> strategy = topStrategy;
        Optional<YMap.Entry> interval = topInterval;
        if (view.get() instanceof YMap m) {
            shape.keys(m, KEYS, "materialized_view");
            name = shape.required(m, "name", "materialized_view").flatMap(n -> shape.text(n, "\"name\""));
            strategy = inner(m, "refresh_strategy", topStrategy);
            interval = inner(m, "refresh_interval", topInterval);
        } else {
            name = shape.text(view.get(), "\"materialized_view\"");
        }
        Refresh refresh = strategy.flatMap(s -> shape.word(s.value(), "refresh_strategy", STRATEGIES))
                .orElse(Refresh.FULL);
        Optional<String> every = interval.flatMap(i -> interval(i.value()));
        return name.map(n -> new MaterializedView(n, refresh, every, view.get().pos()));
    }

    /** The nested setting, or the top-level one; both is SG222 at the nested one. */
    private Optional<YMap.Entry> inner(YMap m, String key, Optional<YMap.Entry> top) {
        Optional<YMap.Entry> nested = m.entry(key);
        if (nested.isPresent() && top.isPresent()) {
            shape.diags.error(nested.get().key().pos(), Code.SG222, "\"" + key + "\" is given twice, here and at "
                    + top.get().key().pos(), "keep one of them");
        }
        return nested.isPresent() ? nested : top;
    }

    private Optional<String> interval(YNode n) {
        Optional<YScalar> s = shape.scalar(n, "\"refresh_interval\"");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String text = s.get().text().trim().replaceAll("\\s+", " ");
        Matcher m = INTERVAL.matcher(text);
        if (!m.matches() || new BigDecimal(m.group(1)).signum() <= 0) {
            shape.diags.error(s.get().pos(), Code.SG222, "refresh_interval \"" + s.get().text()
                    + "\" must be a positive number and a unit", "write for example \"1 hour\" or \"30 minutes\";"
                            + " units: " + UNITS);
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
