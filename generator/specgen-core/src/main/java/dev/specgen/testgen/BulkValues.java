package dev.specgen.testgen;

import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.FieldType.Kind;
import dev.specgen.model.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Values for the bulk-function tests: the seed plan's value of each column for a row number, and for the columns
 * no rule constrains (no key, partition, CHECK, reference or seed expression) two edge values of their type:
 * extremes, empty values, quotes and non-ASCII text, special floats kept out (jsonb cannot carry NaN).
 */
final class BulkValues {
    private final Entity e;
    private final List<Gen> gens;

    BulkValues(Entity e, List<Gen> gens) {
        this.e = e;
        this.gens = List.copyOf(gens);
    }

    /** Column {@code f}'s value in row {@code row}, cast to its type. */
    String value(Field f, long row) {
        return cast(gens.get(e.fields().indexOf(f)).literal(row), f);
    }

    static String cast(String sql, Field f) {
        return "(" + sql + ")::" + f.type().sql();
    }

    static String nullOf(Field f) {
        return "NULL::" + f.type().sql();
    }

    /**
     * A column whose value may be anything of its type: not matched on, not a partition key, no rule on it, and in a
     * table without generated columns (an expression over it could overflow at the type's edges: {@code a * 2}).
     */
    boolean free(Field f) {
        if (e.fields().stream().anyMatch(Field::isGenerated)) {
            return false;
        }
        boolean partition = e.partitionColumns().contains(f.name());
        boolean key = SeedPlan.isKey(e, f);
        return !partition && !key && f.check().isEmpty() && !TableChecks.reads(e, f) && !e.referencing(f)
                && f.seed().isEmpty()
                && f.identity() == Field.Identity.NONE && !f.isGenerated();
    }

    /** The edge value {@code which} (0 or 1) of {@code f}'s type, cast; empty when there is none worth testing. */
    Optional<String> edge(Field f, int which) {
        return edge(f.type(), which).map(v -> cast(v, f));
    }

    static Optional<String> edge(FieldType t, int which) {
        if (t instanceof FieldType.Numeric n) {
            if (n.precision().isEmpty()) {
                return Optional.of(which == 0 ? "123456789012345678901234567890.123456789" : "-0.000000001");
            }
            int s = n.scale().orElse(0);
            String max = "9".repeat(n.precision().get() - s) + (s > 0 ? "." + "9".repeat(s) : "");
            if (max.startsWith(".")) {
                max = "0" + max;
            }
            return Optional.of(which == 0 ? max : "-" + max);
        }
        if (t instanceof FieldType.Sized s) {
            return Optional.of(which == 0 ? "repeat('x', " + s.length() + ")" : "''");
        }
        if (t instanceof FieldType.Enum en) {
            return Optional.of(Sql.literal(which == 0 ? en.values().get(en.values().size() - 1) : en.values().get(0)));
        }
        if (t instanceof FieldType.Array) {
            return Optional.of(which == 0 ? "'{}'" : "'{NULL}'");
        }
        if (!(t instanceof FieldType.Simple simple)) {
            return Optional.empty(); // declared and extension types: their edges are their base's, or none
        }
        if (simple.precision().isPresent()) {
            return Optional.empty(); // the edges carry microseconds, which a precision rounds (past the range)
        }
        Kind k = simple.kind();
        String[] v = switch (k) {
            case SMALLINT -> new String[] {"32767", "-32768"};
            case INTEGER -> new String[] {"2147483647", "-2147483648"};
            case BIGINT -> new String[] {"9223372036854775807", "-9223372036854775808"};
            case REAL -> new String[] {"'3.4e38'", "'-1e-30'"};
            case DOUBLE -> new String[] {"'1.7976931348623157e308'", "'-1e-300'"};
            case TEXT, VARCHAR -> new String[] {
                "'it''s \"quoted\", \\ back-slashed, ünïcødé ✓' || chr(10) || 'second line'", "''"};
            case BOOLEAN -> new String[] {"true", "false"};
            case DATE -> new String[] {"'0001-01-01'", "'9999-12-31'"};
            case TIMESTAMP -> new String[] {"'0001-01-01 00:00:00'", "'9999-12-31 23:59:59.999999'"};
            case TIMESTAMPTZ -> new String[] {"'0001-01-01 00:00:00+00'", "'9999-12-31 23:59:59.999999+00'"};
            case TIME -> new String[] {"'00:00:00'", "'23:59:59.999999'"};
            case TIMETZ -> new String[] {"'00:00:00+14'", "'23:59:59.999999-12'"};
            case INTERVAL -> new String[] {"'1 year 2 mons -3 days 04:05:06.789'", "'-178000000 years'"};
            case UUID -> new String[] {"'00000000-0000-0000-0000-000000000000'",
                "'ffffffff-ffff-ffff-ffff-ffffffffffff'"};
            case JSON, JSONB -> new String[] {"'{\"k\": [1.5, \"é\", null, {}], \"\": true}'", "'[]'"};
            case BYTEA -> new String[] {"'\\x00ff'", "''"};
            case INET -> new String[] {"'::1'", "'255.255.255.255/32'"};
            case CIDR -> new String[] {"'10.0.0.0/8'", "'::/0'"};
            case MACADDR -> new String[] {"'ff:ff:ff:ff:ff:ff'", "'00:00:00:00:00:00'"};
            case TSVECTOR -> new String[] {"'a:1 b:2'", "''"};
            case INT4RANGE, INT8RANGE, NUMRANGE, DATERANGE, TSRANGE, TSTZRANGE -> new String[] {"'empty'", "'(,)'"};
            case POINT -> new String[] {"'(1.5,-2)'", "'(0,0)'"};
            case BOX -> new String[] {"'(2,3),(-1,-1)'", "'(0,0),(0,0)'"};
            case MONEY -> null; // its text form follows lc_monetary, which the tests do not pin
            // an oid naming nothing reads back as its number; no edge worth a round trip
            case OID, REGCLASS, REGTYPE, REGPROC, REGPROCEDURE, REGOPER, REGOPERATOR, REGROLE, REGNAMESPACE, REGCONFIG,
                    REGDICTIONARY, REGCOLLATION -> null;
        };
        return v == null ? Optional.empty() : Optional.of(v[which]);
    }

    /** {@code a} and {@code b} hold the same value (NULLs equal): by equality, else as jsonb or text. */
    static String same(String a, String b, Field f) {
        FieldType t = f.type();
        FieldType base = t instanceof FieldType.Array arr ? arr.element() : t;
        if (base.is(Kind.JSON)) {
            String cast = t instanceof FieldType.Array ? "::jsonb[]" : "::jsonb";
            return a + cast + " IS NOT DISTINCT FROM " + b + cast;
        }
        if (!t.sortable()) {
            return a + "::text IS NOT DISTINCT FROM " + b + "::text";
        }
        return a + " IS NOT DISTINCT FROM " + b;
    }

    /** Every edge-testable column, with its two edge values. */
    List<Field> edgeColumns(List<Field> columns) {
        List<Field> out = new ArrayList<>();
        for (Field f : columns) {
            if (free(f) && edge(f, 0).isPresent()) {
                out.add(f);
            }
        }
        return out;
    }
}
