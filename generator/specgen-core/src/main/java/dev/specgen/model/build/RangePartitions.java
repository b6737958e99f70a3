package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.Suggest;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.load.YSeq;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.FieldType.Traits;
import dev.specgen.model.NamePattern;
import dev.specgen.model.RangeNames;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.PartitionSpec.Bound;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RANGE partitions, from exactly one of: {@code interval} (or the one-item list {@code intervals}) with date
 * {@code from}/{@code to}; {@code step} with integer {@code from}/{@code to}; an explicit {@code partitions} list
 * ({@link ExplicitRanges}). {@code from} is inclusive, {@code to} exclusive, and both are interval starts (or a
 * whole number of steps apart). Never consults the clock.
 */
final class RangePartitions {
    static final int MAX_PARTITIONS = 1000;
    private static final List<String> WAYS = List.of("interval", "intervals", "step", "partitions");
    /** Decimal digits too many for a long, still an integer: read so that the column's range can be reported. */
    private static final Pattern LONG_DIGITS = Pattern.compile("[+-]?\\d{19,}");
    private static final String NO_TODAY = "partition bounds are computed from the spec, never from today's date";

    private final Shape shape;
    private final YMap m;
    private final Optional<Field> field;
    /** {@code partition_name:}, for interval and step partitions; explicit ones have their own names. */
    private final Optional<NamePattern> naming;
    /** How the partitions were made (interval or step from an anchor), once resolved; maintenance follows it. */
    private Optional<dev.specgen.model.Maintenance.Rule> rule = Optional.empty();

    RangePartitions(Shape shape, YMap m, Optional<Field> field, Optional<NamePattern> naming) {
        this.shape = shape;
        this.m = m;
        this.field = field;
        this.naming = naming;
    }

    /** The naming and bounding rule of resolved interval or step partitions; empty for explicit ones. */
    Optional<dev.specgen.model.Maintenance.Rule> rule() {
        return rule;
    }

    List<PartitionSpec> resolve() {
        PartitionBuilder.notFor(shape, m, "range", List.of("modulus", "names"),
                "range partitions come from interval, step or partitions");
        List<YMap.Entry> ways = new ArrayList<>();
        for (String k : WAYS) {
            m.entry(k).ifPresent(ways::add);
        }
        if (ways.isEmpty()) {
            // a misspelled way (intreval:) is already reported as an unknown key with a did-you-mean
            if (WAYS.stream().noneMatch(k -> shape.misspelled(m, k))) {
                shape.diags.error(m.pos(), Code.SG216, "range partitioning needs one of \"interval\", \"step\" or"
                        + " \"partitions\"", "write interval: monthly with from: and to:, for example");
            }
            return List.of();
        }
        if (ways.size() > 1) {
            YMap.Entry second = ways.get(1);
            shape.diags.error(second.key().pos(), Code.SG216, "range partitioning takes one of \"interval\","
                    + " \"step\" or \"partitions\", found \"" + ways.get(0).key().text() + "\" and \""
                    + second.key().text() + "\"");
            return List.of();
        }
        YMap.Entry way = ways.get(0);
        return switch (way.key().text()) {
            case "step" -> byStep(way);
            case "partitions" -> {
                PartitionBuilder.notFor(shape, m, "explicit range", List.of("from", "to"),
                        "each partition has its own from: and to:");
                PartitionBuilder.notFor(shape, m, "explicit range", List.of("partition_name"),
                        "each partition has its own name:");
                yield new ExplicitRanges(shape, field).resolve(way.value());
            }
            default -> interval(way).map(i -> byInterval(way, i)).orElse(List.of());
        };
    }

    private Optional<Interval> interval(YMap.Entry e) {
        YNode v = e.value();
        if (e.key().text().equals("intervals")) {
            Optional<YSeq> s = shape.seq(v, "\"intervals\"");
            if (s.isEmpty()) {
                return Optional.empty();
            }
            if (s.get().items().size() != 1) {
                shape.diags.error(v.pos(), Code.SG214, "\"intervals\" must list exactly one interval, found "
                        + s.get().items().size(), "write interval: monthly");
                return Optional.empty();
            }
            v = s.get().items().get(0);
        }
        Optional<YScalar> s = shape.scalar(v, "the partition interval");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String w = Shape.normalizeWord(s.get().text());
        Interval i = Interval.WORDS.get(w);
        if (i == null) {
            shape.diags.error(s.get().pos(), Code.SG214, "unknown partition interval \"" + s.get().text() + "\""
                    + Suggest.didYouMean(w, Interval.WORDS.keySet()),
                    "intervals: " + String.join(", ", Interval.WORDS.keySet()));
        }
        return Optional.ofNullable(i);
    }

    private List<PartitionSpec> byInterval(YMap.Entry way, Interval iv) {
        SourcePos pos = way.key().pos();
        if (field.isPresent() && !field.get().type().has(Traits.TEMPORAL)) {
            shape.diags.error(pos, Code.SG217, "range partitioning by interval needs a date or timestamp column; \""
                    + field.get().name() + "\" is " + field.get().type().sql(), "use step: for integer columns");
            return List.of();
        }
        Optional<YNode> fromNode = m.get("from");
        Optional<YNode> toNode = m.get("to");
        if (fromNode.isEmpty() || toNode.isEmpty()) {
            shape.diags.error(pos, Code.SG216, "range partitioning by interval needs \"from\" and \"to\"", NO_TODAY);
            return List.of();
        }
        Optional<LocalDate> from = date(fromNode.get(), "\"from\"");
        Optional<LocalDate> to = date(toNode.get(), "\"to\"");
        if (from.isEmpty() || to.isEmpty()) {
            return List.of();
        }
        boolean aligned = aligned(iv, from.get(), fromNode.get(), "\"from\"", iv.floor(from.get()), "")
                & aligned(iv, to.get(), toNode.get(), "\"to\"", iv.isStart(to.get()) ? to.get()
                        : iv.next(iv.floor(to.get())), " (\"to\" is exclusive)");
        if (!from.get().isBefore(to.get())) {
            shape.diags.error(toNode.get().pos(), Code.SG214, "\"to\" " + to.get() + " must be after \"from\" "
                    + from.get());
            return List.of();
        }
        if (!aligned) {
            return List.of();
        }
        long count = iv.count(from.get(), to.get());
        if (count > MAX_PARTITIONS) {
            shape.diags.error(pos, Code.SG218, iv.word() + " partitions from " + from.get() + " to " + to.get()
                    + " would be " + count + "; the limit is " + MAX_PARTITIONS,
                    "narrow \"from\" and \"to\", or use a coarser interval");
            return List.of();
        }
        if (naming.isPresent() && !new NamePatterns(shape).check(naming.get(),
                NamePatterns.Way.valueOf(iv.name()))) {
            return List.of();
        }
        boolean tz = field.map(f -> f.type().is(FieldType.Kind.TIMESTAMPTZ))
                .orElse(false);
        rule = Optional.of(new dev.specgen.model.Maintenance.Rule.ByInterval(
                dev.specgen.model.Maintenance.Period.valueOf(iv.name()), from.get(), to.get()));
        List<PartitionSpec> out = new ArrayList<>();
        // each partition's upper bound is the next one's lower bound: spelled once (issue 12)
        String lower = dateLiteral(from.get(), tz);
        for (LocalDate d = from.get(); d.isBefore(to.get()); ) {
            LocalDate next = iv.next(d);
            String upper = dateLiteral(next, tz);
            out.add(new PartitionSpec(RangeNames.interval(naming, iv.period(), d), new Bound.Range(lower, upper),
                    naming.map(NamePattern::pos).orElse(pos)));
            d = next;
            lower = upper;
        }
        return out;
    }

    private boolean aligned(Interval iv, LocalDate d, YNode n, String what, LocalDate fix, String note) {
        if (iv.isStart(d)) {
            return true;
        }
        shape.diags.error(n.pos(), Code.SG214, what + " " + d + " is not the start of a " + iv.word() + " interval",
                "use " + fix + note + ": " + iv.word() + " partitions start on " + iv.startRule());
        return false;
    }

    /** {@code '2024-01-01'}, or {@code '2024-01-01 00:00:00+00'} for timestamptz (time-zone independent). */
    static String dateLiteral(LocalDate d, boolean tz) {
        return "'" + d + (tz ? " 00:00:00+00" : "") + "'";
    }

    /** An ISO date ({@code 2024-01-01}, quoted or not: YAML 1.2 keeps it a string). SG214 otherwise. */
    Optional<LocalDate> date(YNode n, String what) {
        Optional<LocalDate> d = n instanceof YScalar s ? ExplicitRanges.isoDate(s.text().trim()) : Optional.empty();
        if (d.isEmpty()) {
            shape.diags.error(n.pos(), Code.SG214, what + " must be an ISO date such as 2024-01-01, found "
                    + shown(n));
        }
        return d;
    }

    static String shown(YNode n) {
        return n instanceof YScalar s && !s.isNull() ? "\"" + s.text() + "\"" : Shape.kind(n);
    }

    private List<PartitionSpec> byStep(YMap.Entry way) {
        SourcePos pos = way.key().pos();
        Optional<Long> step = shape.integer(way.value(), "\"step\"");
        if (step.isEmpty()) {
            return List.of();
        }
        if (step.get() < 1) {
            shape.diags.error(way.value().pos(), Code.SG214, "\"step\" must be a positive integer, found "
                    + step.get());
            return List.of();
        }
        if (field.isPresent() && !field.get().type().has(Traits.INTEGER)) {
            shape.diags.error(pos, Code.SG217, "range partitioning by step needs an integer column; \""
                    + field.get().name() + "\" is " + field.get().type().sql(),
                    "use interval: for date and timestamp columns");
            return List.of();
        }
        Optional<YNode> fromNode = m.get("from");
        Optional<YNode> toNode = m.get("to");
        if (fromNode.isEmpty() || toNode.isEmpty()) {
            shape.diags.error(pos, Code.SG216, "range partitioning by step needs \"from\" and \"to\"", NO_TODAY);
            return List.of();
        }
        Optional<BigInteger> from = stepBound(fromNode.get(), "\"from\"");
        Optional<BigInteger> to = stepBound(toNode.get(), "\"to\"");
        if (from.isEmpty() || to.isEmpty()) {
            return List.of();
        }
        // BigInteger throughout: to - from of two bigints overflows a long, and a wrapped loop never ends
        BigInteger a = from.get();
        BigInteger b = to.get();
        BigInteger s = BigInteger.valueOf(step.get());
        if (a.compareTo(b) >= 0) {
            shape.diags.error(toNode.get().pos(), Code.SG214, "\"to\" " + b + " must be greater than \"from\" " + a);
            return List.of();
        }
        BigInteger span = b.subtract(a);
        BigInteger[] qr = span.divideAndRemainder(s);
        BigInteger count = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        if (count.compareTo(BigInteger.valueOf(MAX_PARTITIONS)) > 0) {
            shape.diags.error(pos, Code.SG218, "step " + s + " from " + a + " to " + b + " would make "
                    + (qr[1].signum() == 0 ? "" : "more than ") + qr[0] + " partitions; the limit is "
                    + MAX_PARTITIONS, "use a larger step or a narrower range");
            return List.of();
        }
        if (qr[1].signum() != 0) {
            shape.diags.error(toNode.get().pos(), Code.SG214, "\"to\" - \"from\" (" + span + ") is not a multiple"
                    + " of \"step\" (" + s + ")", alignedTo(a, s, span, qr[0]));
            return List.of();
        }
        if (naming.isPresent() && !new NamePatterns(shape).check(naming.get(), NamePatterns.Way.STEP)) {
            return List.of();
        }
        rule = Optional.of(new dev.specgen.model.Maintenance.Rule.ByStep(s, a, b));
        List<PartitionSpec> out = new ArrayList<>();
        for (int k = 0; k < count.intValueExact(); k++) {
            BigInteger v = a.add(s.multiply(BigInteger.valueOf(k)));
            out.add(new PartitionSpec(RangeNames.step(naming, v), new Bound.Range(v.toString(),
                    v.add(s).toString()), naming.map(NamePattern::pos).orElse(pos)));
        }
        return out;
    }

    /**
     * An integer {@code from}/{@code to} that fits the column's type (SG214 at the value otherwise: PostgreSQL
     * rejects the partition, "smallint out of range"). Past a long it is still read, so a bigint column can say so.
     */
    private Optional<BigInteger> stepBound(YNode n, String what) {
        Optional<BigInteger> v = n instanceof YScalar sc && sc.plain() && LONG_DIGITS.matcher(sc.text().trim())
                .matches() ? Optional.of(new BigInteger(sc.text().trim())) : shape.integer(n, what)
                .map(BigInteger::valueOf);
        if (v.isPresent() && field.isPresent() && !PartitionBuilder.fitsIntegerType(field.get().type(), v.get())) {
            PartitionBuilder.outOfRange(shape, n.pos(), what + " " + v.get(), field.get());
            return Optional.empty();
        }
        return v;
    }

    /**
     * The hint for a {@code to} that is not a whole number of steps from {@code from}: the next aligned bound, or the
     * previous one when the next would not fit the column's type (a smaller step when there is none).
     */
    private String alignedTo(BigInteger a, BigInteger s, BigInteger span, BigInteger steps) {
        BigInteger up = a.add(s.multiply(steps.add(BigInteger.ONE)));
        if (field.isEmpty() || PartitionBuilder.fitsIntegerType(field.get().type(), up)) {
            return "use to: " + up;
        }
        return steps.signum() > 0 ? "use to: " + a.add(s.multiply(steps))
                : "use step: " + span + ", or a divisor of it";
    }
}
