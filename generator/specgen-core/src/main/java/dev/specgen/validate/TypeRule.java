package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.FieldType.Traits;
import dev.specgen.model.Sql;
import dev.specgen.model.SpecModel;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Type parameters (SG219: numeric precision and scale, varchar/char length, enum values), identity columns (SG225:
 * integer types only, never nullable) and defaults that cannot work (SG221: on identity columns, literals of the
 * wrong kind, enum labels that do not exist).
 */
final class TypeRule implements Rule {

    static final int MAX_LENGTH = 10485760;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

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
            diags.error(f.pos(), Code.SG221, "identity column \"" + f.name() + "\" cannot have a default",
                    "drop default: or identity:");
        }
    }

    private static void checkDefault(Field f, String d, Diagnostics diags) {
        String sql = d.trim();
        FieldType t = f.type();
        if (sql.isEmpty()) {
            diags.error(f.pos(), Code.SG221, "default of field \"" + f.name() + "\" is empty",
                    "give an SQL expression, or drop default:");
            return;
        }
        boolean number = NUMBER.matcher(sql).matches();
        boolean bool = sql.equalsIgnoreCase("true") || sql.equalsIgnoreCase("false");
        boolean numericType = t.has(Traits.INTEGER) || t instanceof FieldType.Numeric
                || t instanceof FieldType.Simple s && (s.kind() == FieldType.Kind.REAL
                        || s.kind() == FieldType.Kind.DOUBLE || s.kind() == FieldType.Kind.MONEY);
        boolean textType = t instanceof FieldType.Sized
                || t instanceof FieldType.Simple s && s.kind() == FieldType.Kind.TEXT;
        boolean boolType = t instanceof FieldType.Simple s && s.kind() == FieldType.Kind.BOOLEAN;
        if ((number && !numericType && !textType) || (bool && !boolType && !textType)) {
            diags.error(f.pos(), Code.SG221, "default " + sql + " does not fit field \"" + f.name() + "\" of type "
                    + t.sql());
        } else if (t instanceof FieldType.Enum en && !en.values().isEmpty()) {
            checkEnumDefault(f, en, sql, diags);
        }
    }

    private static void checkEnumDefault(Field f, FieldType.Enum en, String sql, Diagnostics diags) {
        if (sql.length() >= 2 && sql.startsWith("'") && sql.endsWith("'")) {
            String label = sql.substring(1, sql.length() - 1).replace("''", "'");
            if (!en.values().contains(label)) {
                diags.error(f.pos(), Code.SG221, "default " + sql + " is not a value of enum field \"" + f.name()
                        + "\"" + Suggest.didYouMean(label, en.values()),
                        "values: " + String.join(", ", en.values()));
            }
        } else if (en.values().contains(sql)) {
            diags.error(f.pos(), Code.SG221, "default " + sql + " of enum field \"" + f.name()
                    + "\" reads as a column name in SQL", "quote the label: default: \"" + Sql.literal(sql) + "\"");
        }
    }
}
