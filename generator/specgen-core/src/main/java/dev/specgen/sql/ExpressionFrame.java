package dev.specgen.sql;

import dev.specgen.diag.Printable;
import dev.specgen.sql.Token.Kind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether SQL text from a spec is exactly one expression, by its tokens ({@link SqlLexer}). specgen writes
 * such text into statements as given: {@code CHECK (<expr>)}, {@code DEFAULT <expr>}, {@code WHERE <expr>}, an
 * index key {@code (<expr>)}, a seed value {@code (<expr>)} of the generated tests; and the same files run under
 * psql. What the expression means is PostgreSQL's to judge; this judges the frame, so that the text can neither
 * end the statement around it nor continue it:
 *
 * <ul>
 *   <li>every string, quoted identifier, dollar quote closed; no comment, no {@code ;};</li>
 *   <li>parentheses and brackets balanced and matched; no empty parentheses but a call's ({@code now()});</li>
 *   <li>outside parentheses: no {@code ,} and no reserved key word that cannot continue an expression
 *       ({@code SELECT}, {@code FROM}, {@code AS}, {@code CONSTRAINT}, {@code PRIMARY}, {@code DEFAULT},
 *       ...);</li>
 *   <li>in a column default, which PostgreSQL reads up to the next column constraint, also no {@code NOT},
 *       {@code NULL}, {@code COLLATE} or {@code GENERATED} after a value ({@code 0 NOT NULL} would make the column
 *       NOT NULL);</li>
 *   <li>nothing whose meaning depends on a session setting: no backslash in a {@code '...'} string (it escapes
 *       when standard_conforming_strings is off), no {@code U&'...'} string (refused then);</li>
 *   <li>nothing psql would act on: no {@code \} outside strings (a meta-command: {@code \!} runs a shell command)
 *       and no {@code :name}, {@code :'name'} (a variable);</li>
 *   <li>no invisible or control characters (other than tab and line breaks), which a reviewer cannot see.</li>
 * </ul>
 */
public final class ExpressionFrame {

    /** Where the expression goes. */
    public enum Context {
        /** Inside parentheses, or last in its statement: CHECK, WHERE, index key, seed value. */
        EXPRESSION,
        /** {@code DEFAULT <expr>} in a column definition, followed by the column's constraints. */
        COLUMN_DEFAULT
    }

    /** What is wrong, and how to fix it. */
    public record Problem(String message, String hint) {
    }

    /** Key words before a {@code (} that make it a group or a list, not a call: {@code n IN ()} is empty too. */
    private static final Set<String> NOT_FUNCTIONS = Set.of("and", "or", "not", "in", "is", "when", "then", "else",
            "between", "like", "ilike", "similar", "exists", "any", "all", "some");

    /** Reserved key words that continue an expression outside parentheses (the others never do). */
    private static final Set<String> EXPRESSION_WORDS = Set.of("all", "and", "any", "array", "asymmetric", "case",
            "cast", "collate", "current_catalog", "current_date", "current_role", "current_time",
            "current_timestamp", "current_user", "else", "end", "false", "in", "localtime", "localtimestamp", "not",
            "null", "or", "session_user", "some", "symmetric", "system_user", "then", "to", "true", "user", "when");

    /** Words after which a default's value is still to come, so NULL and NOT there are part of it. */
    private static final Set<String> EXPECTS_OPERAND = Set.of("and", "or", "not", "is", "from", "case", "when",
            "then", "else", "in", "like", "ilike", "similar", "between", "symmetric", "asymmetric", "escape", "to",
            "distinct", "any", "all", "some", "array", "cast", "overlaps");

    private static final String QUOTE_HINT = "close the string; a quote inside it is written twice: 'it''s'";
    private static final String BALANCE = "balance the parentheses";
    private static final String PAREN_HINT = "write an expression inside them, or drop them; only a function call"
            + " has empty parentheses: now()";

    private final String sql;
    private final List<Token> tokens;
    private final Context context;
    private final Deque<Token> open = new ArrayDeque<>();
    /** Index in {@link #tokens} of the significant token before each open parenthesis, -1 for none. */
    private final Deque<Integer> beforeOpen = new ArrayDeque<>();
    private int caseDepth;
    private int prevIndex = -1;

    private ExpressionFrame(String sql, Context context) {
        this.sql = sql;
        this.tokens = SqlLexer.tokens(sql);
        this.context = context;
    }

    /** The first problem of {@code sql} as an expression written into {@code context}, or empty. */
    public static Optional<Problem> problem(String sql, Context context) {
        Optional<Problem> invisible = invisible(sql);
        return invisible.isPresent() ? invisible : new ExpressionFrame(sql, context).scan();
    }

    private Optional<Problem> scan() {
        Token prev = null;
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.kind() == Kind.WHITESPACE) {
                continue;
            }
            Optional<Problem> p = lexical(t).or(() -> structural(t));
            if (p.isEmpty() && t.kind() == Kind.IDENTIFIER && open.isEmpty()) {
                p = keyword(t, prev, k);
            }
            if (p.isPresent()) {
                return p;
            }
            if (t.kind() == Kind.OPEN_PAREN) {
                open.push(t);
                beforeOpen.push(prevIndex);
            }
            prev = t;
            prevIndex = k;
        }
        return unclosed();
    }

    /** Problems a single token has on its own. */
    private Optional<Problem> lexical(Token t) {
        String text = t.text(sql);
        switch (t.kind()) {
            case LINE_COMMENT, BLOCK_COMMENT:
                return problem("it contains a comment (" + text.substring(0, 2) + ")", "drop the comment: the"
                        + " expression is written into a statement, and a comment would swallow its end");
            case SEMICOLON:
                return problem("it contains ';'", "an expression cannot end the statement; drop ';'");
            case STRING:
                if (!t.complete()) {
                    return problem("a string literal ('...') is not closed", QUOTE_HINT);
                }
                return text.indexOf('\\') < 0 ? Optional.empty() : problem("the string " + shorten(text)
                        + " holds a backslash, which escapes the next character when standard_conforming_strings"
                        + " is off", "write it as E'...' with each backslash doubled (E'a\\\\d'), or as $$...$$:"
                        + " then it means the same under every setting");
            case ESCAPE_STRING, BIT_STRING, HEX_STRING:
                return t.complete() ? Optional.empty()
                        : problem("a string literal ('...') is not closed", QUOTE_HINT);
            case UNICODE_STRING:
                return !t.complete() ? problem("a string literal ('...') is not closed", QUOTE_HINT)
                        : problem("U&'...' strings are refused when standard_conforming_strings is off",
                                "write the characters as E'...' escapes instead: E'\\u00e9'");
            case QUOTED_IDENTIFIER:
                if (!t.complete()) {
                    return problem("a quoted identifier (\"...\") is not closed",
                            "close the \"...\" identifier, or drop the stray \"");
                }
                return text.equals("\"\"") || text.equalsIgnoreCase("U&\"\"")
                        ? problem("a quoted identifier is empty (\"\")", "PostgreSQL has no empty names; drop the"
                                + " \"\"") : Optional.empty();
            case DOLLAR_STRING:
                if (!t.complete()) {
                    String tag = text.substring(0, text.indexOf('$', 1) + 1);
                    return problem("a dollar-quoted string (" + tag + "...) is not closed", "close it with " + tag);
                }
                return Optional.empty();
            case OTHER:
                return other(text);
            case COLON:
                return psqlVariable(t);
            default:
                return Optional.empty();
        }
    }

    private static Optional<Problem> other(String text) {
        if (text.equals("\\")) {
            return problem("it contains '\\' outside a string", "psql reads a backslash as the start of a"
                    + " meta-command (\\! runs a shell command); a backslash belongs inside E'...'");
        }
        if (text.equals("$")) {
            return problem("a '$' starts neither a dollar quote ($tag$...$tag$) nor a parameter",
                    "quote the text: '$' or $$...$$");
        }
        return problem("character '" + text + "' is not SQL here", "drop it, or put it inside a string");
    }

    /** psql substitutes {@code :name}, {@code :'name'}, {@code :"name"} (and tests {@code :{?name}}). */
    private Optional<Problem> psqlVariable(Token colon) {
        if (colon.end() >= sql.length()) {
            return Optional.empty();
        }
        char c = sql.charAt(colon.end());
        if (SqlLexer.isIdentStart(c) || c == '\'' || c == '"' || c == '{') {
            int end = colon.end() + 1;
            if (c == '\'' || c == '"' || c == '{') {
                int close = sql.indexOf(c == '{' ? '}' : c, end);
                end = close < 0 ? sql.length() : close + 1;
            } else {
                while (end < sql.length() && SqlLexer.isIdentPart(sql.charAt(end))) {
                    end++;
                }
            }
            return problem("psql would read " + shorten(sql.substring(colon.start(), end)) + " as a variable",
                    "write a space after ':' (a[1: n])");
        }
        return Optional.empty();
    }

    /** Parentheses, brackets and commas. */
    private Optional<Problem> structural(Token t) {
        switch (t.kind()) {
            case OPEN_BRACKET:
                open.push(t);
                beforeOpen.push(prevIndex);
                return Optional.empty();
            case CLOSE_PAREN, CLOSE_BRACKET:
                return close(t);
            case COMMA:
                return open.isEmpty() ? problem("',' outside parentheses makes it more than one expression",
                        "write one expression; a ',' belongs inside parentheses: f(a, b), ARRAY[a, b]")
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private Optional<Problem> close(Token t) {
        boolean paren = t.kind() == Kind.CLOSE_PAREN;
        if (open.isEmpty()) {
            return paren ? problem("a ')' has no '('", BALANCE) : problem("a ']' has no '['", BALANCE);
        }
        Token o = open.pop();
        int before = beforeOpen.pop();
        if (paren != (o.kind() == Kind.OPEN_PAREN)) {
            return problem("a '" + t.text(sql) + "' closes a '" + o.text(sql) + "'",
                    "balance the parentheses and brackets");
        }
        if (paren && prevIndex >= 0 && tokens.get(prevIndex) == o && !isCall(before)) {
            return problem("the parentheses " + sql.substring(o.start(), t.end()) + " hold no expression",
                    PAREN_HINT);
        }
        return Optional.empty();
    }

    /** A {@code (} right after a function name ({@code now()}, {@code "f" ()}) rather than a group or a list. */
    private boolean isCall(int beforeIndex) {
        if (beforeIndex < 0) {
            return false;
        }
        Token before = tokens.get(beforeIndex);
        if (before.kind() == Kind.QUOTED_IDENTIFIER) {
            return true;
        }
        return before.kind() == Kind.IDENTIFIER
                && !NOT_FUNCTIONS.contains(before.text(sql).toLowerCase(Locale.ROOT));
    }

    /** A key word outside parentheses that ends the expression, or (in a default) starts a column constraint. */
    private Optional<Problem> keyword(Token t, Token prev, int k) {
        String w = t.text(sql).toLowerCase(Locale.ROOT);
        String prevWord = prev != null && prev.kind() == Kind.IDENTIFIER ? prev.text(sql).toLowerCase(Locale.ROOT)
                : "";
        if (w.equals("case")) {
            caseDepth++;
        } else if (w.equals("end") && caseDepth > 0) {
            caseDepth--;
        }
        boolean allowed = !Keywords.RESERVED.contains(w) || EXPRESSION_WORDS.contains(w)
                || w.equals("distinct") && (prevWord.equals("is") || prevWord.equals("not"))
                || w.equals("from") && prevWord.equals("distinct")
                || w.equals("group") && prevWord.equals("within")
                || w.equals("with") && nextSignificant(k).filter(n -> n.is(sql, "time")).isPresent();
        if (!allowed) {
            return problem("the key word " + w.toUpperCase(Locale.ROOT) + " cannot stand outside parentheses in"
                    + " an expression", "it would continue the statement the expression is written into; a"
                    + " subquery goes in parentheses: (SELECT ...)");
        }
        if (context == Context.COLUMN_DEFAULT && caseDepth == 0 && !w.equals("end")) {
            boolean afterValue = prev != null && endsValue(prev);
            if (w.equals("collate") || w.equals("generated") || (w.equals("not") || w.equals("null")) && afterValue) {
                String word = w.toUpperCase(Locale.ROOT);
                return problem(word + " after the value would be read as a column constraint, not as part of the"
                        + " default", "put the whole default in parentheses; nullable: and the other field"
                        + " settings make constraints");
            }
        }
        return Optional.empty();
    }

    /** True when {@code t} completes an operand, so that a following word cannot be part of the same value. */
    private boolean endsValue(Token t) {
        return switch (t.kind()) {
            case IDENTIFIER -> !EXPECTS_OPERAND.contains(t.text(sql).toLowerCase(Locale.ROOT));
            case QUOTED_IDENTIFIER, STRING, ESCAPE_STRING, UNICODE_STRING, BIT_STRING, HEX_STRING, DOLLAR_STRING,
                    NUMBER, PARAMETER, CLOSE_PAREN, CLOSE_BRACKET -> true;
            default -> false;
        };
    }

    private Optional<Problem> unclosed() {
        if (open.isEmpty()) {
            return Optional.empty();
        }
        long parens = open.stream().filter(o -> o.kind() == Kind.OPEN_PAREN).count();
        long brackets = open.size() - parens;
        String what = brackets == 0 ? count(parens, "(") : parens == 0 ? count(brackets, "[")
                : count(parens, "(") + " and " + count(brackets, "[");
        boolean one = open.size() == 1;
        return problem(what + (one ? " is not closed" : " are not closed"),
                brackets == 0 ? BALANCE : "balance the parentheses and brackets");
    }

    private static String count(long n, String what) {
        return (n == 1 ? "a" : Long.toString(n)) + " '" + what + "'";
    }

    private Optional<Token> nextSignificant(int k) {
        for (int j = k + 1; j < tokens.size(); j++) {
            if (!tokens.get(j).kind().isBlank()) {
                return Optional.of(tokens.get(j));
            }
        }
        return Optional.empty();
    }

    /**
     * Control and format characters other than tab and line breaks (ESC, U+2028, bidi controls such as U+202E):
     * they change what a terminal or an editor shows, so a reviewer would not read what PostgreSQL runs.
     */
    static Optional<Problem> invisible(String sql) {
        for (int i = 0; i < sql.length(); i = sql.offsetByCodePoints(i, 1)) {
            int cp = sql.codePointAt(i);
            if (cp != '\t' && cp != '\n' && cp != '\r' && Printable.isInvisible(cp)) {
                String u = String.format(Locale.ROOT, "%04X", cp);
                return problem("it contains the invisible character U+" + u, "write it as an escape inside an"
                        + " E'...' string (E'\\u" + u + "'), or drop it");
            }
        }
        return Optional.empty();
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static Optional<Problem> problem(String message, String hint) {
        return Optional.of(new Problem(message, hint));
    }
}
