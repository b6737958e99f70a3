package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.model.Maintenance;
import dev.specgen.model.Maintenance.Retention;
import dev.specgen.model.Maintenance.Rule;
import dev.specgen.model.Maintenance.SpanUnit;
import dev.specgen.model.Partitioning.Strategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The maintenance keys of {@code partitioning:} ({@code premake}, {@code retention}, {@code retention_mode},
 * {@code create_partitions}) to a {@link Maintenance}. Only RANGE by interval or step needs (and can have) it; any of
 * the keys turns it on. Keys that cannot take effect are reported, never dropped silently: on LIST and HASH (SG250,
 * a warning: those partitions never run out), on a subpartition or explicit partitions (SG254), or next to a setting
 * that voids them (SG253).
 */
final class MaintenanceBuilder {
    static final List<String> KEYS = List.of("premake", "retention", "retention_mode", "create_partitions");
    static final int MAX_PREMAKE = 1000;
    static final int MAX_RETENTION = 100_000;
    private static final Map<String, Maintenance.Mode> MODES = new LinkedHashMap<>();
    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})\\s*(day|week|month|year)s?");

    static {
        for (Maintenance.Mode m : Maintenance.Mode.values()) {
            MODES.put(m.word(), m);
        }
    }

    private final Shape shape;

    MaintenanceBuilder(Shape shape) {
        this.shape = shape;
    }

    /**
     * @param rule     how the level's partitions were made; empty for explicit partitions or when they could not be
     *                 resolved
     * @param resolved whether the level's partitions were resolved (otherwise their error was reported already)
     */
    Optional<Maintenance> build(YMap m, Strategy strategy, Optional<Rule> rule, boolean sub, boolean resolved) {
        List<YMap.Entry> given = KEYS.stream().map(m::entry).flatMap(Optional::stream).toList();
        if (given.isEmpty()) {
            return Optional.empty();
        }
        if (sub) {
            given.forEach(e -> shape.diags.error(e.key().pos(), Code.SG254, "\"" + e.key().text()
                    + "\" belongs to the top-level partitioning, not to \"subpartition\"",
                    "move it up: maintenance creates each new partition's subpartitions as the DDL does"));
            return Optional.empty();
        }
        if (strategy != Strategy.RANGE) {
            String why = strategy == Strategy.LIST
                    ? "list partitions are fixed by their values and never run out"
                    : "hash partitions cover every key and never run out";
            given.forEach(e -> shape.diags.warning(e.key().pos(), Code.SG250, "\"" + e.key().text()
                    + "\" has no effect: " + strategy.word() + " partitioning needs no maintenance",
                    why + "; remove the key"));
            return Optional.empty();
        }
        if (rule.isEmpty()) {
            if (resolved) {
                shape.diags.error(given.get(0).key().pos(), Code.SG254, "partition maintenance needs partitions"
                        + " made by \"interval\" or \"step\"", "explicit partitions give no rule to name and bound"
                        + " the next one; use interval: or step: with from: and to:");
            }
            return Optional.empty();
        }
        Optional<Integer> premake = m.get("premake").flatMap(this::premake);
        boolean create = m.get("create_partitions").flatMap(n -> shape.bool(n, "\"create_partitions\""))
                .orElse(true);
        Optional<Retention> retention = m.get("retention").flatMap(n -> retention(n, rule.get()));
        Optional<Maintenance.Mode> mode = m.get("retention_mode")
                .flatMap(n -> shape.word(n, "\"retention_mode\"", MODES));
        if (!create) {
            m.entry("premake").ifPresent(e -> shape.diags.warning(e.key().pos(), Code.SG253,
                    "\"premake\" has no effect: create_partitions is false", "maintenance creates no partitions"
                            + " (nor moves rows out of the DEFAULT partition); remove premake or create_partitions"));
        }
        if (m.get("retention").isEmpty()) {
            m.entry("retention_mode").ifPresent(e -> shape.diags.warning(e.key().pos(), Code.SG253,
                    "\"retention_mode\" has no effect without \"retention\"", "partitions are kept forever; add"
                            + " retention: (a partition count or an interval such as 12 months)"));
            if (!create) {
                m.entry("create_partitions").ifPresent(e -> shape.diags.warning(e.key().pos(), Code.SG253,
                        "maintenance with create_partitions: false and no retention has nothing to do",
                        "no maintain function is generated; remove create_partitions or add retention"));
                return Optional.empty();
            }
        }
        if (m.get("premake").isPresent() && premake.isEmpty()
                || m.get("retention").isPresent() && retention.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Maintenance(rule.get(), premake.orElse(Maintenance.DEFAULT_PREMAKE), create,
                retention, mode.orElse(Maintenance.Mode.DROP), given.get(0).key().pos()));
    }

    private Optional<Integer> premake(YNode n) {
        Optional<Long> v = shape.integer(n, "\"premake\"");
        if (v.isPresent() && (v.get() < 0 || v.get() > MAX_PREMAKE)) {
            shape.diags.error(n.pos(), Code.SG251, "\"premake\" must be from 0 to " + MAX_PREMAKE + ", found "
                    + v.get(), "premake is how many partitions past the current one to keep ready, e.g. premake: 4");
            return Optional.empty();
        }
        return v.map(Long::intValue);
    }

    private Optional<Retention> retention(YNode n, Rule rule) {
        if (!(n instanceof YScalar s) || s.isNull()) {
            shape.wrong(n, "\"retention\"", "a partition count or an interval such as 12 months");
            return Optional.empty();
        }
        SourcePos pos = s.pos();
        Optional<Long> count = s.asLong();
        if (count.isPresent()) {
            if (count.get() < 1 || count.get() > MAX_RETENTION) {
                shape.diags.error(pos, Code.SG252, "\"retention\" as a partition count must be from 1 to "
                        + MAX_RETENTION + ", found " + count.get(), "retention: 12 keeps the current partition and"
                                + " the 12 before it");
                return Optional.empty();
            }
            return Optional.of(new Retention.Count(count.get().intValue()));
        }
        Matcher mt = SPAN.matcher(s.text().trim().toLowerCase(Locale.ROOT));
        if (!mt.matches() || Integer.parseInt(mt.group(1)) < 1) {
            shape.diags.error(pos, Code.SG252, "\"retention\" must be a partition count or an interval such as"
                    + " 12 months, found \"" + s.text() + "\"", "units: day(s), week(s), month(s), year(s)");
            return Optional.empty();
        }
        if (rule instanceof Rule.ByStep) {
            shape.diags.error(pos, Code.SG252, "\"retention\" of an integer range is a partition count, found \""
                    + s.text() + "\"", "write retention: 10 to keep the partition of the highest key and the 10"
                            + " before it");
            return Optional.empty();
        }
        return Optional.of(new Retention.Span(Integer.parseInt(mt.group(1)),
                SpanUnit.valueOf(mt.group(2).toUpperCase(Locale.ROOT))));
    }
}
