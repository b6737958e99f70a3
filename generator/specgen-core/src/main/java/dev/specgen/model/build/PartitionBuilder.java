package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.model.Field;
import dev.specgen.model.Named;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.PartitionSpec.Bound;
import dev.specgen.model.Partitioning;
import dev.specgen.model.Partitioning.Strategy;
import dev.specgen.model.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code partitioning:} (and its one-level {@code subpartition:}) to a {@link Partitioning} with every partition
 * resolved: RANGE from {@code interval}/{@code step}/{@code partitions} ({@link RangePartitions}), LIST from
 * {@code partitions}, HASH from {@code modulus}. Keys that do not belong to the strategy are SG216. Without a usable
 * strategy or column the partitioning is left out; when only the partitions cannot be resolved it is kept with
 * none, so the column checks still run.
 */
final class PartitionBuilder {

    static final List<String> KEYS = List.of("strategy", "column", "interval", "intervals", "from", "to", "step",
            "partitions", "modulus", "default", "subpartition");
    static final Map<String, Strategy> STRATEGIES = new LinkedHashMap<>();
    static final int MAX_MODULUS = 1024;

    static {
        for (Strategy s : Strategy.values()) {
            STRATEGIES.put(s.word(), s);
        }
    }

    private final Shape shape;

    PartitionBuilder(Shape shape) {
        this.shape = shape;
    }

    Optional<Partitioning> build(YMap m, List<Field> fields, boolean sub) {
        String ctx = sub ? "subpartition" : "partitioning";
        shape.keys(m, KEYS, ctx);
        Optional<Strategy> strategy = shape.required(m, "strategy", ctx)
                .flatMap(s -> shape.word(s, "partition strategy", STRATEGIES));
        Optional<Named> column = shape.required(m, "column", ctx).flatMap(c -> shape.named(c, "\"column\""));
        Optional<Boolean> dflt = m.get("default").flatMap(d -> shape.bool(d, "\"default\""));
        Optional<Partitioning> subpartitioning = Optional.empty();
        Optional<YMap.Entry> subEntry = m.entry("subpartition");
        if (subEntry.isPresent() && sub) {
            shape.diags.error(subEntry.get().key().pos(), Code.SG216, "subpartitions go one level deep",
                    "partition the subpartition's partitions by hand, or drop this level");
        } else if (subEntry.isPresent()) {
            subpartitioning = shape.map(subEntry.get().value(), "\"subpartition\"")
                    .flatMap(s -> build(s, fields, true));
        }
        if (strategy.isEmpty() || column.isEmpty()) {
            return Optional.empty();
        }
        Optional<Field> field = fields.stream().filter(f -> f.name().equals(column.get().name())).findFirst();
        List<PartitionSpec> parts = switch (strategy.get()) {
            case RANGE -> new RangePartitions(shape, m, field).resolve();
            case LIST -> list(m);
            case HASH -> hash(m, dflt);
        };
        boolean defaultPartition = strategy.get() != Strategy.HASH && dflt.orElse(true);
        return Optional.of(new Partitioning(strategy.get(), column.get(), parts, defaultPartition, subpartitioning,
                m.pos()));
    }

    /** SG216 for each of {@code keys} present in {@code m}. */
    static void notFor(Shape shape, YMap m, String strategy, List<String> keys, String hint) {
        for (String k : keys) {
            m.entry(k).ifPresent(e -> shape.diags.error(e.key().pos(), Code.SG216, "\"" + k + "\" is not used by "
                    + strategy + " partitioning", hint));
        }
    }

    private List<PartitionSpec> list(YMap m) {
        notFor(shape, m, "list", List.of("interval", "intervals", "from", "to", "step", "modulus"),
                "list partitions are given with partitions: [{name, values}]");
        Optional<YNode> partitions = m.get("partitions");
        if (partitions.isEmpty()) {
            shape.diags.error(m.pos(), Code.SG216, "list partitioning needs \"partitions\"",
                    "write partitions: [{name: eu, values: [de, fr]}, ...]");
            return List.of();
        }
        List<PartitionSpec> out = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        shape.seq(partitions.get(), "\"partitions\"").ifPresent(s -> {
            for (YNode item : s.items()) {
                shape.map(item, "each item of \"partitions\"").ifPresent(p -> listPartition(p, owner, out));
            }
        });
        return out;
    }

    private void listPartition(YMap p, Map<String, String> owner, List<PartitionSpec> out) {
        shape.keys(p, List.of("name", "values"), "list partition");
        Optional<String> name = shape.required(p, "name", "list partition").flatMap(n -> suffix(shape, n));
        List<String> literals = new ArrayList<>();
        shape.required(p, "values", "list partition").flatMap(v -> shape.seq(v, "\"values\"")).ifPresent(vs -> {
            if (vs.items().isEmpty()) {
                shape.diags.error(vs.pos(), Code.SG107, "\"values\" must be a non-empty list, found an empty list");
            }
            for (YNode v : vs.items()) {
                if (!(v instanceof YScalar s)) {
                    shape.wrong(v, "each item of \"values\"", "a value");
                    continue;
                }
                String lit = listLiteral(s);
                String first = owner.putIfAbsent(lit, name.orElse("?"));
                if (first != null) {
                    shape.diags.error(s.pos(), Code.SG215, "value " + lit + " is listed by partitions " + first
                            + " and " + name.orElse("?"), "each value belongs to exactly one list partition");
                }
                literals.add(lit);
            }
        });
        if (name.isPresent() && !literals.isEmpty()) {
            out.add(new PartitionSpec(name.get(), new Bound.ListValues(literals), p.pos()));
        }
    }

    /** SQL literal of a list value: NULL, true/false, numbers as written, anything else a quoted string. */
    static String listLiteral(YScalar s) {
        if (s.isNull()) {
            return "NULL";
        }
        if (s.asBoolean().isPresent()) {
            return s.asBoolean().get().toString();
        }
        if (s.asDecimal().isPresent()) {
            return s.text().trim();
        }
        return Sql.literal(s.text());
    }

    /** A partition's own name, the suffix after {@code <table>_}: lower-case letters, digits, underscores. */
    static Optional<String> suffix(Shape shape, YNode n) {
        Optional<YScalar> s = shape.scalar(n, "\"name\"");
        if (s.isPresent() && !s.get().text().matches("[a-z0-9_]+")) {
            shape.diags.error(s.get().pos(), Code.SG212, "partition name \"" + s.get().text()
                    + "\" is not lower-case snake_case", "use lower-case letters, digits and underscores; the"
                            + " partition table is named <table>_<name>");
            return Optional.empty();
        }
        return s.map(YScalar::text);
    }

    private List<PartitionSpec> hash(YMap m, Optional<Boolean> dflt) {
        notFor(shape, m, "hash", List.of("interval", "intervals", "from", "to", "step", "partitions"),
                "hash partitions are made from \"modulus\"");
        if (dflt.orElse(false)) {
            m.entry("default").ifPresent(e -> shape.diags.error(e.key().pos(), Code.SG216,
                    "hash partitioning has no default partition", "drop default: every row hashes to a partition"));
        }
        Optional<YMap.Entry> mod = m.entry("modulus");
        if (mod.isEmpty()) {
            shape.diags.error(m.pos(), Code.SG216, "hash partitioning needs \"modulus\"",
                    "write modulus: 16 for 16 partitions");
            return List.of();
        }
        Optional<Long> modulus = shape.integer(mod.get().value(), "\"modulus\"");
        if (modulus.isEmpty()) {
            return List.of();
        }
        long n = modulus.get();
        if (n < 1) {
            shape.diags.error(mod.get().value().pos(), Code.SG214, "\"modulus\" must be a positive integer, found "
                    + n);
            return List.of();
        }
        if (n > MAX_MODULUS) {
            shape.diags.error(mod.get().value().pos(), Code.SG218, "\"modulus\" " + n + " makes more than "
                    + MAX_MODULUS + " partitions", "use a modulus from 1 to " + MAX_MODULUS);
            return List.of();
        }
        int width = String.valueOf(n - 1).length();
        List<PartitionSpec> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PartitionSpec("h" + String.format(Locale.ROOT, "%0" + width + "d", i),
                    new Bound.Hash((int) n, i), mod.get().key().pos()));
        }
        return out;
    }
}
