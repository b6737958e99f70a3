package dev.specgen.testgen;

import dev.specgen.model.FieldType;
import dev.specgen.model.PartitionSpec.Bound;
import dev.specgen.model.Sql;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A partition bound as {@code pg_get_expr(relpartbound, oid)} prints it, as an SQL expression for the
 * {@code want} side of {@code is()}. PostgreSQL prints constants in their output form, not as written:
 * {@code integer} bare, {@code bigint}/{@code smallint} quoted ({@code ('1000')}), hash bounds in lower case
 * ({@code WITH (modulus 16, remainder 3)}). Dates and timestamps depend on DateStyle and, for
 * {@code timestamptz}, on TimeZone, so their text comes from the server: {@code format('... %L ...',
 * '2024-01-01'::timestamp)} prints them the way pg_get_expr does in the same session.
 */
final class ExpectedBound {
    private ExpectedBound() {
    }

    /** For a DEFAULT partition. */
    static String defaultPartition() {
        return Sql.literal("DEFAULT");
    }

    static String of(Bound bound, FieldType column) {
        if (bound instanceof Bound.Hash h) {
            return Sql.literal("FOR VALUES WITH (modulus " + h.modulus() + ", remainder " + h.remainder() + ")");
        }
        boolean range = bound instanceof Bound.Range;
        List<String> values = bound instanceof Bound.Range r ? List.of(r.from(), r.to())
                : ((Bound.ListValues) bound).values();
        // the shape, FOR VALUES FROM (a) TO (b) or FOR VALUES IN (a, b, ...), written straight into one buffer
        // (a String.format of it parsed the pattern and built a Formatter per partition, issue 12)
        StringBuilder text = new StringBuilder(range ? 48 : 24 + 16 * values.size());
        text.append(range ? "FOR VALUES FROM (" : "FOR VALUES IN (");
        if (column.has(FieldType.Traits.TEMPORAL)) {
            List<String> args = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                text.append(i == 0 ? "" : range ? ") TO (" : ", ");
                if (isBare(v)) {
                    text.append(v);
                } else {
                    text.append("%L");
                    args.add(quoted(unquote(v)) + "::" + column.sql());
                }
            }
            String literal = Sql.literal(text.append(')').toString());
            return args.isEmpty() ? literal : "format(" + literal + ", " + String.join(", ", args) + ")";
        }
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : range ? ") TO (" : ", ").append(constant(values.get(i), column));
        }
        return Sql.literal(text.append(')').toString());
    }

    private static boolean isBare(String v) {
        return v.equals("MINVALUE") || v.equals("MAXVALUE") || v.equals("NULL");
    }

    /** One constant as ruleutils' get_const_expr prints it for a partition bound (no type label). */
    static String constant(String literal, FieldType column) {
        if (isBare(literal)) {
            return literal;
        }
        String v = unquote(literal);
        if (column instanceof FieldType.Simple s) {
            switch (s.kind()) {
                case INTEGER -> {
                    Optional<String> n = integer(v);
                    if (n.isPresent()) {
                        return n.get().startsWith("-") ? printed(n.get()) : n.get();
                    }
                }
                case SMALLINT, BIGINT -> {
                    return printed(integer(v).orElse(v));
                }
                case BOOLEAN -> {
                    return v.toLowerCase(Locale.ROOT).startsWith("t") ? "true" : "false";
                }
                default -> {
                }
            }
        }
        if (column instanceof FieldType.Numeric n) {
            String out = v;
            try {
                BigDecimal d = new BigDecimal(v);
                out = n.scale().isPresent() ? d.setScale(n.scale().get()).toPlainString() : d.toPlainString();
            } catch (NumberFormatException | ArithmeticException e) {
                // printed as given
            }
            boolean bare = !out.isEmpty() && Character.isDigit(out.charAt(0))
                    && (out.contains(".") || out.contains("e") || out.contains("E"));
            return bare ? out : printed(out);
        }
        if (column instanceof FieldType.Sized s && s.base().startsWith("char") && v.length() < s.length()) {
            return printed(v + " ".repeat(s.length() - v.length())); // bpchar prints its padding
        }
        return printed(v);
    }

    private static Optional<String> integer(String v) {
        try {
            return Optional.of(new BigInteger(v.startsWith("+") ? v.substring(1) : v).toString());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String unquote(String literal) {
        return Sql.unliteral(literal);
    }

    /** A literal to write in SQL: setting-independent ({@link Sql#literal}). */
    private static String quoted(String text) {
        return Sql.literal(text);
    }

    /**
     * A constant as ruleutils prints it (standard_conforming_strings on): {@code '...'} with quotes doubled and
     * everything else, backslashes too, as it is. This text is compared, not run.
     */
    private static String printed(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The key definition as {@code pg_get_partkeydef} prints it: {@code RANGE (transaction_date)}. */
    static String partitionKey(dev.specgen.model.Partitioning p) {
        return p.strategy().sql() + " (" + Sql.ident(p.column().name()) + ")";
    }
}
