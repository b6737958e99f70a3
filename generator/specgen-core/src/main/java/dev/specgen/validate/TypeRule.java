package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.FieldType.Traits;
import dev.specgen.model.Sql;
import dev.specgen.model.SpecModel;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Type parameters (SG219: numeric precision and scale, varchar/char length, enum values), identity columns (SG225:
 * integer types only, never nullable) and defaults that cannot work (SG221, at the default value: on identity
 * columns, literals of the wrong kind, enum labels that do not exist, and bare words, which SQL reads as column
 * references: {@code default: pending} for {@code 'pending'}, {@code default: yes} for {@code true}).
 */
final class TypeRule implements Rule {

    static final int MAX_LENGTH = 10485760;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** An SQL identifier: as a default, a column reference (which PostgreSQL rejects there). */
    private static final Pattern BARE_WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    /**
     * Key words that are values, so fine bare in DEFAULT. Not system_user: a value only from PostgreSQL 16 on, a
     * column reference before; write {@code default: (system_user)} there.
     */
    static final Set<String> VALUE_WORDS = Set.of("true", "false", "null", "current_timestamp", "current_date",
            "current_time", "localtime", "localtimestamp", "current_user", "session_user", "current_role", "user",
            "current_catalog", "current_schema");
    private static final Set<String> YAML11_TRUE = Set.of("yes", "y", "on");
    private static final Set<String> YAML11_FALSE = Set.of("no", "n", "off");

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        for (Field f : e.fields()) {
            checkType(f, f.type(), diags);
            checkIdentity(e, f, diags);
            f.defaultSql().ifPresent(d -> checkDefault(f, d, diags));
        }
    }

    private static void checkType(Field f, FieldType t, Diagnostics diags) {
        if (t instanceof FieldType.Numeric n && n.precision().isPresent()) {
            int p = n.precision().get();
            if (p < 1 || p > 1000) {
                diags.error(f.typePos(), Code.SG219, "numeric precision must be from 1 to 1000, found " + p);
            } else {
                n.scale().filter(s -> s < 0 || s > p).ifPresent(s -> diags.error(f.typePos(), Code.SG219,
                        "numeric scale must be from 0 to the precision " + p + ", found " + s));
            }
        } else if (t instanceof FieldType.Sized s && (s.length() < 1 || s.length() > MAX_LENGTH)) {
            diags.error(f.typePos(), Code.SG219, s.base() + " length must be from 1 to " + MAX_LENGTH + ", found "
                    + s.length(), s.length() > MAX_LENGTH ? "use text for long values" : null);
        } else if (t instanceof FieldType.Array a) {
            checkType(f, a.element(), diags);
        } else if (t instanceof FieldType.Enum en) {
            checkEnum(f, en, diags);
        }
    }

    private static void checkEnum(Field f, FieldType.Enum en, Diagnostics diags) {
        if (en.values().isEmpty()) {
            diags.error(f.typePos(), Code.SG219, "enum field \"" + f.name() + "\" has no values",
                    "list them: enum(a, b, c), or type: enum with values: [a, b, c]");
        }
        Set<String> seen = new HashSet<>();
        for (String v : en.values()) {
            if (!seen.add(v)) {
                diags.error(f.typePos(), Code.SG219, "enum value \"" + v + "\" appears twice in field \""
                        + f.name() + "\"");
            }
            if (Sql.byteLength(v) > Sql.MAX_IDENT_BYTES) {
                diags.error(f.typePos(), Code.SG219, "enum value \"" + v + "\" is " + Sql.byteLength(v)
                        + " bytes; PostgreSQL enum labels are at most 63 bytes");
            }
        }
    }

    private static void checkIdentity(Entity e, Field f, Diagnostics diags) {
        boolean inPk = f.primaryKey() || e.primaryKey().stream().anyMatch(k -> k.name().equals(f.name()));
        if (f.nullableExplicit() && f.nullable() && inPk) {
            diags.error(f.pos(), Code.SG225, "primary key column \"" + f.name() + "\" cannot be nullable",
                    "drop nullable: true; primary key columns are always NOT NULL");
        }
        if (f.identity() == Field.Identity.NONE) {
            return;
        }
        if (!f.type().has(Traits.INTEGER)) {
            diags.error(f.typePos(), Code.SG225, "identity column \"" + f.name() + "\" must be smallint, integer"
                    + " or bigint, found " + f.type().sql(), "use type: bigint for identity columns");
        }
        if (f.nullableExplicit() && f.nullable() && !inPk) {
            diags.error(f.pos(), Code.SG225, "identity column \"" + f.name() + "\" cannot be nullable",
                    "drop nullable: true; identity columns are always NOT NULL");
        }
        if (f.defaultSql().isPresent()) {
            diags.error(f.defaultPos(), Code.SG221, "identity column \"" + f.name() + "\" cannot have a default",
                    "drop default: or identity:");
        }
    }

    private static void checkDefault(Field f, String d, Diagnostics diags) {
        String sql = d.trim();
        FieldType t = f.type();
        SourcePos pos = f.defaultPos();
        if (sql.isEmpty()) {
            return; // ExpressionRule reports it, with the other expressions that are empty
        }
        if (BARE_WORD.matcher(sql).matches() && !VALUE_WORDS.contains(sql.toLowerCase(Locale.ROOT))) {
            bareWord(f, sql, diags);
            return;
        }
        boolean number = NUMBER.matcher(sql).matches();
        boolean bool = sql.equalsIgnoreCase("true") || sql.equalsIgnoreCase("false");
        boolean numericType = t.has(Traits.INTEGER) || t instanceof FieldType.Numeric
                || t instanceof FieldType.Simple s && (s.kind() == FieldType.Kind.REAL
                        || s.kind() == FieldType.Kind.DOUBLE || s.kind() == FieldType.Kind.MONEY);
        boolean boolType = t.is(FieldType.Kind.BOOLEAN);
        if ((number && !numericType && !t.isText()) || (bool && !boolType && !t.isText())) {
            diags.error(pos, Code.SG221, "default " + sql + " does not fit field \"" + f.name() + "\" of type "
                    + t.sql());
        } else if (t instanceof FieldType.Enum en && !en.values().isEmpty() && sql.length() >= 2
                && sql.startsWith("'") && sql.endsWith("'")) {
            String label = sql.substring(1, sql.length() - 1).replace("''", "'");
            if (!en.values().contains(label)) {
                diags.error(pos, Code.SG221, "default " + sql + " is not a value of enum field \"" + f.name()
                        + "\"" + Suggest.didYouMean(label, en.values()), "values: " + String.join(", ", en.values()));
            }
        }
    }

    /**
     * A bare word ({@code default: pending}) is a column reference in SQL, which PostgreSQL rejects in DEFAULT
     * ("cannot use column reference in DEFAULT expression"). The usual intent is a literal: quoted text, an enum
     * label, or a YAML 1.1 boolean ({@code yes}) meant as {@code true}.
     */
    private static void bareWord(Field f, String word, Diagnostics diags) {
        FieldType t = f.type();
        String message = "default " + word + " of field \"" + f.name() + "\" reads as a column name in SQL";
        String hint;
        if (word.equalsIgnoreCase("system_user")) {
            hint = "system_user is a value only from PostgreSQL 16 on; there, write default: (system_user)";
        } else if (t instanceof FieldType.Enum en && en.values().contains(word)) {
            hint = "quote the label: default: \"" + Sql.literal(word) + "\"";
        } else if (t instanceof FieldType.Enum en && !en.values().isEmpty()) {
            message += Suggest.didYouMean(word, en.values());
            String example = Suggest.closest(word, en.values()).orElse(en.values().get(0));
            hint = "quote one of the labels: default: \"" + Sql.literal(example) + "\" (values: "
                    + String.join(", ", en.values()) + ")";
        } else if (t.is(FieldType.Kind.BOOLEAN)) {
            String lower = word.toLowerCase(Locale.ROOT);
            hint = YAML11_TRUE.contains(lower) ? "write default: true (YAML 1.2 reads " + word + " as the string \""
                    + word + "\", not a boolean)" : YAML11_FALSE.contains(lower) ? "write default: false (YAML 1.2"
                    + " reads " + word + " as the string \"" + word + "\", not a boolean)"
                    : "write default: true or default: false";
        } else if (t.isText()) {
            hint = "quote the text: default: \"" + Sql.literal(word) + "\"";
        } else if (t.has(Traits.TEMPORAL) || t.is(FieldType.Kind.TIME) || t.is(FieldType.Kind.TIMETZ)) {
            // not 'now': a quoted literal is read once, when the table is created
            hint = "write an expression such as now(), current_date or current_timestamp, or a quoted literal";
        } else {
            hint = "write an SQL literal or expression; quoted text is a literal: default: \"" + Sql.literal(word)
                    + "\"";
        }
        diags.error(f.defaultPos(), Code.SG221, message, hint);
    }
}
