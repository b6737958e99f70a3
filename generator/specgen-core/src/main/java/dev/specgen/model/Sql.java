package dev.specgen.model;

import dev.specgen.diag.Printable;
import dev.specgen.sql.Keywords;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Identifier and literal spelling for PostgreSQL. Templates never quote; they receive text made here. */
public final class Sql {
    private Sql() {
    }

    private static final Pattern SIMPLE = Pattern.compile("[a-z_][a-z0-9_$]*");

    /**
     * PostgreSQL "non-reserved (cannot be function or type)" key words ({@link Keywords#COLUMN_NAME}): fine as
     * column names, but not as a type or function name, so a schema named {@code time} breaks
     * {@code time.status_enum}. specgen quotes them, as {@code quote_ident()} does.
     */
    public static final Set<String> COLUMN_NAME_KEYWORDS = Keywords.COLUMN_NAME;

    /**
     * Every PostgreSQL key word that is not "unreserved", i.e. exactly the words {@code quote_ident()} quotes
     * ({@link Keywords#NOT_UNRESERVED}). These are never written bare.
     */
    public static final Set<String> RESERVED = Keywords.NOT_UNRESERVED;

    /** True when {@code name} can be written bare: lower case, no special characters, not in {@link #RESERVED}. */
    public static boolean isSimple(String name) {
        return simpleShape(name) && !RESERVED.contains(name);
    }

    /** {@link #SIMPLE} without a regular expression: this runs for every name of every statement. */
    private static boolean simpleShape(String name) {
        if (name.isEmpty()) {
            return false;
        }
        char c0 = name.charAt(0);
        if (!(c0 >= 'a' && c0 <= 'z' || c0 == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$')) {
                return false;
            }
        }
        return true;
    }

    /** {@code name} bare when simple, otherwise double-quoted with embedded quotes doubled. */
    public static String ident(String name) {
        if (isSimple(name)) {
            return name;
        }
        return enclosed('"', name.replace("\"", "\"\""));
    }

    /** {@code schema.name}, each part quoted when needed. */
    public static String qualified(String schema, String name) {
        String s = ident(schema);
        String n = ident(name);
        return new StringBuilder(s.length() + 1 + n.length()).append(s).append('.').append(n).toString();
    }

    /**
     * {@code quote + text + quote} in a buffer of the right size: this project compiles {@code +} to a StringBuilder
     * of 16 characters ({@code -XDstringConcat=inline}, for start-up), which grows by copies for any longer text, and
     * quoting runs for most names and literals of every statement (issue 12).
     */
    private static String enclosed(char quote, String text) {
        return new StringBuilder(text.length() + 2).append(quote).append(text).append(quote).toString();
    }

    /**
     * A string literal that means {@code text} whatever the session's standard_conforming_strings says:
     * {@code 'it''s'}; when the text holds a backslash, or a control or format character other than newline and tab,
     * {@code E'...'} with backslashes doubled and those characters written as escapes (a backslash, {@code u} and
     * four hex digits), so that nothing invisible reaches the generated file either: {@code E'C:\\dir'}.
     */
    public static String literal(String text) {
        boolean escape = false;
        for (int i = 0; i < text.length() && !escape; ) {
            int cp = text.codePointAt(i);
            escape = cp == '\\' || (cp < 0x20 || cp >= 0x7F) && needsEscape(cp);
            i += Character.charCount(cp);
        }
        if (!escape) {
            return enclosed('\'', text.indexOf('\'') < 0 ? text : text.replace("'", "''"));
        }
        StringBuilder b = new StringBuilder("E'");
        text.codePoints().forEach(cp -> {
            if (cp == '\'') {
                b.append("''");
            } else if (cp == '\\') {
                b.append("\\\\");
            } else if (cp != '\n' && cp != '\t' && Printable.isInvisible(cp)) {
                b.append(String.format(Locale.ROOT, cp > 0xFFFF ? "\\U%08X" : "\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.append('\'').toString();
    }

    /**
     * The text a literal made by {@link #literal} stands for ({@code 'it''s'} -> {@code it's}, {@code E'a\\b'} ->
     * {@code a\b}); any other text as it is.
     */
    private static boolean needsEscape(int cp) {
        return cp != '\n' && cp != '\t' && Printable.isInvisible(cp);
    }

    public static String unliteral(String sql) {
        if (sql.length() >= 2 && sql.startsWith("'") && sql.endsWith("'")) {
            return sql.substring(1, sql.length() - 1).replace("''", "'");
        }
        if (sql.length() < 3 || !sql.startsWith("E'") || !sql.endsWith("'")) {
            return sql;
        }
        String body = sql.substring(2, sql.length() - 1);
        StringBuilder b = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                b.append('\'');
                i++;
            } else if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '\\') {
                b.append('\\');
                i++;
            } else if (c == '\\' && i + 6 <= body.length() && body.charAt(i + 1) == 'u') {
                b.appendCodePoint(Integer.parseInt(body.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && i + 10 <= body.length() && body.charAt(i + 1) == 'U') {
                b.appendCodePoint(Integer.parseInt(body.substring(i + 2, i + 10), 16));
                i += 9;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code SalesTransaction} -> {@code sales_transaction}; {@code HTTPLog} -> {@code http_log}. */
    public static String snakeCase(String name) {
        String s = name.replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2").replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        return s.replace('-', '_').replace(' ', '_').toLowerCase(Locale.ROOT);
    }

    /** Length in bytes as PostgreSQL counts identifiers (NAMEDATALEN - 1 = 63). */
    public static int byteLength(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    public static final int MAX_IDENT_BYTES = 63;

    /**
     * A dollar-quote tag ({@code specgen}, else {@code specgen1}, ...) that does not occur in {@code body}, so the
     * body cannot end the quoted string early (an enum label {@code $specgen$} would).
     */
    public static String dollarTag(String body) {
        return dollarTag(tag -> fitsDollarTag(body, tag));
    }

    /** The first of {@code specgen}, {@code specgen1}, {@code specgen2} ... that {@code fits}. */
    public static String dollarTag(java.util.function.Predicate<String> fits) {
        String tag = "specgen";
        for (int i = 1; !fits.test(tag); i++) {
            tag = "specgen" + i;
        }
        return tag;
    }

    /** {@code $tag$body$tag$} ends at its last character: no {@code $tag$} inside, nor one begun by its end. */
    public static boolean fitsDollarTag(String body, String tag) {
        String delimiter = "$" + tag + "$";
        return (body + delimiter).indexOf(delimiter) == body.length();
    }

    /** {@code $tag$body$tag$} with the {@link #dollarTag} of {@code body}. */
    public static String dollarQuoted(String body) {
        String tag = dollarTag(body);
        return "$" + tag + "$" + body + "$" + tag + "$";
    }
}
