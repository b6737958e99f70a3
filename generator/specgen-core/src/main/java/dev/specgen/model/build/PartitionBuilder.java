package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.Suggest;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.FieldType.Traits;
import dev.specgen.model.NamePattern;
import dev.specgen.model.Named;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.PartitionSpec.Bound;
import dev.specgen.model.Partitioning;
import dev.specgen.model.Partitioning.Strategy;
import dev.specgen.model.Sql;
import dev.specgen.validate.Identifiers;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code partitioning:} (and its one-level {@code subpartition:}) to a {@link Partitioning} with every partition
 * resolved: RANGE from {@code interval}/{@code step}/{@code partitions} ({@link RangePartitions}), LIST from
 * {@code partitions}, HASH from {@code modulus}. Keys that do not belong to the strategy are SG216. Without a usable
 * strategy or column the partitioning is left out; when only the partitions cannot be resolved it is kept with
 * none, so the column checks still run.
 */
final class PartitionBuilder {

    static final List<String> KEYS = List.of("strategy", "column", "interval", "intervals", "from", "to", "step",
            "partitions", "modulus", "default", "subpartition", "premake", "retention", "retention_mode",
            "create_partitions", "partition_name", "partition_schema", "names");
    static final Map<String, Strategy> STRATEGIES = new LinkedHashMap<>();
    static final int MAX_MODULUS = 1024;
    private static final Map<String, long[]> INTEGER_RANGES = Map.of(
            "smallint", new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            "integer", new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            "bigint", new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
    private static final Pattern LONG_DIGITS = Pattern.compile("[+-]?\\d{19,}");
    /** Numbers written as strings ({@code "7"}) are accepted for number columns, as PostgreSQL would. */
    private static final Pattern QUOTED_INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern QUOTED_NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern ISO_DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

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
        NamePatterns patterns = new NamePatterns(shape);
        Optional<NamePattern> naming = m.get("partition_name").flatMap(patterns::parse);
        Optional<PartitionSchema> schema = schema(m, sub);
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
        Optional<dev.specgen.model.Maintenance.Rule> rule = Optional.empty();
        List<PartitionSpec> parts;
        switch (strategy.get()) {
            case RANGE -> {
                RangePartitions ranges = new RangePartitions(shape, m, field, naming);
                parts = ranges.resolve();
                rule = ranges.rule();
            }
            case LIST -> parts = list(m, field);
            default -> parts = new HashPartitions(shape, m, naming).resolve(dflt);
        }
        boolean defaultPartition = strategy.get() != Strategy.HASH && dflt.orElse(true);
        Optional<dev.specgen.model.Maintenance> maintenance = new MaintenanceBuilder(shape)
                .build(m, strategy.get(), rule, sub, !parts.isEmpty());
        return Optional.of(new Partitioning(strategy.get(), column.get(), parts, defaultPartition, subpartitioning,
                maintenance, naming, schema.map(PartitionSchema::name),
                schema.flatMap(PartitionSchema::comment), m.pos()));
    }

    /**
     * Whether {@code value} fits {@code type}: false only for smallint, integer and bigint values out of their range,
     * which PostgreSQL rejects in a partition bound ("smallint out of range"). Every integer a partition bound or list
     * value is made of goes through here.
     */
    static boolean fitsIntegerType(FieldType type, BigInteger value) {
        long[] range = INTEGER_RANGES.get(type.sql());
        return range == null || !type.has(Traits.INTEGER) || value.compareTo(BigInteger.valueOf(range[0])) >= 0
                && value.compareTo(BigInteger.valueOf(range[1])) <= 0;
    }

    /** {@code from -32768 to 32767}: the values of an integer column type. */
    static String integerRange(FieldType type) {
        long[] range = INTEGER_RANGES.get(type.sql());
        return "from " + range[0] + " to " + range[1];
    }

    /** SG214 at {@code pos}: {@code what} (a partition bound with its value) does not fit {@code column}'s type. */
    static void outOfRange(Shape shape, SourcePos pos, String what, Field column) {
        shape.diags.error(pos, Code.SG214, what + " is out of range for column \"" + column.name() + "\" ("
                + column.type().sql() + ")", "\"" + column.name() + "\" is " + column.type().sql() + ": values "
                + integerRange(column.type()));
    }

    /** SG216 for each of {@code keys} present in {@code m}. */
    static void notFor(Shape shape, YMap m, String strategy, List<String> keys, String hint) {
        for (String k : keys) {
            m.entry(k).ifPresent(e -> shape.diags.error(e.key().pos(), Code.SG216, "\"" + k + "\" is not used by "
                    + strategy + " partitioning", hint));
        }
    }

    private List<PartitionSpec> list(YMap m, Optional<Field> field) {
        notFor(shape, m, "list", List.of("interval", "intervals", "from", "to", "step", "modulus", "names",
                "partition_name"), "list partitions are given with partitions: [{name, values}]");
        Optional<YNode> partitions = m.get("partitions");
        if (partitions.isEmpty()) {
            if (!shape.misspelled(m, "partitions")) {
                shape.diags.error(m.pos(), Code.SG216, "list partitioning needs \"partitions\"",
                        "write partitions: [{name: eu, values: [de, fr]}, ...]");
            }
            return List.of();
        }
        List<PartitionSpec> out = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        shape.seq(partitions.get(), "\"partitions\"").ifPresent(s -> {
            for (YNode item : s.items()) {
                shape.map(item, "each item of \"partitions\"").ifPresent(p -> listPartition(p, field, owner, out));
            }
        });
        return out;
    }

    private void listPartition(YMap p, Optional<Field> field, Map<String, String> owner, List<PartitionSpec> out) {
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
                Optional<String> typed = field.isPresent() ? listLiteral(s, field.get()) : Optional.of(listLiteral(s));
                if (typed.isEmpty()) {
                    continue;
                }
                String lit = typed.get();
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

    /**
     * SQL literal of a list value when the column is unknown (reported elsewhere): NULL, true/false, numbers as
     * written, anything else a quoted string.
     */
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

    /**
     * The SQL literal of a list value for {@code column}'s type, or SG214 at the value when it cannot be one:
     * integer columns take integers (in range), boolean columns true or false, enum columns one of the labels, date
     * and timestamp columns ISO dates (timestamps also ISO date-times), numeric columns numbers. Text, enum and
     * other columns get a quoted string even for {@code 7} or {@code true}; YAML {@code null} is NULL everywhere.
     */
    Optional<String> listLiteral(YScalar s, Field column) {
        if (s.isNull()) {
            return Optional.of("NULL");
        }
        FieldType t = column.type();
        String text = s.text().trim();
        if (t.has(Traits.INTEGER)) {
            Optional<BigInteger> n = s.asLong().map(BigInteger::valueOf)
                    .or(() -> QUOTED_INTEGER.matcher(text).matches() || LONG_DIGITS.matcher(text).matches()
                            ? Optional.of(new BigInteger(text)) : Optional.empty());
            if (n.isEmpty()) {
                return badValue(s, column, "an integer", "list integers, for example values: [1, 2]");
            }
            if (!fitsIntegerType(t, n.get())) {
                return badValue(s, column, "an integer " + integerRange(t), null);
            }
            return Optional.of(String.valueOf(n.get()));
        }
        if (t instanceof FieldType.Numeric || t.is(FieldType.Kind.REAL)
                || t.is(FieldType.Kind.DOUBLE)) {
            return s.asDecimal().isPresent() || QUOTED_NUMBER.matcher(text).matches() ? Optional.of(text)
                    : badValue(s, column, "a number", "list numbers, for example values: [1.5, 2]");
        }
        if (t.is(FieldType.Kind.BOOLEAN)) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Optional.of(text.toLowerCase(Locale.ROOT));
            }
            return badValue(s, column, "true or false", Suggest.yaml11Boolean(text).orElse("list true and/or false"));
        }
        if (t instanceof FieldType.Enum en && !en.values().isEmpty()) {
            if (en.values().contains(s.text())) {
                return Optional.of(Sql.literal(s.text()));
            }
            return badValue(s, column, "a value of the enum", "values: " + String.join(", ", en.values()),
                    Suggest.didYouMean(s.text(), en.values()));
        }
        if (t.has(Traits.TEMPORAL)) {
            boolean date = t.is(FieldType.Kind.DATE);
            boolean tz = t.is(FieldType.Kind.TIMESTAMPTZ);
            Optional<LocalDate> d = ExplicitRanges.isoDate(text);
            if (d.isPresent()) {
                return Optional.of(RangePartitions.dateLiteral(d.get(), tz));
            }
            Optional<LocalDateTime> dt = date ? Optional.empty() : isoDateTime(text);
            if (dt.isPresent()) {
                return Optional.of(Sql.literal(dt.get().toString().replace('T', ' ') + (tz ? "+00" : "")));
            }
            return badValue(s, column, date ? "an ISO date such as 2024-01-01"
                    : "an ISO date or date-time such as 2024-01-01 or 2024-01-01 12:00:00",
                    "write dates as YYYY-MM-DD" + (date ? "" : " and date-times as YYYY-MM-DD HH:MM:SS"
                            + (tz ? " (read as UTC)" : "")));
        }
        return Optional.of(Sql.literal(s.text()));
    }

    private Optional<String> badValue(YScalar s, Field column, String expected, String hint) {
        return badValue(s, column, expected, hint, "");
    }

    private Optional<String> badValue(YScalar s, Field column, String expected, String hint, String didYouMean) {
        shape.diags.error(s.pos(), Code.SG214, "each item of \"values\" must be " + expected + " for column \""
                + column.name() + "\", found \"" + s.text() + "\"" + didYouMean,
                hint == null ? null : "\"" + column.name() + "\" is " + (column.type() instanceof FieldType.Enum
                        ? "enum " : "") + column.type().sql() + ": " + hint);
        return Optional.empty();
    }

    /** {@code 2024-01-31 12:00}, {@code 2024-01-31T12:00:00.5}: an ISO local date-time, with a space or a T. */
    static Optional<LocalDateTime> isoDateTime(String text) {
        if (!ISO_DATE_TIME.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text.replace(' ', 'T')));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
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

    /**
     * {@code partition_schema:}, top level only (every partition of the table lives there, subpartitions and DEFAULT
     * partitions included): SG216 in {@code subpartition:}. A name, or {@code {name, comment}}.
     */
    private Optional<PartitionSchema> schema(YMap m, boolean sub) {
        Optional<YMap.Entry> e = m.entry("partition_schema");
        if (e.isEmpty()) {
            return Optional.empty();
        }
        if (sub) {
            shape.diags.error(e.get().key().pos(), Code.SG216, "\"partition_schema\" goes under partitioning:, not"
                    + " subpartition:", "every partition of the table, subpartitions included, lives in the"
                    + " partition_schema of the table's partitioning");
            return Optional.empty();
        }
        YNode value = e.get().value();
        Optional<String> comment = Optional.empty();
        if (value instanceof YMap map) {
            // {name, comment}: the schema with a COMMENT ON SCHEMA (a schema that holds only partitions)
            shape.keys(map, List.of("name", "comment"), "partition_schema");
            comment = map.get("comment").flatMap(c -> shape.text(c, "\"comment\""));
            Optional<YNode> name = shape.required(map, "name", "partition_schema");
            if (name.isEmpty()) {
                return Optional.empty();
            }
            value = name.get();
        }
        Optional<String> withComment = comment;
        return shape.scalar(value, "\"partition_schema\"").filter(s -> {
            if (shape.ident("schema", s.text(), s.pos())) {
                Identifiers.checkSchema(s.text(), s.pos(), shape.diags);
                return true;
            }
            return false;
        }).map(s -> new PartitionSchema(s.text(), withComment));
    }

    /** {@code partition_schema:} as read: the schema, and its comment when given as {@code {name, comment}}. */
    private record PartitionSchema(String name, Optional<String> comment) {
    }
}
