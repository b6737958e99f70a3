package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.SpecModel;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL text that specgen writes into a statement as given (a default, a check, a seed, an index's where and
 * expressions) must be one complete expression (SG221): not blank, quotes and parentheses closed, no empty
 * parentheses other than a function call's ({@code ()}, but {@code now()} is fine), no comment and no {@code ;}. Otherwise
 * it breaks the statement around it ({@code CHECK (x > 0")}), or silently swallows its end ({@code -- ...}).
 * What the expression means is PostgreSQL's business; this is only the lexical frame.
 */
public final class ExpressionRule implements Rule {

    /** What is wrong, and how to fix it. */
    public record Problem(String message, String hint) {
    }

    /** Key words before a {@code (} that make it a group or a list, not a call: {@code n IN ()} is empty too. */
    private static final Set<String> NOT_FUNCTIONS = Set.of("and", "or", "not", "in", "is", "when", "then", "else",
            "between", "like", "ilike", "similar", "exists", "any", "all", "some");
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        for (Field f : e.fields()) {
            String what = "field \"" + f.name() + "\"";
            f.defaultSql().ifPresent(d -> report("default of " + what, "default", d, f.defaultPos(), diags));
            f.check().ifPresent(c -> report("check of " + what, "check", c, f.checkPos(), diags));
            f.seed().ifPresent(c -> report("seed of " + what, "seed", c, f.seedPos(), diags));
        }
        for (Index ix : e.indexes()) {
            ix.where().ifPresent(w -> report("where of " + IndexRule.describe(ix), "where", w, ix.wherePos(), diags));
            for (IndexColumn c : ix.columns()) {
                c.expression().ifPresent(x -> report("expression " + (x.isBlank() ? "" : x + " ") + "of "
                        + IndexRule.describe(ix),
                        "expression", x, c.pos(), diags));
            }
        }
    }

    /**
     * SG221 for blank text, then for the first lexical problem. Blank text would otherwise be dropped ({@code where:
     * ""}) or reach PostgreSQL as {@code CHECK ()}.
     */
    private static void report(String what, String key, String sql, SourcePos pos, Diagnostics diags) {
        if (sql.isBlank()) {
            diags.error(pos, Code.SG221, what + " is empty", "give an SQL expression, or drop " + key + ":");
            return;
        }
        problem(sql).ifPresent(p -> diags.error(pos, Code.SG221, what + " is not a complete SQL expression: "
                + p.message(), p.hint()));
    }

    /** The first lexical problem of {@code sql}, or empty; view queries are held to the same frame. */
    public static Optional<Problem> problem(String sql) {
        int depth = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
            if (c == '\'' || c == '"') {
                boolean escapes = c == '\'' && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
                int end = closing(sql, i, c, escapes);
                if (end < 0) {
                    return Optional.of(c == '\''
                            ? new Problem("a string literal ('...') is not closed",
                                "close the string; a quote inside it is written twice: 'it''s'")
                            : new Problem("a quoted identifier (\"...\") is not closed",
                                "close the \"...\" identifier, or drop the stray \""));
                }
                i = end;
            } else if (c == '$') {
                Matcher m = DOLLAR_TAG.matcher(sql).region(i, sql.length());
                if (m.lookingAt()) {
                    int end = sql.indexOf(m.group(), m.end());
                    if (end < 0) {
                        return Optional.of(new Problem("a dollar-quoted string (" + m.group() + "...) is not closed",
                                "close it with " + m.group()));
                    }
                    i = end + m.group().length() - 1;
                }
            } else if (c == '-' && next == '-' || c == '/' && next == '*') {
                return Optional.of(new Problem("it contains a comment (" + c + next + ")",
                    "drop the comment: the expression is written into a statement, and a comment would swallow its"
                            + " end"));
            } else if (c == ';') {
                return Optional.of(new Problem("it contains ';'", "an expression cannot end the statement; drop ';'"));
            } else if (c == '(') {
                int empty = emptyGroup(sql, i);
                if (empty > 0) {
                    return Optional.of(new Problem("the parentheses " + sql.substring(i, empty + 1)
                            + " hold no expression",
                            "write an expression inside them, or drop them; only a function call has empty"
                                    + " parentheses: now()"));
                }
                depth++;
            } else if (c == ')' && --depth < 0) {
                return Optional.of(new Problem("a ')' has no '('", "balance the parentheses"));
            }
        }
        if (depth > 0) {
            return Optional.of(new Problem(depth == 1 ? "a '(' is not closed" : depth + " '(' are not closed",
                "balance the parentheses"));
        }
        return Optional.empty();
    }

    /**
     * The index of the {@code )} when the {@code (} at {@code open} closes with nothing but blanks inside and is not a function call's
     * ({@code now()}, {@code "f" ()}): {@code ()} and {@code (( ))} reach PostgreSQL as {@code CHECK (())}, a syntax
     * error. -1 otherwise.
     */
    private static int emptyGroup(String sql, int open) {
        int j = open + 1;
        while (j < sql.length() && Character.isWhitespace(sql.charAt(j))) {
            j++;
        }
        if (j >= sql.length() || sql.charAt(j) != ')') {
            return -1;
        }
        int k = open - 1;
        while (k >= 0 && Character.isWhitespace(sql.charAt(k))) {
            k--;
        }
        int w = k;
        while (w >= 0 && (Character.isLetterOrDigit(sql.charAt(w)) || sql.charAt(w) == '_')) {
            w--;
        }
        String word = sql.substring(w + 1, k + 1).toLowerCase(Locale.ROOT);
        boolean call = k >= 0 && sql.charAt(k) == '"' || !word.isEmpty() && !Character.isDigit(word.charAt(0))
                && !NOT_FUNCTIONS.contains(word);
        return call ? -1 : j;
    }

    /** Index of the quote closing the one at {@code open} (doubled quotes and, in E'...', backslashes escape). */
    private static int closing(String sql, int open, char quote, boolean backslashEscapes) {
        for (int j = open + 1; j < sql.length(); j++) {
            char c = sql.charAt(j);
            if (backslashEscapes && c == '\\') {
                j++;
            } else if (c == quote) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                    j++;
                } else {
                    return j;
                }
            }
        }
        return -1;
    }
}
