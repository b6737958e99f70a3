package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YSeq;
import dev.specgen.model.NamePattern;
import dev.specgen.model.NamePattern.Placeholder;
import dev.specgen.model.PartitionName;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.PartitionSpec.Bound;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HASH partitions from {@code modulus}: remainder 0 .. modulus - 1, named {@code <parent>_h07} (zero-padded to the
 * width of modulus - 1), by {@code partition_name:} ({@code {n}}, {@code {nn}}), or by {@code names:}, one name per
 * remainder in remainder order ({@code <parent>_<name>}; SG295 unless there is exactly one per remainder).
 */
final class HashPartitions {
    private final Shape shape;
    private final YMap m;
    private final Optional<NamePattern> naming;

    HashPartitions(Shape shape, YMap m, Optional<NamePattern> naming) {
        this.shape = shape;
        this.m = m;
        this.naming = naming;
    }

    List<PartitionSpec> resolve(Optional<Boolean> dflt) {
        PartitionBuilder.notFor(shape, m, "hash", List.of("interval", "intervals", "from", "to", "step",
                "partitions"), "hash partitions are made from \"modulus\"");
        if (dflt.orElse(false)) {
            m.entry("default").ifPresent(e -> shape.diags.error(e.key().pos(), Code.SG216,
                    "hash partitioning has no default partition", "drop default: every row hashes to a partition"));
        }
        Optional<YMap.Entry> mod = m.entry("modulus");
        if (mod.isEmpty()) {
            if (!shape.misspelled(m, "modulus")) {
                shape.diags.error(m.pos(), Code.SG216, "hash partitioning needs \"modulus\"",
                        "write modulus: 16 for 16 partitions");
            }
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
        if (n > PartitionBuilder.MAX_MODULUS) {
            shape.diags.error(mod.get().value().pos(), Code.SG218, "\"modulus\" " + n + " makes more than "
                    + PartitionBuilder.MAX_MODULUS + " partitions", "use a modulus from 1 to "
                            + PartitionBuilder.MAX_MODULUS);
            return List.of();
        }
        Optional<List<PartitionName>> names = names((int) n);
        if (names.isEmpty()) {
            return List.of();
        }
        List<PartitionSpec> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PartitionSpec(names.get().get(i), new Bound.Hash((int) n, i), naming.map(NamePattern::pos)
                    .orElse(mod.get().key().pos())));
        }
        return out;
    }

    /** One name per remainder, or empty when {@code names:} or {@code partition_name:} cannot give them. */
    private Optional<List<PartitionName>> names(int n) {
        Optional<YMap.Entry> listed = m.entry("names");
        if (listed.isPresent() && naming.isPresent()) {
            shape.diags.error(listed.get().key().pos(), Code.SG216, "hash partitioning takes \"names\" or"
                    + " \"partition_name\", not both");
            return Optional.empty();
        }
        int width = String.valueOf(n - 1).length();
        List<PartitionName> out = new ArrayList<>();
        if (listed.isPresent()) {
            return shape.seq(listed.get().value(), "\"names\"").flatMap(s -> listed(s, n));
        }
        if (naming.isPresent() && !new NamePatterns(shape).check(naming.get(), NamePatterns.Way.HASH)) {
            return Optional.empty();
        }
        for (int i = 0; i < n; i++) {
            String nn = NamePattern.Placeholder.pad(i, width);
            String plain = Integer.toString(i);
            out.add(naming.map(p -> p.name(ph -> ph == Placeholder.N ? plain : nn))
                    .orElse(PartitionName.suffixed("h" + nn)));
        }
        return Optional.of(out);
    }

    private Optional<List<PartitionName>> listed(YSeq s, int n) {
        if (s.items().size() != n) {
            shape.diags.error(s.pos(), Code.SG295, "\"names\" lists " + s.items().size() + " name"
                    + (s.items().size() == 1 ? "" : "s") + " for modulus " + n, "list one name per remainder, in"
                            + " remainder order (remainder 0 first)");
            return Optional.empty();
        }
        List<PartitionName> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean ok = true;
        for (int i = 0; i < n; i++) {
            YNode item = s.items().get(i);
            Optional<String> name = PartitionBuilder.suffix(shape, item);
            if (name.isEmpty()) {
                ok = false;
                continue;
            }
            Integer first = seen.putIfAbsent(name.get(), i);
            if (first != null) {
                shape.diags.error(item.pos(), Code.SG295, "\"names\" gives " + name.get() + " to remainders "
                        + first + " and " + i, "each remainder has a name of its own");
                ok = false;
                continue;
            }
            out.add(PartitionName.suffixed(name.get()));
        }
        return ok ? Optional.of(out) : Optional.empty();
    }
}
