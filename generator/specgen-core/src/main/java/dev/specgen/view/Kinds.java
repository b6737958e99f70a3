package dev.specgen.view;

import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.schema.Column;

/**
 * What the analysis can tell of an expression without a database: its {@link ValueKind} and whether it may be
 * NULL. Columns are looked up through {@code columns} (empty: unknown). Conservative: anything not understood is
 * {@link ValueKind#UNKNOWN} and nullable.
 */
final class Kinds {
    /** A column as the analysis sees it: its field (when it is an entity's) and whether a join can null it. */
    record ColumnInfo(Optional<Field> field, boolean outerJoined) {
    }

    /** Functions that return NULL only for a NULL argument, and keep their arguments' kind. */
    private static final Set<String> SAME_KIND = Set.of("round", "trunc", "abs", "ceil", "ceiling", "floor", "sign",
            "greatest", "least");
    /** Functions that return NULL only for a NULL argument. */
    private static final Set<String> STRICT = Set.of("round", "trunc", "abs", "ceil", "ceiling", "floor", "sign",
            "date_trunc", "date_part", "extract", "lower", "upper", "btrim", "ltrim", "rtrim", "trim", "length",
            "substr", "substring", "left", "right", "md5", "to_char", "date", "timezone", "make_date", "initcap");

    private final Function<Column, Optional<ColumnInfo>> columns;

    Kinds(Function<Column, Optional<ColumnInfo>> columns) {
        this.columns = columns;
    }

    static ValueKind of(FieldType t) {
        if (t instanceof FieldType.Domain d) {
            return of(d.base()); // functions and operators take a domain as its base type
        }
        if (t instanceof FieldType.Simple s) {
            return switch (s.kind()) {
                case SMALLINT, INTEGER, BIGINT -> ValueKind.INTEGER;
                case REAL, DOUBLE -> ValueKind.FLOAT;
                case MONEY, INTERVAL -> ValueKind.OTHER_EXACT;
                default -> ValueKind.OTHER;
            };
        }
        return t instanceof FieldType.Numeric ? ValueKind.NUMERIC : ValueKind.OTHER;
    }

    /** The kind of a type name as written in a cast ({@code ::numeric(12,2)}, {@code ::int}). */
    static ValueKind ofTypeName(String type) {
        String t = type.toLowerCase(Locale.ROOT).replaceAll("\\(.*", "").strip();
        return switch (t) {
            case "int", "integer", "int4", "smallint", "int2", "bigint", "int8" -> ValueKind.INTEGER;
            case "numeric", "decimal" -> ValueKind.NUMERIC;
            case "real", "float4", "float8", "float", "double precision" -> ValueKind.FLOAT;
            case "money", "interval" -> ValueKind.OTHER_EXACT;
            default -> ValueKind.OTHER;
        };
    }

    /** The base type's spelling when {@code e} is a column of a domain type (domains over domains unwrapped). */
    Optional<String> domainBase(Expression e) {
        if (e instanceof Parenthesis p) {
            return domainBase(p.getExpression());
        }
        if (!(e instanceof Column c)) {
            return Optional.empty();
        }
        Optional<FieldType> t = columns.apply(c).flatMap(ColumnInfo::field).map(Field::type);
        if (t.isEmpty() || !(t.get() instanceof FieldType.Domain)) {
            return Optional.empty();
        }
        FieldType base = t.get();
        while (base instanceof FieldType.Domain d) {
            base = d.base();
        }
        return Optional.of(base.sql());
    }

    ValueKind kind(Expression e) {
        if (e instanceof Column c) {
            return columns.apply(c).flatMap(ColumnInfo::field).map(f -> of(f.type())).orElse(ValueKind.UNKNOWN);
        }
        if (e instanceof LongValue) {
            return ValueKind.INTEGER;
        }
        if (e instanceof DoubleValue) {
            return ValueKind.NUMERIC;
        }
        if (e instanceof StringValue || e instanceof DateValue || e instanceof TimestampValue) {
            return ValueKind.OTHER;
        }
        if (e instanceof Parenthesis p) {
            return kind(p.getExpression());
        }
        if (e instanceof SignedExpression s) {
            return kind(s.getExpression());
        }
        if (e instanceof CastExpression c) {
            return c.getColDataType() == null ? ValueKind.UNKNOWN : ofTypeName(c.getColDataType().toString());
        }
        if (e instanceof Addition || e instanceof Subtraction || e instanceof Multiplication || e instanceof Division
                || e instanceof Modulo) {
            BinaryExpression b = (BinaryExpression) e;
            return combine(List.of(kind(b.getLeftExpression()), kind(b.getRightExpression())));
        }
        if (e instanceof net.sf.jsqlparser.expression.Function fn && fn.getName() != null) {
            String n = fn.getName().toLowerCase(Locale.ROOT);
            List<Expression> args = args(fn);
            if (SAME_KIND.contains(n) || n.equals("coalesce") || n.equals("nullif")) {
                return args.isEmpty() ? ValueKind.UNKNOWN : combine(n.equals("nullif") ? List.of(kind(args.get(0)))
                        : args.stream().filter(a -> !(n.equals("round") || n.equals("trunc")) || a == args.get(0))
                                .map(this::kind).toList());
            }
            if (n.equals("extract")) {
                return ValueKind.NUMERIC;
            }
            if (n.equals("date_part")) {
                return ValueKind.FLOAT;
            }
            return ValueKind.UNKNOWN;
        }
        if (e instanceof net.sf.jsqlparser.expression.ExtractExpression) {
            return ValueKind.NUMERIC;
        }
        if (e instanceof CaseExpression c) {
            List<ValueKind> ks = new java.util.ArrayList<>();
            for (WhenClause w : c.getWhenClauses()) {
                ks.add(kind(w.getThenExpression()));
            }
            if (c.getElseExpression() != null) {
                ks.add(kind(c.getElseExpression()));
            }
            return combine(ks);
        }
        return ValueKind.UNKNOWN;
    }

    /** The kind of arithmetic over {@code kinds}: floats win, then numerics, integers stay integers. */
    static ValueKind combine(List<ValueKind> kinds) {
        if (kinds.isEmpty() || kinds.contains(ValueKind.UNKNOWN)) {
            return ValueKind.UNKNOWN;
        }
        if (kinds.contains(ValueKind.FLOAT)) {
            return ValueKind.FLOAT;
        }
        if (kinds.stream().allMatch(k -> k == ValueKind.INTEGER)) {
            return ValueKind.INTEGER;
        }
        if (kinds.stream().allMatch(k -> k == ValueKind.INTEGER || k == ValueKind.NUMERIC)) {
            return ValueKind.NUMERIC;
        }
        if (kinds.stream().allMatch(k -> k == ValueKind.OTHER_EXACT || k == ValueKind.INTEGER
                || k == ValueKind.NUMERIC)) {
            return ValueKind.OTHER_EXACT;
        }
        return ValueKind.OTHER;
    }

    /** False only when the expression cannot be NULL. */
    boolean nullable(Expression e) {
        if (e instanceof Column c) {
            return columns.apply(c).map(i -> i.outerJoined() || i.field().map(Field::nullable).orElse(true))
                    .orElse(true);
        }
        if (e instanceof LongValue || e instanceof DoubleValue || e instanceof StringValue || e instanceof DateValue
                || e instanceof TimestampValue) {
            return false;
        }
        if (e instanceof Parenthesis p) {
            return nullable(p.getExpression());
        }
        if (e instanceof SignedExpression s) {
            return nullable(s.getExpression());
        }
        if (e instanceof CastExpression c) {
            return nullable(c.getLeftExpression());
        }
        if (e instanceof Addition || e instanceof Subtraction || e instanceof Multiplication || e instanceof Division
                || e instanceof Modulo || e instanceof Concat) {
            BinaryExpression b = (BinaryExpression) e;
            return nullable(b.getLeftExpression()) || nullable(b.getRightExpression());
        }
        if (e instanceof net.sf.jsqlparser.expression.ExtractExpression x) {
            return nullable(x.getExpression());
        }
        if (e instanceof net.sf.jsqlparser.expression.Function fn && fn.getName() != null) {
            String n = fn.getName().toLowerCase(Locale.ROOT);
            List<Expression> args = args(fn);
            if (STRICT.contains(n)) {
                return args.stream().anyMatch(this::nullable);
            }
            if (n.equals("coalesce")) {
                return args.stream().allMatch(this::nullable);
            }
        }
        return true;
    }

    static List<Expression> args(net.sf.jsqlparser.expression.Function fn) {
        if (fn.getParameters() == null) {
            return List.of();
        }
        List<Expression> out = new java.util.ArrayList<>();
        for (Object o : fn.getParameters()) {
            out.add((Expression) o);
        }
        return out;
    }

    static String describe(ValueKind k) {
        return switch (k) {
            case INTEGER -> "an integer type";
            case NUMERIC -> "numeric";
            case FLOAT -> "a floating-point type (real or double precision)";
            case OTHER_EXACT -> "money or interval";
            case OTHER -> "a type that does not add up";
            case UNKNOWN -> "a type specgen cannot tell from the spec";
        };
    }
}
