package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.SourcePos;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.load.YSeq;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.IndexColumn.Nulls;
import dev.specgen.model.Sql;
import dev.specgen.model.IndexColumn.Order;
import dev.specgen.model.Named;
import dev.specgen.model.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code indexes:} items to {@link Index}es. Columns are written {@code col}, {@code col DESC},
 * {@code col ASC NULLS LAST}, {@code col text_pattern_ops}, an expression with parentheses ({@code lower(email)}),
 * or a mapping {@code {column|expression, order, nulls, opclass}}. An index without usable columns is left out.
 */
final class IndexBuilder {

    static final List<String> KEYS = List.of("name", "columns", "type", "unique", "include", "where", "with",
            "concurrently", "comment");
    private static final List<String> COLUMN_KEYS = List.of("column", "expression", "order", "nulls", "opclass");
    static final Map<String, Index.Method> METHODS = new LinkedHashMap<>();
    private static final Map<String, Order> ORDERS = Map.of("asc", Order.ASC, "desc", Order.DESC);
    private static final Pattern OPCLASS = Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*\\.)?[A-Za-z_][A-Za-z0-9_$]*");
    private static final Map<String, Nulls> NULLS = Map.of("first", Nulls.FIRST, "last", Nulls.LAST);

    static {
        for (Index.Method m : Index.Method.values()) {
            METHODS.put(m.sql(), m);
        }
    }

    private final Shape shape;

    IndexBuilder(Shape shape) {
        this.shape = shape;
    }

    List<Index> build(YSeq items) {
        List<Index> out = new ArrayList<>();
        for (YNode item : items.items()) {
            shape.map(item, "each item of \"indexes\"").flatMap(this::index).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Index> index(YMap m) {
        shape.keys(m, KEYS, "index");
        Optional<String> name = m.get("name").flatMap(n -> shape.text(n, "\"name\""));
        List<IndexColumn> columns = new ArrayList<>();
        shape.required(m, "columns", "index").flatMap(c -> shape.seq(c, "\"columns\"")).ifPresent(s -> {
            if (s.items().isEmpty()) {
                shape.diags.error(s.pos(), Code.SG107, "\"columns\" must be a non-empty list, found an empty list");
            }
            s.items().forEach(i -> column(i).ifPresent(columns::add));
        });
        Optional<YNode> typeNode = m.get("type");
        Optional<Index.Method> method = typeNode.flatMap(t -> shape.word(t, "index type", METHODS));
        if (columns.isEmpty() || typeNode.isPresent() && method.isEmpty()) {
            return Optional.empty();
        }
        boolean unique = m.get("unique").flatMap(n -> shape.bool(n, "\"unique\"")).orElse(false);
        List<Named> include = m.get("include").map(n -> shape.names(n, "\"include\"")).orElse(List.of());
        Optional<String> where = m.get("where").flatMap(n -> shape.text(n, "\"where\""));
        List<Param> with = m.get("with").map(n -> params(n, "\"with\"")).orElse(List.of());
        boolean concurrently = m.get("concurrently").flatMap(n -> shape.bool(n, "\"concurrently\"")).orElse(false);
        Optional<String> comment = m.get("comment").flatMap(n -> shape.text(n, "\"comment\""));
        return Optional.of(new Index(name, columns, method.orElse(Index.Method.BTREE), unique, include, where, with,
                concurrently, comment, m.pos(), typeNode.map(YNode::pos).orElse(m.pos()),
                m.get("where").map(YNode::pos).orElse(m.pos())));
    }

    /** A mapping of storage parameters to {@link Param}s, values as written (booleans {@code true}/{@code false}). */
    List<Param> params(YNode n, String what) {
        List<Param> out = new ArrayList<>();
        shape.map(n, what).ifPresent(m -> {
            for (YMap.Entry e : m.entries()) {
                shape.scalar(e.value(), "\"" + e.key().text() + "\"")
                        .ifPresent(v -> out.add(new Param(e.key().text(), Shape.valueText(v), e.key().pos())));
            }
        });
        return out;
    }

    private Optional<IndexColumn> column(YNode n) {
        if (n instanceof YMap m) {
            return columnMap(m);
        }
        return shape.scalar(n, "each item of \"columns\"").flatMap(s -> columnText(s.text().trim(), s.pos()));
    }

    private Optional<IndexColumn> columnMap(YMap m) {
        shape.keys(m, COLUMN_KEYS, "index column");
        Optional<String> column = m.get("column").flatMap(c -> shape.text(c, "\"column\""));
        Optional<String> expr = m.get("expression").flatMap(c -> shape.text(c, "\"expression\""));
        if (m.get("column").isPresent() == m.get("expression").isPresent()) {
            shape.diags.error(m.pos(), Code.SG108, "an index column needs exactly one of \"column\" and"
                    + " \"expression\"");
            return Optional.empty();
        }
        Optional<Order> order = m.get("order").flatMap(o -> shape.word(o, "order", ORDERS));
        Optional<Nulls> nulls = m.get("nulls").flatMap(o -> shape.word(o, "nulls", NULLS));
        Optional<YScalar> opclassNode = m.get("opclass").flatMap(o -> shape.scalar(o, "\"opclass\""));
        Optional<String> opclass = opclassNode.map(YScalar::text);
        if (opclassNode.isPresent() && !opclassName(opclass.get(), opclassNode.get().pos())) {
            return Optional.empty();
        }
        if (column.isEmpty() && expr.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IndexColumn(column, expr, order, nulls, opclass, m.pos()));
    }

    /**
     * An operator class is written into the index as given, so it must be a name ({@code text_pattern_ops}, or
     * schema-qualified); SG109 otherwise.
     */
    private boolean opclassName(String name, SourcePos pos) {
        if (!OPCLASS.matcher(name).matches()) {
            shape.diags.error(pos, Code.SG109, "operator class \"" + name + "\" is not a name",
                    "write an operator class such as text_pattern_ops or jsonb_path_ops");
            return false;
        }
        // written bare, a reserved word ends the key ("placed_at where" read WHERE; found by SpecFuzzTest); no
        // operator class is named like one
        String reserved = java.util.Arrays.stream(name.split("\\.")).map(p -> p.toLowerCase(Locale.ROOT))
                .filter(Sql.RESERVED::contains).findFirst().orElse(null);
        if (reserved != null) {
            shape.diags.error(pos, Code.SG109, "operator class \"" + name + "\" is an SQL key word",
                    "write an operator class such as text_pattern_ops; a partial index takes where: of its own");
            return false;
        }
        return true;
    }

    /** {@code col [opclass] [ASC|DESC] [NULLS FIRST|LAST]}, or an expression with parentheses and the same tail. */
    private Optional<IndexColumn> columnText(String text, SourcePos pos) {
        String head;
        String tail;
        boolean expression = text.indexOf('(') >= 0;
        if (expression) {
            int close = text.lastIndexOf(')');
            head = close < 0 ? text : text.substring(0, close + 1);
            tail = close < 0 ? "" : text.substring(close + 1).trim();
        } else {
            int sp = text.indexOf(' ');
            head = sp < 0 ? text : text.substring(0, sp);
            tail = sp < 0 ? "" : text.substring(sp + 1).trim();
        }
        Optional<Order> order = Optional.empty();
        Optional<Nulls> nulls = Optional.empty();
        Optional<String> opclass = Optional.empty();
        String[] words = tail.isEmpty() ? new String[0] : tail.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i].toLowerCase(Locale.ROOT);
            if (ORDERS.containsKey(w) && order.isEmpty()) {
                order = Optional.of(ORDERS.get(w));
            } else if (w.equals("nulls") && i + 1 < words.length && nulls.isEmpty()
                    && NULLS.containsKey(words[i + 1].toLowerCase(Locale.ROOT))) {
                nulls = Optional.of(NULLS.get(words[++i].toLowerCase(Locale.ROOT)));
            } else if (opclass.isEmpty() && order.isEmpty() && nulls.isEmpty() && !w.equals("nulls")) {
                if (!opclassName(words[i], pos)) {
                    return Optional.empty();
                }
                opclass = Optional.of(words[i]);
            } else {
                shape.diags.error(pos, Code.SG109, "unexpected \"" + words[i] + "\" in index column \"" + text
                        + "\"", "write column [opclass] [ASC|DESC] [NULLS FIRST|LAST]");
                return Optional.empty();
            }
        }
        return Optional.of(new IndexColumn(expression ? Optional.empty() : Optional.of(head),
                expression ? Optional.of(head) : Optional.empty(), order, nulls, opclass, pos));
    }
}
