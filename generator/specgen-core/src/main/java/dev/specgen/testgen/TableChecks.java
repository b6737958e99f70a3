package dev.specgen.testgen;

import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.TableConstraint;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import dev.specgen.sql.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the seeding reads from an entity's table-level CHECKs ({@code constraints:} items), part by part (the
 * top-level {@code AND}-ed parts of each):
 * <ul>
 *   <li>a part on one field ({@code status IN ('a', 'b')}, {@code qty BETWEEN 1 AND 9}): added to that field's own
 *       {@code check:}, which {@link Checks} reads;</li>
 *   <li>which fields may be NULL together: {@code num_nonnulls(a, b) = 1}, {@code num_nulls(a, b, c) <= 1},
 *       {@code (a IS NULL) <> (b IS NULL)}, {@code a IS NULL OR b IS NULL}, {@code (a IS NOT NULL AND b IS NULL) OR
 *       (a IS NULL AND b IS NOT NULL)}: the {@link NullPatterns} rows may take, in turn;</li>
 *   <li>an order between two fields of one type ({@code starts_at < ends_at}, {@code lo <= hi}, {@code a <> b}):
 *       an {@link Order}, which the seeding meets by computing one field from the other.</li>
 * </ul>
 * Any other part is left alone: when the generic values break it, verify reports SG406 at its {@code check:}.
 */
record TableChecks(Map<String, List<String>> single, List<NullPatterns> nulls, List<Order> orders) {

    /**
     * The ways the NULLs of some fields may fall, one map per way (field -> whether it is NOT NULL in that way);
     * fields a way does not name are not NULL. Row {@code i} takes way {@code i % size}.
     */
    record NullPatterns(List<Map<String, Boolean>> ways) {
        NullPatterns {
            ways = List.copyOf(ways);
        }

        /** These ways combined with {@code other}'s: every consistent pair, merged; none when none agree. */
        NullPatterns and(NullPatterns other) {
            List<Map<String, Boolean>> out = new ArrayList<>();
            for (Map<String, Boolean> a : ways) {
                for (Map<String, Boolean> b : other.ways) {
                    boolean agree = a.entrySet().stream()
                            .allMatch(en -> !b.containsKey(en.getKey()) || b.get(en.getKey()).equals(en.getValue()));
                    if (agree) {
                        Map<String, Boolean> m = new LinkedHashMap<>(a);
                        m.putAll(b);
                        out.add(m);
                    }
                }
            }
            return new NullPatterns(out);
        }
    }

    /** {@code lo < hi} ({@code strict}) or {@code lo <= hi}; {@code <>} reads as {@code <}. */
    record Order(String lo, String hi, boolean strict) {
    }

    TableChecks {
        single = Map.copyOf(single);
        nulls = List.copyOf(nulls);
        orders = List.copyOf(orders);
    }

    static final TableChecks NONE = new TableChecks(Map.of(), List.of(), List.of());

    /** What the table-level CHECKs of {@code e} say that the seeding can meet. */
    static TableChecks of(Entity e) {
        Map<String, List<String>> single = new LinkedHashMap<>();
        List<NullPatterns> nulls = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        for (TableConstraint c : e.constraints()) {
            if (!(c instanceof TableConstraint.Check k)) {
                continue;
            }
            String x = k.expression();
            List<Token> tokens = SqlLexer.significant(x);
            List<String> texts = tokens.stream().map(t -> t.text(x)).toList();
            for (List<Integer> part : Checks.conjuncts(tokens, texts)) {
                if (part.isEmpty()) {
                    continue;
                }
                List<Token> t = part.stream().map(tokens::get).toList();
                List<String> s = part.stream().map(texts::get).toList();
                List<String> fields = fields(e, t, s);
                Optional<NullPatterns> n = nullPatterns(e, t, s);
                if (n.isPresent()) {
                    nulls.add(n.get());
                } else if (fields.size() == 1 && !nullFunction(s)) {
                    single.computeIfAbsent(fields.get(0), f -> new ArrayList<>())
                            .add(x.substring(t.get(0).start(), t.get(t.size() - 1).end()));
                } else {
                    order(e, t, s).ifPresent(orders::add);
                }
            }
        }
        return new TableChecks(single, nulls, orders);
    }

    /** Whether a table-level CHECK of {@code e} names {@code f}. */
    static boolean reads(Entity e, Field f) {
        for (TableConstraint c : e.constraints()) {
            if (c instanceof TableConstraint.Check k) {
                for (Token t : SqlLexer.significant(k.expression())) {
                    if (name(t, t.text(k.expression())).filter(f.name()::equals).isPresent()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code f}'s own check with the table-level parts on {@code f} alone, AND-ed; empty when there is none. */
    Optional<String> checkOf(Field f) {
        List<String> parts = new ArrayList<>();
        f.check().ifPresent(parts::add);
        parts.addAll(single.getOrDefault(f.name(), List.of()));
        if (parts.size() <= 1) {
            return parts.stream().findFirst();
        }
        return Optional.of(String.join(" AND ", parts.stream().map(p -> "(" + p + ")").toList()));
    }

    /**
     * The ways NULLs fall for the group of fields {@code f} is in (parts that share a field are combined; others
     * stay apart, so two independent rules give 2 + 2 ways, not 2 x 2), ways that put NULL in a NOT NULL field
     * dropped; empty when none is left (the generic values then meet what they meet) or one has no NULL.
     */
    Optional<NullPatterns> nullPatterns(Entity e, Field f) {
        List<NullPatterns> groups = new ArrayList<>();
        for (NullPatterns n : nulls) {
            NullPatterns merged = n;
            for (java.util.Iterator<NullPatterns> it = groups.iterator(); it.hasNext(); ) {
                NullPatterns g = it.next();
                if (!java.util.Collections.disjoint(fieldsOf(g), fieldsOf(merged))) {
                    merged = g.and(merged);
                    it.remove();
                }
            }
            groups.add(merged);
        }
        Optional<NullPatterns> mine = groups.stream().filter(g -> fieldsOf(g).contains(f.name())).findFirst();
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Boolean>> ok = mine.get().ways().stream().filter(w -> w.entrySet().stream()
                .allMatch(en -> en.getValue() || e.field(en.getKey()).map(x -> SeedPlan.nullable(e, x))
                        .orElse(false))).toList();
        // a way without NULLs is what the generic values do already: (a IS NULL) = (b IS NULL) changes nothing
        boolean generic = ok.stream().anyMatch(w -> !w.containsValue(false));
        return ok.isEmpty() || generic ? Optional.empty() : Optional.of(new NullPatterns(ok));
    }

    private static java.util.Set<String> fieldsOf(NullPatterns n) {
        java.util.Set<String> out = new java.util.HashSet<>();
        n.ways().forEach(w -> out.addAll(w.keySet()));
        return out;
    }

    private static boolean nullFunction(List<String> s) {
        return s.stream().anyMatch(w -> w.equalsIgnoreCase("num_nulls") || w.equalsIgnoreCase("num_nonnulls"));
    }

    /** The fields a part names, once each, in order of appearance (function names are not fields). */
    private static List<String> fields(Entity e, List<Token> t, List<String> s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            boolean call = i + 1 < t.size() && t.get(i + 1).kind() == Kind.OPEN_PAREN;
            Optional<String> name = name(t.get(i), s.get(i));
            if (!call && name.isPresent() && e.field(name.get()).isPresent() && !out.contains(name.get())) {
                out.add(name.get());
            }
        }
        return out;
    }

    /** The name a token spells: a bare word lower-cased, a quoted name unquoted; empty for anything else. */
    private static Optional<String> name(Token t, String text) {
        if (t.kind() == Kind.IDENTIFIER) {
            return Optional.of(text.toLowerCase(Locale.ROOT));
        }
        if (t.kind() == Kind.QUOTED_IDENTIFIER && text.length() >= 2 && text.startsWith("\"")) {
            return Optional.of(text.substring(1, text.length() - 1).replace("\"\"", "\""));
        }
        return Optional.empty();
    }

    /** The field a token names, if it names one of {@code e}. */
    private static Optional<String> field(Entity e, Token t, String text) {
        return name(t, text).filter(n -> e.field(n).isPresent()
                && !n.equals("null") && !n.equals("not") && !n.equals("is"));
    }

    /**
     * {@code num_nonnulls(...) op n}, {@code num_nulls(...) op n}, a disjunction of conjunctions of
     * {@code f IS [NOT] NULL}, or {@code (a IS [NOT] NULL) =|<> (b IS [NOT] NULL)}.
     */
    static Optional<NullPatterns> nullPatterns(Entity e, List<Token> t, List<String> s) {
        return count(e, t, s).or(() -> disjunction(e, t, s)).or(() -> comparison(e, t, s));
    }

    private static Optional<NullPatterns> count(Entity e, List<Token> t, List<String> s) {
        if (t.size() < 6 || t.get(1).kind() != Kind.OPEN_PAREN) {
            return Optional.empty();
        }
        String fn = s.get(0).toLowerCase(Locale.ROOT);
        if (!fn.equals("num_nulls") && !fn.equals("num_nonnulls")) {
            return Optional.empty();
        }
        List<String> cols = new ArrayList<>();
        int k = 2;
        while (k < t.size()) {
            Optional<String> f = field(e, t.get(k), s.get(k));
            if (f.isEmpty() || cols.contains(f.get()) || k + 1 >= t.size()) {
                return Optional.empty();
            }
            cols.add(f.get());
            k++;
            if (t.get(k).kind() == Kind.COMMA) {
                k++;
            } else if (t.get(k).kind() == Kind.CLOSE_PAREN) {
                k++;
                break;
            } else {
                return Optional.empty();
            }
        }
        if (k + 2 != t.size() || t.get(k).kind() != Kind.OPERATOR || t.get(k + 1).kind() != Kind.NUMBER) {
            return Optional.empty();
        }
        int n = cols.size();
        int v;
        try {
            v = Integer.parseInt(s.get(k + 1));
        } catch (NumberFormatException ex) {
            return Optional.empty();
        }
        // the allowed counts of NOT NULL fields
        int lo;
        int hi;
        switch (s.get(k)) {
            case "=" -> {
                lo = v;
                hi = v;
            }
            case "<=" -> {
                lo = Integer.MIN_VALUE;
                hi = v;
            }
            case "<" -> {
                lo = Integer.MIN_VALUE;
                hi = v - 1;
            }
            case ">=" -> {
                lo = v;
                hi = Integer.MAX_VALUE;
            }
            case ">" -> {
                lo = v + 1;
                hi = Integer.MAX_VALUE;
            }
            default -> {
                return Optional.empty();
            }
        }
        if (fn.equals("num_nulls")) {
            int l = hi == Integer.MAX_VALUE ? Integer.MIN_VALUE : n - hi;
            int h = lo == Integer.MIN_VALUE ? Integer.MAX_VALUE : n - lo;
            lo = l;
            hi = h;
        }
        // as many NOT NULL fields as allowed (the generic values are never NULL), each field in turn NULL
        int keep = Math.min(n, hi);
        if (keep < Math.max(lo, 0) || keep < 0) {
            return Optional.empty();
        }
        List<Map<String, Boolean>> ways = new ArrayList<>();
        int rotations = keep == n || keep == 0 ? 1 : n;
        for (int r = 0; r < rotations; r++) {
            Map<String, Boolean> way = new LinkedHashMap<>();
            for (int j = 0; j < n; j++) {
                way.put(cols.get(j), Math.floorMod(j - r, n) < keep);
            }
            ways.add(way);
        }
        return Optional.of(new NullPatterns(ways));
    }

    /** {@code A OR B ...}, each a conjunction of {@code f IS [NOT] NULL} (parenthesised or not). */
    private static Optional<NullPatterns> disjunction(Entity e, List<Token> t, List<String> s) {
        List<Map<String, Boolean>> ways = new ArrayList<>();
        for (List<Integer> alt : split(t, s, "OR")) {
            Map<String, Boolean> way = new LinkedHashMap<>();
            List<Token> at = alt.stream().map(t::get).toList();
            List<String> as = alt.stream().map(s::get).toList();
            for (List<Integer> atom : Checks.conjuncts(at, as)) {
                Optional<Map.Entry<String, Boolean>> a = isNull(e, atom.stream().map(at::get).toList(),
                        atom.stream().map(as::get).toList());
                if (a.isEmpty() || way.containsKey(a.get().getKey()) && !way.get(a.get().getKey())
                        .equals(a.get().getValue())) {
                    return Optional.empty();
                }
                way.put(a.get().getKey(), a.get().getValue());
            }
            ways.add(way);
        }
        return ways.isEmpty() ? Optional.empty() : Optional.of(new NullPatterns(ways));
    }

    /** {@code (a IS [NOT] NULL) = (b IS [NOT] NULL)} or with {@code <>} / {@code !=}. */
    private static Optional<NullPatterns> comparison(Entity e, List<Token> t, List<String> s) {
        if (t.isEmpty() || t.get(0).kind() != Kind.OPEN_PAREN) {
            return Optional.empty();
        }
        int close = closes(t, 0);
        if (close < 0 || close + 2 >= t.size() || t.get(close + 1).kind() != Kind.OPERATOR
                || t.get(close + 2).kind() != Kind.OPEN_PAREN || closes(t, close + 2) != t.size() - 1) {
            return Optional.empty();
        }
        String op = s.get(close + 1);
        boolean differ = op.equals("<>") || op.equals("!=");
        if (!differ && !op.equals("=")) {
            return Optional.empty();
        }
        Optional<Map.Entry<String, Boolean>> a = isNull(e, t.subList(1, close), s.subList(1, close));
        Optional<Map.Entry<String, Boolean>> b = isNull(e, t.subList(close + 3, t.size() - 1),
                s.subList(close + 3, t.size() - 1));
        if (a.isEmpty() || b.isEmpty() || a.get().getKey().equals(b.get().getKey())) {
            return Optional.empty();
        }
        // the predicate "x IS NOT NULL" is true for a NOT NULL x; the two predicates are equal (=) or not (<>)
        List<Map<String, Boolean>> ways = new ArrayList<>();
        for (boolean aNotNull : new boolean[] {true, false}) {
            boolean pa = aNotNull == a.get().getValue();
            boolean pb = differ != pa;
            boolean bNotNull = pb == b.get().getValue();
            Map<String, Boolean> way = new LinkedHashMap<>();
            way.put(a.get().getKey(), aNotNull);
            way.put(b.get().getKey(), bNotNull);
            ways.add(way);
        }
        return Optional.of(new NullPatterns(ways));
    }

    /** {@code f IS NULL} (false) or {@code f IS NOT NULL} (true), parentheses around it allowed. */
    private static Optional<Map.Entry<String, Boolean>> isNull(Entity e, List<Token> t, List<String> s) {
        while (t.size() >= 2 && t.get(0).kind() == Kind.OPEN_PAREN && closes(t, 0) == t.size() - 1) {
            t = t.subList(1, t.size() - 1);
            s = s.subList(1, s.size() - 1);
        }
        if (t.size() < 3 || !s.get(1).equalsIgnoreCase("IS") || !s.get(s.size() - 1).equalsIgnoreCase("NULL")) {
            return Optional.empty();
        }
        Optional<String> f = field(e, t.get(0), s.get(0));
        if (f.isEmpty()) {
            return Optional.empty();
        }
        if (t.size() == 3) {
            return Optional.of(Map.entry(f.get(), false));
        }
        return t.size() == 4 && s.get(2).equalsIgnoreCase("NOT") ? Optional.of(Map.entry(f.get(), true))
                : Optional.empty();
    }

    /** {@code a < b}, {@code a <= b}, {@code a > b}, {@code a >= b}, {@code a <> b} between two fields of one type. */
    private static Optional<Order> order(Entity e, List<Token> t, List<String> s) {
        if (t.size() != 3 || t.get(1).kind() != Kind.OPERATOR) {
            return Optional.empty();
        }
        Optional<String> a = field(e, t.get(0), s.get(0));
        Optional<String> b = field(e, t.get(2), s.get(2));
        if (a.isEmpty() || b.isEmpty() || a.get().equals(b.get())
                || !e.field(a.get()).get().type().sql().equals(e.field(b.get()).get().type().sql())) {
            return Optional.empty();
        }
        return switch (s.get(1)) {
            case "<", "<>", "!=" -> Optional.of(new Order(a.get(), b.get(), true));
            case "<=" -> Optional.of(new Order(a.get(), b.get(), false));
            case ">" -> Optional.of(new Order(b.get(), a.get(), true));
            case ">=" -> Optional.of(new Order(b.get(), a.get(), false));
            default -> Optional.empty();
        };
    }

    /** Index lists of the parts of {@code t} between top-level {@code word}s. */
    private static List<List<Integer>> split(List<Token> t, List<String> s, String word) {
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> cur = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            Kind k = t.get(i).kind();
            if (k == Kind.OPEN_PAREN || k == Kind.OPEN_BRACKET) {
                depth++;
            } else if (k == Kind.CLOSE_PAREN || k == Kind.CLOSE_BRACKET) {
                depth--;
            }
            if (depth == 0 && k == Kind.IDENTIFIER && s.get(i).equalsIgnoreCase(word)) {
                out.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(i);
            }
        }
        out.add(cur);
        return out;
    }

    private static int closes(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).kind() == Kind.OPEN_PAREN) {
                depth++;
            } else if (t.get(i).kind() == Kind.CLOSE_PAREN && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
