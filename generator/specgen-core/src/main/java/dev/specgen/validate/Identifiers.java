package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;

/**
 * The one check for names that become SQL identifiers (SG212), shared by the model builder (schema and table
 * names, where it knows their exact position) and {@link NameRule} (fields, indexes, enums, actions, views).
 * Lower-case snake_case names pass; key words that are not "unreserved" ({@link Sql#RESERVED}) pass with a
 * warning (specgen quotes them); anything else is an error, because a quoted mixed-case name has to be quoted in
 * every query ever written against it.
 */
public final class Identifiers {
    /** What {@code identifiers: exact} takes as written: an identifier's characters, capitals included. */
    private static final java.util.regex.Pattern EXACT = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private Identifiers() {
    }

    /**
     * Reports SG212 for {@code name}; {@code kind} names the thing in the message ({@code field}, {@code index},
     * {@code table}...). Returns true when the name can be written bare.
     */
    public static boolean check(String kind, String name, SourcePos pos, Diagnostics diags) {
        return check(kind, name, pos, diags, false);
    }

    /**
     * {@link #check(String, String, SourcePos, Diagnostics)}; with {@code exact} ({@code identifiers: exact}) a
     * name of letters, digits and underscores with capitals passes too (written quoted), with no diagnostic: the
     * spec asked for it, and true is returned as for a plain name (length and clash checks go on).
     */
    public static boolean check(String kind, String name, SourcePos pos, Diagnostics diags, boolean exact) {
        if (Sql.isSimple(name)) {
            return true;
        }
        if (exact && EXACT.matcher(name).matches() && !Sql.RESERVED.contains(name)) {
            return true;
        }
        if (Sql.COLUMN_NAME_KEYWORDS.contains(name)) {
            diags.warning(pos, Code.SG212, kind + " name \"" + name + "\" is a key word in PostgreSQL",
                    "specgen quotes it (\"" + name + "\") in generated SQL, as quote_ident() does; it cannot be"
                            + " written bare as a type or function name (or their schema); consider another name");
            return false;
        }
        if (Sql.RESERVED.contains(name)) {
            diags.warning(pos, Code.SG212, kind + " name \"" + name + "\" is a reserved word in PostgreSQL",
                    "specgen quotes it (\"" + name + "\") in generated SQL, and hand-written queries must quote it"
                            + " too; consider another name");
            return false;
        }
        String snake = Sql.snakeCase(name);
        String hint = isLowerIdent(snake) && !snake.equals(name)
                ? "use \"" + snake + "\""
                : "use lower-case letters, digits and underscores, starting with a letter or underscore";
        diags.error(pos, Code.SG212, kind + " name \"" + name + "\" is not a lower-case SQL identifier", hint);
        return false;
    }

    /**
     * SG227 for a schema PostgreSQL keeps for itself: {@code pg_*} (it refuses {@code CREATE SCHEMA pg_x}; pg_catalog,
     * pg_temp and pg_toast are the system's) and {@code information_schema} (exists in every database, so specgen's
     * {@code CREATE SCHEMA IF NOT EXISTS} would do nothing and the tables would land among the system views).
     */
    public static void checkSchema(String name, SourcePos pos, Diagnostics diags) {
        if (name.startsWith("pg_") || name.equals("information_schema")) {
            diags.error(pos, Code.SG227, "schema " + name + " is reserved by PostgreSQL" + (name.startsWith("pg_")
                    ? " (names starting with pg_ are for system schemas)" : " (the SQL-standard system views)"),
                    "choose another schema name");
        }
    }

    /** Lower-case snake_case: bare-writable or a reserved word. */
    static boolean isLowerIdent(String name) {
        return Sql.isSimple(name) || Sql.RESERVED.contains(name);
    }

    /** Reports SG211 when {@code name} is over 63 bytes; {@code fix} is the hint. */
    public static boolean checkLength(String kind, String name, SourcePos pos, String fix, Diagnostics diags) {
        int bytes = Sql.byteLength(name);
        if (bytes <= Sql.MAX_IDENT_BYTES) {
            return true;
        }
        diags.error(pos, Code.SG211, kind + " name \"" + name + "\" is " + bytes + " bytes; PostgreSQL identifiers"
                + " are at most 63 bytes", fix);
        return false;
    }
}
