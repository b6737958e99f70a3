package dev.specgen.testgen;

import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Sql;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import dev.specgen.sql.Token.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Seed values that satisfy a column's own CHECK when it is a conjunction ({@code AND}) of predicates on the column
 * that can be read without evaluating anything:
 * <ul>
 *   <li>{@code col IN (a, b)}, {@code col = ANY (ARRAY[a, b])}, {@code col = a}: the listed values in turn;</li>
 *   <li>{@code col > 0}, {@code col <= 100}, {@code 0 < col}, {@code col BETWEEN 1 AND 5}, {@code col <> 0},
 *       {@code col NOT IN (...)} on numbers: values inside the bounds (counting up from the lower bound, down from
 *       the upper one, or cycling through both);</li>
 *   <li>{@code length(col) <= 20} ({@code char_length}, {@code character_length}, {@code BETWEEN}) on text: text
 *       padded or cut to fit;</li>
 *   <li>{@code col IS NOT NULL}: nothing to do (seed values are never NULL).</li>
 * </ul>
 * The expression is read with the one SQL lexer, so quoting and comments are PostgreSQL's. Any other CHECK gets the
 * generic values; when those break it, verify names the field and its {@code check:} and suggests a {@code seed:}.
 */
final class Checks {
    private Checks() {
    }

    /** What the predicates allow for one column; null bounds are open. */
    private static final class Allowed {
        List<String> values;
        BigDecimal lo;
        boolean loStrict;
        BigDecimal hi;
        boolean hiStrict;
        final Set<BigDecimal> excluded = new java.util.HashSet<>();
        final Set<String> excludedText = new LinkedHashSet<>();
        long minLen = 0;
        long maxLen = Long.MAX_VALUE;

        void lower(BigDecimal v, boolean strict) {
            if (lo == null || v.compareTo(lo) > 0 || v.compareTo(lo) == 0 && strict) {
                lo = v;
                loStrict = strict;
            }
        }

        void upper(BigDecimal v, boolean strict) {
            if (hi == null || v.compareTo(hi) < 0 || v.compareTo(hi) == 0 && strict) {
                hi = v;
                hiStrict = strict;
            }
        }
    }

    /** Seed values that satisfy {@code check} on {@code f}; empty when the check has another shape. */
    static Optional<Gen> values(Field f, String check) {
        List<Token> tokens = SqlLexer.significant(check);
        List<String> texts = tokens.stream().map(t -> t.text(check)).toList();
        Allowed a = new Allowed();
        for (List<Integer> conj : conjuncts(tokens, texts)) {
            if (!predicate(f, tokens, texts, conj, a)) {
                return Optional.empty();
            }
        }
        return gen(f, a);
    }

    /** Token index ranges of the top-level AND-ed parts, outer parentheses removed. */
    static List<List<Integer>> conjuncts(List<Token> tokens, List<String> texts) {
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> cur = new ArrayList<>();
        int depth = 0;
        boolean between = false;
        for (int i = 0; i < tokens.size(); i++) {
            Kind k = tokens.get(i).kind();
            String w = texts.get(i).toUpperCase(Locale.ROOT);
            if (k == Kind.OPEN_PAREN || k == Kind.OPEN_BRACKET) {
                depth++;
            } else if (k == Kind.CLOSE_PAREN || k == Kind.CLOSE_BRACKET) {
                depth--;
            }
            if (depth == 0 && k == Kind.IDENTIFIER && w.equals("BETWEEN")) {
                between = true;
            } else if (depth == 0 && k == Kind.IDENTIFIER && w.equals("AND")) {
                if (between) {
                    between = false;
                } else {
                    out.add(cur);
                    cur = new ArrayList<>();
                    continue;
                }
            }
            cur.add(i);
        }
        out.add(cur);
        List<List<Integer>> stripped = new ArrayList<>();
        for (List<Integer> c : out) {
            List<Integer> s = c;
            while (s.size() >= 2 && tokens.get(s.get(0)).kind() == Kind.OPEN_PAREN
                    && closes(tokens, s.get(0)) == s.get(s.size() - 1)) {
                s = s.subList(1, s.size() - 1);
            }
            if (s.size() == c.size() || !s.isEmpty()) {
                // a parenthesised part that is itself a conjunction: split it too
                if (s.size() != c.size() && s.stream().anyMatch(i -> texts.get(i).equalsIgnoreCase("AND"))) {
                    List<Token> inner = s.stream().map(tokens::get).toList();
                    List<String> innerTexts = s.stream().map(texts::get).toList();
                    for (List<Integer> part : conjuncts(inner, innerTexts)) {
                        stripped.add(part.stream().map(s::get).toList());
                    }
                    continue;
                }
            }
            stripped.add(s);
        }
        return stripped;
    }

    /** Index of the parenthesis closing the one at {@code open}. */
    private static int closes(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Kind k = tokens.get(i).kind();
            if (k == Kind.OPEN_PAREN) {
                depth++;
            } else if (k == Kind.CLOSE_PAREN && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private enum Operand { COLUMN, LENGTH }

    /** Reads one predicate into {@code a}; false when it has another shape. */
    private static boolean predicate(Field f, List<Token> tokens, List<String> texts, List<Integer> idx,
            Allowed a) {
        List<Token> t = idx.stream().map(tokens::get).toList();
        List<String> s = idx.stream().map(texts::get).toList();
        if (t.isEmpty()) {
            return false;
        }
        int[] at = {0};
        Optional<Operand> left = operand(f, t, s, at);
        if (left.isPresent()) {
            return rest(left.get(), t, s, at[0], a);
        }
        // literal op operand
        int[] lit = {0};
        Optional<String> value = literal(t, s, lit);
        if (value.isEmpty() || lit[0] >= t.size() || t.get(lit[0]).kind() != Kind.OPERATOR) {
            return false;
        }
        String op = s.get(lit[0]);
        int[] after = {lit[0] + 1};
        Optional<Operand> right = operand(f, t, s, after);
        if (right.isEmpty() || after[0] != t.size()) {
            return false;
        }
        return compare(right.get(), flip(op), value.get(), a);
    }

    private static boolean rest(Operand o, List<Token> t, List<String> s, int k, Allowed a) {
        if (k >= t.size()) {
            return false;
        }
        String w = s.get(k).toUpperCase(Locale.ROOT);
        if (w.equals("IS") && k + 3 == t.size() && s.get(k + 1).equalsIgnoreCase("NOT")
                && s.get(k + 2).equalsIgnoreCase("NULL")) {
            return true;
        }
        if (w.equals("BETWEEN")) {
            int[] p = {k + 1};
            Optional<String> lo = literal(t, s, p);
            if (lo.isEmpty() || p[0] >= t.size() || !s.get(p[0]).equalsIgnoreCase("AND")) {
                return false;
            }
            p[0]++;
            Optional<String> hi = literal(t, s, p);
            return hi.isPresent() && p[0] == t.size() && compare(o, ">=", lo.get(), a) && compare(o, "<=", hi.get(), a);
        }
        boolean not = w.equals("NOT");
        int in = not ? k + 1 : k;
        if (in < t.size() && s.get(in).equalsIgnoreCase("IN")) {
            Optional<List<String>> items = list(t, s, in + 1, Kind.OPEN_PAREN, Kind.CLOSE_PAREN);
            return items.isPresent() && o == Operand.COLUMN && allow(items.get(), not, a);
        }
        if (t.get(k).kind() == Kind.OPERATOR && s.get(k).equals("=") && k + 1 < t.size()
                && s.get(k + 1).equalsIgnoreCase("ANY") && k + 3 < t.size()
                && t.get(k + 2).kind() == Kind.OPEN_PAREN && s.get(k + 3).equalsIgnoreCase("ARRAY")) {
            int close = closes(t, k + 2);
            if (close != t.size() - 1 || o != Operand.COLUMN) {
                return false;
            }
            int end = k + 4;
            Optional<List<String>> items = list(t, s, end, Kind.OPEN_BRACKET, Kind.CLOSE_BRACKET);
            return items.isPresent() && allow(items.get(), false, a);
        }
        if (t.get(k).kind() == Kind.OPERATOR) {
            int[] p = {k + 1};
            Optional<String> v = literal(t, s, p);
            return v.isPresent() && p[0] == t.size() && compare(o, s.get(k), v.get(), a);
        }
        return false;
    }

    /** {@code ( lit, lit )} or {@code [ lit, lit ]} from {@code k}, with an optional cast after it. */
    private static Optional<List<String>> list(List<Token> t, List<String> s, int k, Kind open, Kind close) {
        if (k >= t.size() || t.get(k).kind() != open) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        int[] p = {k + 1};
        while (true) {
            Optional<String> v = literal(t, s, p);
            if (v.isEmpty() || p[0] >= t.size()) {
                return Optional.empty();
            }
            out.add(v.get());
            if (t.get(p[0]).kind() == Kind.COMMA) {
                p[0]++;
            } else if (t.get(p[0]).kind() == close) {
                p[0]++;
                break;
            } else {
                return Optional.empty();
            }
        }
        p[0] = skipCast(t, s, p[0]);
        // what may follow: the end, or the ')' closing ANY (
        boolean end = p[0] == t.size() || p[0] == t.size() - 1 && t.get(p[0]).kind() == Kind.CLOSE_PAREN
                && close == Kind.CLOSE_BRACKET;
        return end && !out.isEmpty() ? Optional.of(out) : Optional.empty();
    }

    /** The column, {@code length(col)}, {@code char_length(col)} or {@code character_length(col)} at {@code at}. */
    private static Optional<Operand> operand(Field f, List<Token> t, List<String> s, int[] at) {
        int k = at[0];
        if (isColumn(f, t.get(k), s.get(k))) {
            at[0] = skipCast(t, s, k + 1);
            return Optional.of(Operand.COLUMN);
        }
        String w = s.get(k).toLowerCase(Locale.ROOT);
        if (t.get(k).kind() == Kind.IDENTIFIER && Set.of("length", "char_length", "character_length").contains(w)
                && k + 3 < t.size() && t.get(k + 1).kind() == Kind.OPEN_PAREN && isColumn(f, t.get(k + 2), s.get(k + 2))
                && t.get(k + 3).kind() == Kind.CLOSE_PAREN) {
            at[0] = k + 4;
            return Optional.of(Operand.LENGTH);
        }
        return Optional.empty();
    }

    /** {@code t} (whose text is {@code text}) names column {@code f}: bare (any case) or quoted exactly. */
    static boolean isColumn(Field f, Token t, String text) {
        return t.kind() == Kind.IDENTIFIER && text.toLowerCase(Locale.ROOT).equals(f.name())
                || t.kind() == Kind.QUOTED_IDENTIFIER && text.length() >= 2
                && text.substring(1, text.length() - 1).replace("\"\"", "\"").equals(f.name());
    }

    /** A number (with its sign) or a plain string literal at {@code p}, with an optional cast; as written. */
    private static Optional<String> literal(List<Token> t, List<String> s, int[] p) {
        int k = p[0];
        if (k >= t.size()) {
            return Optional.empty();
        }
        String sign = "";
        if (t.get(k).kind() == Kind.OPERATOR && (s.get(k).equals("-") || s.get(k).equals("+"))
                && k + 1 < t.size() && t.get(k + 1).kind() == Kind.NUMBER) {
            sign = s.get(k).equals("-") ? "-" : "";
            k++;
        }
        Kind kind = t.get(k).kind();
        if (kind != Kind.NUMBER && kind != Kind.STRING) {
            return Optional.empty();
        }
        String v = sign + s.get(k);
        p[0] = skipCast(t, s, k + 1);
        return Optional.of(v);
    }

    /** Past {@code ::type}, {@code ::type(n)}, {@code ::type[]} (one cast). */
    private static int skipCast(List<Token> t, List<String> s, int k) {
        if (k < t.size() && t.get(k).kind() == Kind.TYPECAST) {
            k++;
            while (k < t.size() && t.get(k).kind() == Kind.IDENTIFIER && !isWordOperator(s.get(k))) {
                k++;
            }
            if (k < t.size() && t.get(k).kind() == Kind.OPEN_PAREN) {
                k = closes(t, k) + 1;
            }
            if (k + 1 < t.size() && t.get(k).kind() == Kind.OPEN_BRACKET && t.get(k + 1).kind() == Kind.CLOSE_BRACKET) {
                k += 2;
            }
        }
        return k;
    }

    private static boolean isWordOperator(String w) {
        return Set.of("AND", "OR", "NOT", "IN", "IS", "BETWEEN", "ANY").contains(w.toUpperCase(Locale.ROOT));
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private static boolean allow(List<String> items, boolean not, Allowed a) {
        if (not) {
            for (String v : items) {
                number(v).ifPresentOrElse(a.excluded::add, () -> a.excludedText.add(v));
            }
            return true;
        }
        if (a.values == null) {
            a.values = new ArrayList<>(items);
        } else {
            a.values.retainAll(items);
        }
        return true;
    }

    private static boolean compare(Operand o, String op, String literal, Allowed a) {
        Optional<BigDecimal> n = number(literal);
        if (o == Operand.LENGTH) {
            if (n.isEmpty()) {
                return false;
            }
            long v;
            try {
                v = n.get().setScale(0, RoundingMode.UNNECESSARY).longValueExact();
            } catch (ArithmeticException e) {
                return false;
            }
            switch (op) {
                case ">" -> a.minLen = Math.max(a.minLen, v + 1);
                case ">=" -> a.minLen = Math.max(a.minLen, v);
                case "<" -> a.maxLen = Math.min(a.maxLen, v - 1);
                case "<=" -> a.maxLen = Math.min(a.maxLen, v);
                case "=" -> {
                    a.minLen = Math.max(a.minLen, v);
                    a.maxLen = Math.min(a.maxLen, v);
                }
                default -> {
                    return false;
                }
            }
            return true;
        }
        if (op.equals("=")) {
            return allow(List.of(literal), false, a);
        }
        if (op.equals("<>") || op.equals("!=")) {
            return allow(List.of(literal), true, a);
        }
        if (n.isEmpty()) {
            return false; // a bound on text or a date: not read
        }
        switch (op) {
            case ">" -> a.lower(n.get(), true);
            case ">=" -> a.lower(n.get(), false);
            case "<" -> a.upper(n.get(), true);
            case "<=" -> a.upper(n.get(), false);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static Optional<BigDecimal> number(String literal) {
        try {
            return Optional.of(new BigDecimal(literal));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumber(FieldType t) {
        return t instanceof FieldType.Numeric || t.is(FieldType.Kind.REAL) || t.is(FieldType.Kind.DOUBLE)
                || t.has(FieldType.Traits.INTEGER);
    }

    private static Optional<Gen> gen(Field f, Allowed a) {
        FieldType t = f.type();
        String type = t.sql();
        if (a.values != null) {
            List<String> ok = new ArrayList<>();
            for (String v : a.values) {
                Optional<BigDecimal> n = number(v);
                boolean inside = n.map(x -> (a.lo == null || x.compareTo(a.lo) > 0 || !a.loStrict && x.compareTo(a.lo) == 0)
                        && (a.hi == null || x.compareTo(a.hi) < 0 || !a.hiStrict && x.compareTo(a.hi) == 0)
                        && !a.excluded.contains(x)).orElse(!a.excludedText.contains(v));
                long len = v.startsWith("'") ? v.substring(1, v.length() - 1).replace("''", "'").length() : v.length();
                if (inside && len >= a.minLen && len <= a.maxLen && !ok.contains(v)) {
                    ok.add(v);
                }
            }
            return ok.isEmpty() ? Optional.empty() : Optional.of(new Gen.Pick(List.copyOf(ok), type));
        }
        if (a.lo != null || a.hi != null || !a.excluded.isEmpty()) {
            if (!isNumber(t)) {
                return Optional.empty();
            }
            boolean integer = t.has(FieldType.Traits.INTEGER);
            BigDecimal longMax = BigDecimal.valueOf(Long.MAX_VALUE);
            if (a.lo != null && a.lo.abs().compareTo(longMax) > 0 || a.hi != null && a.hi.abs().compareTo(longMax) > 0) {
                return Optional.empty(); // bounds beyond a bigint (x BETWEEN 1 AND 99999999999999999999): generic values
            }
            BigDecimal lo = a.lo;
            BigDecimal hi = a.hi;
            if (lo == null && hi == null) {
                lo = a.excluded.stream().max(BigDecimal::compareTo).orElseThrow();
                return Optional.of(new Gen.Expr("(" + lo.toPlainString() + " + {i})::" + type));
            }
            boolean excludesSmall = a.excluded.stream().anyMatch(x -> x.compareTo(BigDecimal.ONE) >= 0);
            if (hi == null && !excludesSmall && (a.loStrict ? lo.compareTo(BigDecimal.ONE) < 0
                    : lo.compareTo(BigDecimal.ONE) <= 0)) {
                return Optional.empty(); // the generic values (1 and up) pass: keep them (a key stays distinct)
            }
            if (integer) {
                lo = lo == null ? null : a.loStrict ? floor(lo).add(BigDecimal.ONE) : ceil(lo);
                hi = hi == null ? null : a.hiStrict ? ceil(hi).subtract(BigDecimal.ONE) : floor(hi);
                if (lo != null && hi != null) {
                    if (lo.compareTo(hi) > 0) {
                        return Optional.empty();
                    }
                    BigDecimal size = hi.subtract(lo).add(BigDecimal.ONE);
                    if (size.compareTo(BigDecimal.valueOf(100)) <= 0) {
                        List<String> vs = new ArrayList<>();
                        for (BigDecimal v = lo; v.compareTo(hi) <= 0; v = v.add(BigDecimal.ONE)) {
                            if (!a.excluded.contains(v)) {
                                vs.add(v.toPlainString());
                            }
                        }
                        return vs.isEmpty() ? Optional.empty() : Optional.of(new Gen.Pick(List.copyOf(vs), type));
                    }
                    return Optional.of(new Gen.Expr("(" + lo.toPlainString() + " + (({i} - 1) % "
                            + size.toPlainString() + "))::" + type));
                }
                // counting away from one bound: start past every excluded value on that side
                if (lo != null) {
                    BigDecimal from = lo;
                    lo = a.excluded.stream().filter(x -> x.compareTo(from) >= 0).map(x -> floor(x).add(BigDecimal.ONE))
                            .max(BigDecimal::compareTo).orElse(lo);
                } else {
                    BigDecimal from = hi;
                    hi = a.excluded.stream().filter(x -> x.compareTo(from) <= 0)
                            .map(x -> ceil(x).subtract(BigDecimal.ONE)).min(BigDecimal::compareTo).orElse(hi);
                }
                return Optional.of(lo != null ? new Gen.Expr("(" + lo.subtract(BigDecimal.ONE).toPlainString()
                        + " + {i})::" + type) : new Gen.Expr("(" + hi.add(BigDecimal.ONE).toPlainString()
                        + " - {i})::" + type));
            }
            if (lo != null && hi != null) {
                if (lo.compareTo(hi) >= 0) {
                    return Optional.empty();
                }
                // strictly inside (lo, hi), whatever the bounds' strictness
                return Optional.of(new Gen.Expr("(" + lo.toPlainString() + " + " + hi.subtract(lo).toPlainString()
                        + " * (1 + ({i} % 97)) / 98.0)::" + type));
            }
            return Optional.of(lo != null ? new Gen.Expr("(" + lo.toPlainString() + " + {i})::" + type)
                    : new Gen.Expr("(" + hi.toPlainString() + " - {i})::" + type));
        }
        if (a.minLen > 0 || a.maxLen < Long.MAX_VALUE) {
            if (!t.isText() || a.minLen > a.maxLen || a.maxLen < 1 || a.minLen > 10_000) {
                return Optional.empty();
            }
            long max = Math.min(a.maxLen, t instanceof FieldType.Sized s ? s.length() : Long.MAX_VALUE);
            String v = "'v' || {i}";
            if (a.minLen > 2) {
                v = "rpad('v' || {i}, greatest(" + a.minLen + ", length('v' || {i})), 'x')";
            }
            if (max < Long.MAX_VALUE) {
                v = "left(" + v + ", " + max + ")";
            }
            return Optional.of(new Gen.Expr(v));
        }
        return Optional.empty();
    }

    private static BigDecimal floor(BigDecimal v) {
        return v.setScale(0, RoundingMode.FLOOR);
    }

    private static BigDecimal ceil(BigDecimal v) {
        return v.setScale(0, RoundingMode.CEILING);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static String quote(String s) {
        return Sql.literal(s);
    }
}
