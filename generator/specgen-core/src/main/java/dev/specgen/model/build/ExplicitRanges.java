package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.FieldType.Traits;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.PartitionSpec.Bound;
import dev.specgen.model.Sql;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An explicit RANGE list {@code partitions: [{name, from, to}]}. Bounds are ISO dates (date and timestamp
 * columns), numbers (numeric columns), {@code minvalue}/{@code maxvalue}, or text for other columns. Sorted by
 * {@code from}, neighbours must meet exactly: an overlap or a gap is SG215, naming both partitions.
 */
final class ExplicitRanges {

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** {@code 2024-01-01 06:00}, {@code 2024-01-01T06:00:00.5+02:00}: a date-time to microseconds, maybe an offset. */
    private static final Pattern ISO_DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,6})?)?)(Z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    /** A bound: {@code rank} -1 MINVALUE, 1 MAXVALUE, 0 a value compared by {@code key}. */
    record Value(int rank, Comparable<?> key, String sql, String shown) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        int compareTo(Value o) {
            if (rank != 0 || o.rank != 0) {
                return Integer.compare(rank, o.rank);
            }
            return ((Comparable) key).compareTo(o.key);
        }

        boolean comparableWith(Value o) {
            return rank != 0 || o.rank != 0 || key.getClass() == o.key.getClass();
        }
    }

    private record Range(String name, Value from, Value to, SourcePos pos) {
    }

    private final Shape shape;
    private final Optional<Field> field;

    ExplicitRanges(Shape shape, Optional<Field> field) {
        this.shape = shape;
        this.field = field;
    }

    static Optional<LocalDate> isoDate(String text) {
        if (!ISO_DATE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    List<PartitionSpec> resolve(YNode partitions) {
        List<Range> ranges = new ArrayList<>();
        shape.seq(partitions, "\"partitions\"").ifPresent(s -> {
            if (s.items().isEmpty()) {
                shape.diags.error(s.pos(), Code.SG216, "\"partitions\" must list at least one partition");
            }
            for (YNode item : s.items()) {
                shape.map(item, "each item of \"partitions\"").flatMap(this::range).ifPresent(ranges::add);
            }
        });
        List<Range> sorted = new ArrayList<>(ranges);
        boolean comparable = sorted.stream().allMatch(r -> r.from.comparableWith(sorted.get(0).from)
                && r.to.comparableWith(sorted.get(0).from));
        if (comparable) {
            sorted.sort(Comparator.comparing(Range::from, Value::compareTo));
            for (int i = 1; i < sorted.size(); i++) {
                Range a = sorted.get(i - 1);
                Range b = sorted.get(i);
                int c = b.from.compareTo(a.to);
                if (c < 0) {
                    shape.diags.error(b.pos, Code.SG215, "partitions " + a.name + " and " + b.name + " overlap ("
                            + b.name + " starts at " + b.from.shown + ", before " + a.name + " ends at " + a.to.shown
                            + ")", "make " + b.name + " start where " + a.name + " ends");
                } else if (c > 0) {
                    shape.diags.error(b.pos, Code.SG215, "gap between partitions " + a.name + " (to " + a.to.shown
                            + ") and " + b.name + " (from " + b.from.shown + ")", "start " + b.name + " at "
                            + a.to.shown + ", or add a partition for the gap");
                }
            }
        }
        List<PartitionSpec> out = new ArrayList<>();
        for (Range r : ranges) {
            out.add(new PartitionSpec(r.name, new Bound.Range(r.from.sql, r.to.sql), r.pos));
        }
        return out;
    }

    private Optional<Range> range(YMap p) {
        shape.keys(p, List.of("name", "from", "to"), "range partition");
        Optional<String> name = shape.required(p, "name", "range partition")
                .flatMap(n -> PartitionBuilder.suffix(shape, n));
        Optional<Value> from = shape.required(p, "from", "range partition").flatMap(v -> value(v, "\"from\""));
        Optional<Value> to = shape.required(p, "to", "range partition").flatMap(v -> value(v, "\"to\""));
        if (name.isEmpty() || from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        if (from.get().comparableWith(to.get()) && from.get().compareTo(to.get()) >= 0) {
            shape.diags.error(p.get("to").orElseThrow().pos(), Code.SG214, "partition " + name.get() + ": \"to\" "
                    + to.get().shown + " must be after \"from\" " + from.get().shown);
            return Optional.empty();
        }
        return Optional.of(new Range(name.get(), from.get(), to.get(), p.pos()));
    }

    private Optional<Value> value(YNode n, String what) {
        Optional<YScalar> s = shape.scalar(n, what);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String text = s.get().text().trim();
        String word = text.toLowerCase(Locale.ROOT);
        if (s.get().plain() && (word.equals("minvalue") || word.equals("maxvalue"))) {
            return Optional.of(new Value(word.equals("minvalue") ? -1 : 1, 0, word.toUpperCase(Locale.ROOT), word));
        }
        FieldType type = field.map(Field::type).orElse(null);
        boolean temporal = type == null || type.has(Traits.TEMPORAL);
        boolean numeric = type != null && (type.has(Traits.INTEGER) || type instanceof FieldType.Numeric
                || type.is(FieldType.Kind.REAL)
                || type.is(FieldType.Kind.DOUBLE));
        Optional<LocalDate> date = isoDate(text);
        Optional<BigDecimal> number = s.get().asDecimal();
        if (numeric && number.isPresent()) {
            boolean integral = number.get().stripTrailingZeros().scale() <= 0;
            if (type.has(Traits.INTEGER) && !integral) {
                return bad(s.get(), what, "an integer");
            }
            if (type.has(Traits.INTEGER) && !PartitionBuilder.fitsIntegerType(type, number.get().toBigInteger())) {
                PartitionBuilder.outOfRange(shape, s.get().pos(), what + " " + text, field.get());
                return Optional.empty();
            }
            return Optional.of(new Value(0, number.get(), text, text));
        }
        boolean timestamp = type != null && (type.is(FieldType.Kind.TIMESTAMP) || type.is(FieldType.Kind.TIMESTAMPTZ));
        boolean tz = type != null && type.is(FieldType.Kind.TIMESTAMPTZ);
        if (temporal && date.isPresent()) {
            // on timestamp columns every bound is compared as a date-time, dates as their midnight
            return Optional.of(new Value(0, timestamp ? date.get().atStartOfDay() : date.get(),
                    RangePartitions.dateLiteral(date.get(), tz), text));
        }
        if (timestamp) {
            Matcher dt = ISO_DATE_TIME.matcher(text);
            if (dt.matches()) {
                return dateTime(s.get(), dt, tz, what);
            }
        }
        if (numeric) {
            return bad(s.get(), what, "a number");
        }
        if (temporal) {
            return bad(s.get(), what, timestamp ? "an ISO date or date-time such as 2024-01-01 or 2024-01-01 06:00:00"
                    : "an ISO date such as 2024-01-01");
        }
        return Optional.of(new Value(0, text, Sql.literal(text), Sql.literal(text)));
    }

    /**
     * A date-time bound on a timestamp column: {@code '2024-01-01 06:00:00'}; on timestamptz read in its offset (UTC
     * without one) and written in UTC, {@code '2024-01-01 04:00:00+00'}, so the bound does not depend on the session
     * time zone. An offset on a timestamp column is SG214: PostgreSQL would drop it silently.
     */
    private Optional<Value> dateTime(YScalar s, Matcher dt, boolean tz, String what) {
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(dt.group(1).replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            return bad(s, what, "a valid date-time");
        }
        String offset = dt.group(2);
        if (offset != null && !tz) {
            shape.diags.error(s.pos(), Code.SG214, what + " \"" + s.text() + "\" has a time zone offset, but column \""
                    + field.map(Field::name).orElse("?") + "\" is timestamp without time zone",
                    "write the local time without an offset, or make the column timestamptz");
            return Optional.empty();
        }
        if (offset != null && !offset.equals("Z")) {
            String hm = offset.replace(":", "");
            try {
                ZoneOffset zone = ZoneOffset.ofHoursMinutes(Integer.parseInt(hm.substring(0, 3)),
                        hm.length() > 3 ? Integer.parseInt(hm.charAt(0) + hm.substring(3)) : 0);
                local = local.atOffset(zone).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            } catch (java.time.DateTimeException e) {
                return bad(s, what, "a date-time with an offset from -18:00 to +18:00");
            }
        }
        String fraction = local.getNano() == 0 ? "" : ("." + String.format(Locale.ROOT, "%09d", local.getNano()))
                .replaceAll("0+$", "");
        return Optional.of(new Value(0, local, "'" + SECONDS.format(local) + fraction + (tz ? "+00" : "") + "'",
                s.text()));
    }

    private Optional<Value> bad(YScalar s, String what, String expected) {
        shape.diags.error(s.pos(), Code.SG214, what + " must be " + expected + " for column \""
                + field.map(Field::name).orElse("?") + "\", found \"" + s.text() + "\"");
        return Optional.empty();
    }
}
