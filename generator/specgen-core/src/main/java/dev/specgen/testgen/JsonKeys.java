package dev.specgen.testgen;

import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.TableConstraint;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The keys a table's own expressions read from one of its json/jsonb columns ({@code claims ->> 'role'} in a
 * generated column, a CHECK): seeded rows carry each of them, or a generated NOT NULL column computed from one, or a
 * CHECK that wants it present, fails on every synthetic row. The value is {@code current_user}: text, and also a
 * valid role, the likeliest reading of a key that an expression casts ({@code ::regrole}).
 */
final class JsonKeys {
    private JsonKeys() {
    }

    /** Keys read from {@code f} with {@code ->>} or {@code ->} and a string constant, sorted. */
    static SortedSet<String> of(Entity e, Field f) {
        List<String> exprs = new ArrayList<>();
        for (Field g : e.fields()) {
            g.generated().ifPresent(exprs::add);
            g.check().ifPresent(exprs::add);
        }
        for (TableConstraint c : e.constraints()) {
            if (c instanceof TableConstraint.Check k) {
                exprs.add(k.expression());
            }
        }
        SortedSet<String> keys = new TreeSet<>();
        for (String sql : exprs) {
            List<Token> t = SqlLexer.significant(sql);
            for (int i = 0; i + 2 < t.size(); i++) {
                String op = t.get(i + 1).text(sql);
                if (Checks.isColumn(f, t.get(i), t.get(i).text(sql)) && t.get(i + 1).kind() == Token.Kind.OPERATOR
                        && (op.equals("->>") || op.equals("->")) && t.get(i + 2).kind() == Token.Kind.STRING) {
                    String lit = t.get(i + 2).text(sql);
                    keys.add(lit.substring(1, lit.length() - 1).replace("''", "'"));
                }
            }
        }
        return keys;
    }

    /** {@code jsonb_build_object('i', {i}, 'role', current_user)} (json_build_object for json). */
    static String seed(Field f, SortedSet<String> keys) {
        StringBuilder b = new StringBuilder(f.type().sql().equals("json") ? "json_build_object" : "jsonb_build_object")
                .append("('i', {i}");
        for (String k : keys) {
            b.append(", ").append(dev.specgen.model.Sql.literal(k)).append(", current_user");
        }
        return b.append(')').toString();
    }
}
