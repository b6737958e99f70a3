package dev.specgen.testgen;

import dev.specgen.model.FieldType;
import dev.specgen.model.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the seed function fills one column: a deterministic SQL expression of the row number, and (for lookups) the
 * value of a given row as SQL. The row is usually {@code i} of {@code generate_series(1, n) AS s(i)}; a foreign
 * key passes {@code 1 + (i % 100)}, so values are computed from the row expression, never from state.
 */
sealed interface Gen {

    /** The value for row {@code row} (an SQL integer expression). */
    String sql(String row);

    /** The value of row number {@code row}, as an SQL literal (or constant expression). */
    String literal(long row);

    /** A range predicate's bounds for a BRIN lookup, lowest rows first: {@code [lo, hi)} when present. */
    default Optional<List<String>> window() {
        return Optional.empty();
    }

    DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);
    Pattern SIMPLE = Pattern.compile("[a-z0-9_]+");

    /** {@code row} as an operand: bare when it is a name or a number, parenthesised otherwise. */
    static String p(String row) {
        return SIMPLE.matcher(row).matches() ? row : "(" + row + ")";
    }

    /** Ordinary numbers: {@code 1 + (i % mod)}, small and positive (passes CHECKs such as {@code > 0}). */
    record Cycle(int mod, String cast) implements Gen {
        public String sql(String row) {
            String v = "1 + (" + p(row) + " % " + mod + ")";
            return cast.isEmpty() ? v : "(" + v + ")" + cast;
        }

        public String literal(long row) {
            return Long.toString(1 + row % mod);
        }
    }

    /** Key numbers: the row number itself, distinct. */
    record Serial(String cast) implements Gen {
        public String sql(String row) {
            return cast.isEmpty() ? row : p(row) + cast;
        }

        public String literal(long row) {
            return Long.toString(row);
        }

        public Optional<List<String>> window() {
            return Optional.of(List.of("1", "101"));
        }
    }

    /**
     * Key numbers of a bounded numeric(precision, scale): {@code (i % 10^precision) / 10^scale}, distinct for up
     * to 10^precision rows and always within the type (numeric(5,2): 0.01 .. 999.99).
     */
    record ScaledSerial(int precision, int scale) implements Gen {
        public String sql(String row) {
            return "((" + p(row) + " % " + java.math.BigInteger.TEN.pow(precision) + ")::numeric / "
                    + java.math.BigInteger.TEN.pow(scale) + ")";
        }

        public String literal(long row) {
            java.math.BigDecimal v = java.math.BigDecimal.valueOf(row)
                    .remainder(java.math.BigDecimal.TEN.pow(precision)).movePointLeft(scale);
            return v.toPlainString();
        }
    }

    /** {@code 'v' || i}, cut to {@code max} characters when the type has a length. */
    record Text(int max) implements Gen {
        public String sql(String row) {
            String v = "'v' || " + p(row);
            return max > 0 ? "left(" + v + ", " + max + ")" : v;
        }

        public String literal(long row) {
            String v = "v" + row;
            return Sql.literal(max > 0 && v.length() > max ? v.substring(0, max) : v);
        }
    }

    /**
     * Distinct text for a key too short for {@code 'v' || i} ({@code char(2)}): the row number in base 36, padded to
     * {@code width} characters, distinct for up to 36^width rows (the seed plan caps the row count there).
     */
    record Base36(int width) implements Gen {
        static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

        public String sql(String row) {
            List<String> parts = new java.util.ArrayList<>();
            for (int k = width - 1; k >= 0; k--) {
                parts.add("substr('" + DIGITS + "', 1 + (" + p(row) + " / " + java.math.BigInteger.valueOf(36).pow(k)
                        + ") % 36, 1)");
            }
            return String.join(" || ", parts);
        }

        public String literal(long row) {
            StringBuilder sb = new StringBuilder();
            long v = row;
            for (int k = 0; k < width; k++) {
                sb.append(DIGITS.charAt((int) (v % 36)));
                v /= 36;
            }
            return Sql.literal(sb.reverse().toString());
        }

        long capacity() {
            return java.math.BigInteger.valueOf(36).pow(width).min(java.math.BigInteger.valueOf(Long.MAX_VALUE))
                    .longValue();
        }
    }

    /**
     * The spec's own {@code seed:} expression of the row number {@code i}. In the table's own INSERT {@code i} is in
     * scope; elsewhere (a referencing table's value, a lookup literal) it is bound by a one-row subquery.
     */
    record Custom(String expression) implements Gen {
        public String sql(String row) {
            return row.equals("i") ? "(" + expression + ")"
                    : "(SELECT " + expression + " FROM (SELECT " + row + " AS i) AS specgen_row)";
        }

        public String literal(long row) {
            return sql(Long.toString(row));
        }
    }

    /** {@code md5(i::text)::uuid}: distinct and stable. */
    record Uuid() implements Gen {
        public String sql(String row) {
            return "md5(" + p(row) + "::text)::uuid";
        }

        public String literal(long row) {
            try {
                String h = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                        .digest(Long.toString(row).getBytes(StandardCharsets.UTF_8)));
                return Sql.literal(h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                        + h.substring(16, 20) + "-" + h.substring(20));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("MD5 is always available", e);
            }
        }
    }

    /** Nine in ten true. */
    record Bool() implements Gen {
        public String sql(String row) {
            return p(row) + " % 10 <> 0";
        }

        public String literal(long row) {
            return Boolean.toString(row % 10 != 0);
        }
    }

    /** Temporal columns that are no partition key: one minute per row from 2024-01-01. */
    record Minutes(FieldType.Kind kind) implements Gen {
        public String sql(String row) {
            return switch (kind) {
                case DATE -> "('2024-01-01'::timestamp + " + p(row) + " * interval '1 minute')::date";
                case TIMESTAMPTZ -> "'2024-01-01 00:00:00+00'::timestamptz + " + p(row) + " * interval '1 minute'";
                default -> "'2024-01-01'::timestamp + " + p(row) + " * interval '1 minute'";
            };
        }

        public String literal(long row) {
            LocalDateTime t = EPOCH.plusMinutes(row);
            return switch (kind) {
                case DATE -> Sql.literal(t.toLocalDate().toString());
                case TIMESTAMPTZ -> Sql.literal(TS.format(t) + "+00");
                default -> Sql.literal(TS.format(t));
            };
        }

        public Optional<List<String>> window() {
            return Optional.of(List.of(literal(1), literal(101)));
        }
    }

    /** Any other expression of the row, written with {@code {i}} for the row operand. */
    record Expr(String pattern) implements Gen {
        public String sql(String row) {
            return pattern.replace("{i}", p(row));
        }

        public String literal(long row) {
            return sql(Long.toString(row));
        }
    }

    /** How a spread is computed: date + integer days, timestamp + interval, or plain numbers. */
    enum Arithmetic { DATE, TIMESTAMP, INTEGER, NUMERIC }

    /**
     * A RANGE partition key spread evenly over {@code [lo, hi)} (the declared partitions), so that every partition
     * gets rows: row {@code i} of {@code rows} takes {@code lo + (i - 1) * (hi - lo) / rows}. {@code rows} is SQL:
     * {@code n} in the table's own seed function, a number when a referencing table computes the value.
     * {@code first} holds the bounds of the first partition, for a BRIN range lookup.
     */
    record Spread(String lo, String hi, String type, Arithmetic arithmetic, String rows, List<String> first)
            implements Gen {
        public String sql(String row) {
            String k = "(" + p(row) + " - 1)";
            return switch (arithmetic) {
                case DATE -> lo + "::date + ((" + k + "::bigint * (" + hi + "::date - " + lo + "::date)) / " + rows
                        + ")::integer";
                case TIMESTAMP -> lo + "::" + type + " + " + k + " * ((" + hi + "::" + type + " - " + lo + "::"
                        + type + ") / " + rows + ")";
                case INTEGER, NUMERIC -> "(" + lo + " + (" + k + (arithmetic == Arithmetic.INTEGER ? "::bigint"
                        : "::numeric") + " * (" + hi + " - " + lo + ")) / " + rows + ")::" + type;
            };
        }

        public String literal(long row) {
            return row == 1 ? lo : sql(Long.toString(row));
        }

        public Optional<List<String>> window() {
            return Optional.of(first);
        }
    }

    /** Values in turn: LIST partition keys (every partition gets rows), range keys of text. */
    record Pick(List<String> values, String type) implements Gen {
        public String sql(String row) {
            return "(ARRAY[" + String.join(", ", values) + "]::" + type + "[])[1 + (" + p(row) + " % "
                    + values.size() + ")]";
        }

        public String literal(long row) {
            return values.get((int) (row % values.size()));
        }
    }

    /** Enum labels in turn. */
    record Labels(String type, List<String> labels) implements Gen {
        public String sql(String row) {
            return "(enum_range(NULL::" + type + "))[1 + (" + p(row) + " % " + labels.size() + ")]";
        }

        public String literal(long row) {
            return Sql.literal(labels.get((int) (row % labels.size())));
        }
    }

    /**
     * A foreign key: the referenced column's own value for row {@code 1 + (i % rows)} of the referenced table,
     * which was seeded with {@code rows} rows first, so every value exists.
     */
    record Ref(Gen target, long rows, String rowsSql) implements Gen {
        public String sql(String row) {
            return target.sql("1 + (" + p(row) + " % " + rowsSql + ")");
        }

        public String literal(long row) {
            return target.literal(1 + row % rows);
        }
    }

    /** A one-element array of the element's value. */
    record ArrayOf(Gen element) implements Gen {
        public String sql(String row) {
            return "ARRAY[" + element.sql(row) + "]";
        }

        public String literal(long row) {
            return "ARRAY[" + element.literal(row) + "]";
        }
    }

    /** {@code inner}'s value cast to {@code type} (a domain: so that arrays and rows of it get its type). */
    record Cast(Gen inner, String type) implements Gen {
        public String sql(String row) {
            return "(" + inner.sql(row) + ")::" + type;
        }

        public String literal(long row) {
            return "(" + inner.literal(row) + ")::" + type;
        }
    }

    /** A composite value: {@code ROW(a, b)::type}, one generator per attribute. */
    record Row(List<Gen> attributes, String type) implements Gen {
        public Row {
            attributes = List.copyOf(attributes);
        }

        public String sql(String row) {
            return "ROW(" + String.join(", ", attributes.stream().map(a -> a.sql(row)).toList()) + ")::" + type;
        }

        public String literal(long row) {
            return "ROW(" + String.join(", ", attributes.stream().map(a -> a.literal(row)).toList()) + ")::" + type;
        }
    }

    /**
     * A range from {@code lower}'s value, unbounded above: {@code price_range(x, NULL)} (never empty, distinct when
     * the lower bounds are); wrapped in its multirange's constructor when {@code multirange} is not empty.
     */
    record Bounds(Gen lower, String range, String multirange) implements Gen {
        public String sql(String row) {
            return wrap(range + "(" + lower.sql(row) + ", NULL)");
        }

        public String literal(long row) {
            return wrap(range + "(" + lower.literal(row) + ", NULL)");
        }

        private String wrap(String v) {
            return multirange.isEmpty() ? v : multirange + "(" + v + ")";
        }
    }

    /**
     * {@code base op step} ({@code ends_at = starts_at + interval '1 hour'}): a field computed from another to meet a
     * table-level CHECK that orders them. {@code type} casts the base in a literal, which may be an untyped string.
     */
    record Offset(Gen base, String op, String step, String type) implements Gen {
        public String sql(String row) {
            return "(" + base.sql(row) + ") " + op + " " + step;
        }

        public String literal(long row) {
            return "(" + base.literal(row) + ")::" + type + " " + op + " " + step;
        }
    }

    /**
     * {@code base} in the rows {@code i} whose {@code i % mod} is one of {@code present}, NULL in the others: fields
     * of which a table-level CHECK wants some NULL ({@code num_nonnulls(a, b) = 1}), each in its turn.
     */
    record Sometimes(Gen base, int mod, List<Integer> present) implements Gen {
        public String sql(String row) {
            String in = present.size() == 1 ? " = " + present.get(0)
                    : " IN (" + String.join(", ", present.stream().map(String::valueOf).toList()) + ")";
            return "CASE WHEN " + p(row) + " % " + mod + in + " THEN " + base.sql(row) + " END";
        }

        public String literal(long row) {
            return present.contains((int) (row % mod)) ? base.literal(row) : "NULL";
        }
    }

    /** NULL: a nullable column that cannot be filled (a foreign key inside a reference cycle). */
    record Null() implements Gen {
        public String sql(String row) {
            return "NULL";
        }

        public String literal(long row) {
            return "NULL";
        }
    }
}
