package dev.specgen.check;

import dev.specgen.sql.SqlSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;

/**
 * The parse gate for generated plpgsql functions (JSqlParser has no plpgsql grammar). The frame must be exactly the
 * one specgen emits: {@code CREATE OR REPLACE FUNCTION name(...) RETURNS bigint LANGUAGE plpgsql VOLATILE SECURITY
 * INVOKER SET search_path = pg_catalog, pg_temp AS $tag$ ... $tag$;}, a DECLARE section of plain variables (a
 * boolean may start {@code := true} or {@code := false}), and a
 * body of statements, each of which is one of:
 * <ul>
 * <li>an SQL statement (INSERT, UPDATE, DELETE, SELECT or WITH; {@code PERFORM} is read as SELECT, a trailing
 * {@code INTO vars} is kept): parsed by JSqlParser into that kind;</li>
 * <li>{@code v := expr}, {@code RETURN expr}, {@code IF cond THEN stmt} / {@code END IF}: each expression parsed;</li>
 * <li>{@code RAISE EXCEPTION USING name = expr, ...}: each option's expression parsed;</li>
 * <li>{@code GET DIAGNOSTICS v = ROW_COUNT}, matched exactly.</li>
 * </ul>
 * What it cannot check: that the plpgsql control flow is right, and names (tables, columns, variables). PostgreSQL
 * checks the body's syntax at CREATE FUNCTION, and the generated tests call every function.
 */
final class PlpgsqlCheck {
    private static final Pattern FRAME = Pattern.compile("(?s)^CREATE OR REPLACE FUNCTION [\\w.\"$]+\\((.*?)\\)\n"
            + "RETURNS bigint\nLANGUAGE plpgsql\nVOLATILE\nSECURITY INVOKER\nSET search_path = pg_catalog, pg_temp\n"
            + "(?:SET enable_\\w+ = (?:on|off)\n)*AS \\$(\\w+)\\$\n(.*)\n\\$\\2\\$$");
    private static final Pattern BODY = Pattern.compile("(?s)^#variable_conflict use_variable\nDECLARE\n"
            + "((?: {4}\\w+ [\\w ]+(?: := (?:true|false))?;\n)*)BEGIN\n(.*)\nEND;$");
    private static final Pattern PARAM = Pattern.compile("^\"?\\w+\"? [\\w.\"(), \\[\\]]+?( DEFAULT NULL)?$");
    private static final Pattern IF = Pattern.compile("(?s)^IF (.+?) THEN\\s+(.+)$");
    private static final Pattern ASSIGN = Pattern.compile("(?s)^\\w+ := (.+)$");
    private static final Pattern RETURN = Pattern.compile("(?s)^RETURN (.+)$");
    private static final Pattern RAISE = Pattern.compile("(?s)^RAISE EXCEPTION USING (.+)$");
    private static final Pattern OPTION = Pattern.compile("(?s)^\\s*(ERRCODE|MESSAGE|DETAIL|HINT) = (.+)$");
    private static final Pattern PERFORM = Pattern.compile("(?s)^PERFORM (.+)$");

    /** Parses one piece of SQL; the caller's JSqlParser configuration. */
    interface Parser {
        Statement parse(String sql) throws Exception;
    }

    private final Parser parser;

    PlpgsqlCheck(Parser parser) {
        this.parser = parser;
    }

    /** Why {@code sql} (a rendered function, without leading comment lines) is not acceptable, or empty. */
    Optional<String> problem(String sql) {
        Matcher f = FRAME.matcher(sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql);
        if (!f.matches()) {
            return Optional.of("not of the form CREATE OR REPLACE FUNCTION name(...) RETURNS bigint LANGUAGE plpgsql"
                    + " VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $tag$ ... $tag$");
        }
        for (String p : params(f.group(1))) {
            if (!PARAM.matcher(p).matches()) {
                return Optional.of("parameter \"" + p + "\" is not of the form name type [DEFAULT NULL]");
            }
        }
        Matcher b = BODY.matcher(f.group(3));
        if (!b.matches()) {
            return Optional.of("body is not of the form #variable_conflict use_variable DECLARE ... BEGIN ... END;");
        }
        for (SqlSplitter.Piece piece : SqlSplitter.split(b.group(2))) {
            Optional<String> p = statement(piece.sql().strip());
            if (p.isPresent()) {
                return Optional.of("statement at body line " + piece.line() + ": " + p.get());
            }
        }
        return Optional.empty();
    }

    /** {@code list} split at commas outside parentheses and string literals. */
    private static List<String> params(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder cur = new StringBuilder();
        for (char c : list.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted; // a doubled quote toggles twice
            } else if (c == '(' && !quoted) {
                depth++;
            } else if (c == ')' && !quoted) {
                depth--;
            }
            if (c == ',' && depth == 0 && !quoted) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private Optional<String> statement(String s) {
        String text = ParseCheck.prepare(s);
        Matcher m;
        if (text.equals("END IF") || text.equals("GET DIAGNOSTICS v_rows = ROW_COUNT")) {
            return Optional.empty();
        }
        if ((m = IF.matcher(text)).matches()) {
            String then = m.group(2).strip();
            return expression(m.group(1)).or(() -> statement(then));
        }
        if ((m = ASSIGN.matcher(text)).matches() || (m = RETURN.matcher(text)).matches()) {
            return expression(m.group(1));
        }
        if ((m = RAISE.matcher(text)).matches()) {
            for (String option : params(m.group(1))) {
                Matcher o = OPTION.matcher(option);
                if (!o.matches()) {
                    return Optional.of("RAISE option \"" + option + "\" is not NAME = expression");
                }
                Optional<String> p = expression(o.group(2));
                if (p.isPresent()) {
                    return p;
                }
            }
            return Optional.empty();
        }
        String sql = (m = PERFORM.matcher(text)).matches() ? "SELECT " + m.group(1) : text;
        try {
            Statement st = parser.parse(sql);
            if (st instanceof Insert || st instanceof Delete || st instanceof Update || st instanceof Select) {
                return Optional.empty();
            }
            return Optional.of("parsed as " + st.getClass().getSimpleName() + ", expected an SQL statement");
        } catch (Exception e) {
            return Optional.of(ParseCheck.firstLine(e));
        }
    }

    private Optional<String> expression(String expr) {
        try {
            Statement st = parser.parse("SELECT " + expr);
            return st instanceof Select ? Optional.empty() : Optional.of("not an expression: " + expr);
        } catch (Exception e) {
            return Optional.of(ParseCheck.firstLine(e));
        }
    }
}
