package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Index;
import dev.specgen.model.Named;
import dev.specgen.model.SpecModel;
import dev.specgen.model.TableConstraint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The entity's {@code constraints:} list and the primary key's name: names are identifiers (SG212, SG211); key
 * columns are fields (SG203) and appear once (SG202); UNIQUE and EXCLUDE on a partitioned table include every
 * partition column, EXCLUDE comparing it with {@code =} (SG209, PostgreSQL's rule); NOT VALID only on CHECK
 * (SG271, PostgreSQL refuses it on the others); EXCLUDE takes an access method that supports exclusion and operator
 * tokens only (SG272: the operator is written into the statement as is, so nothing but operator characters may
 * reach it); a UNIQUE constraint on the same columns as the primary key, a {@code unique: true} field or an earlier
 * UNIQUE item is a warning (SG270: PostgreSQL builds a second index that enforces nothing new). Names clashing in
 * the schema are {@link NamespaceRule}'s SG202; expressions {@link ExpressionRule}'s SG221.
 */
final class ConstraintRule implements Rule {

    /**
     * A PostgreSQL operator name: operator characters only, at most 63 of them, without {@code --} or {@code /*}
     * (which would start a comment). Anything else is refused rather than quoted: operators cannot be quoted.
     */
    private static final Pattern OPERATOR = Pattern.compile("[+\\-*/<>=~!@#%^&|`?]{1,63}");

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        e.primaryKeyName().ifPresent(n -> name("primary key", n, e.exactNames(), diags));
        List<Key> keys = new ArrayList<>();
        if (!e.primaryKey().isEmpty()) {
            keys.add(new Key("the primary key (" + join(e.primaryKey().stream().map(Named::name).toList()) + ")",
                    new TreeSet<>(e.primaryKey().stream().map(Named::name).toList()), true));
        }
        for (Field f : e.fields()) {
            if (f.unique()) {
                keys.add(new Key("unique: true of field \"" + f.name() + "\" (" + f.pos() + ")",
                        new TreeSet<>(List.of(f.name())), false));
            }
        }
        for (TableConstraint c : e.constraints()) {
            c.name().ifPresent(n -> name("constraint", n, e.exactNames(), diags));
            if (c.notValid() && !(c instanceof TableConstraint.Check)) {
                diags.error(c.notValidPos(), Code.SG271, c.kind() + " constraints cannot be NOT VALID",
                        "PostgreSQL builds the " + c.kind() + " constraint's index from every row when it is added,"
                                + " so it is always validated; drop not_valid:");
            }
            if (c instanceof TableConstraint.Unique u) {
                unique(e, u, keys, diags);
            } else if (c instanceof TableConstraint.Exclude x) {
                exclude(e, x, diags);
            }
        }
    }

    /** A uniqueness the table already enforces: its description and its columns. */
    private record Key(String what, Set<String> columns, boolean primary) {
    }

    private static void name(String kind, Named n, boolean exact, Diagnostics diags) {
        if (Identifiers.check(kind, n.name(), n.pos(), diags, exact)) {
            Identifiers.checkLength(kind, n.name(), n.pos(), "choose a shorter name", diags);
        }
    }

    private static void unique(Entity e, TableConstraint.Unique u, List<Key> keys, Diagnostics diags) {
        boolean known = columns(e, "unique constraint", u.columns(), diags);
        partitionColumns(e, "unique constraint (" + join(u.columnNames()) + ")", u.columnNames(), u.pos(),
                "add " + Columns.quoted(Columns.partitionColumns(e)) + " to the unique list", diags);
        if (!known) {
            return;
        }
        Set<String> cols = new TreeSet<>(u.columnNames());
        for (Key k : keys) {
            if (k.columns().equals(cols) && (k.primary() || !u.nullsNotDistinct())) {
                diags.warning(u.pos(), Code.SG270, "unique constraint (" + join(u.columnNames()) + ") duplicates "
                        + k.what(), "PostgreSQL builds and maintains a second unique index that enforces nothing"
                        + " new; drop one of them");
                return;
            }
        }
        keys.add(new Key("the unique constraint at " + u.pos(), cols, false));
    }

    private static void exclude(Entity e, TableConstraint.Exclude x, Diagnostics diags) {
        List<Named> cols = x.elements().stream().map(TableConstraint.Element::column).toList();
        columns(e, "exclude constraint", cols, diags);
        Index.Method m = x.method();
        if (m == Index.Method.GIN || m == Index.Method.BRIN) {
            diags.error(x.methodPos(), Code.SG272, "access method " + m.sql() + " does not support exclusion"
                    + " constraints", "use gist (ranges, geometry; scalars through btree_gist), btree or hash"
                    + " (only with =), or spgist");
        } else if (!m.supportsMultipleColumns() && x.elements().size() > 1) {
            diags.error(x.methodPos(), Code.SG272, m.sql() + " exclusion constraints take one column (found "
                    + x.elements().size() + ")", "use gist for several columns (scalars through btree_gist)");
        }
        for (TableConstraint.Element el : x.elements()) {
            if (!OPERATOR.matcher(el.operator()).matches() || el.operator().contains("--")
                    || el.operator().contains("/*")) {
                diags.error(el.operatorPos(), Code.SG272, "\"" + shown(el.operator()) + "\" is not an operator",
                        "write the operator alone, e.g. with: \"=\" or with: \"&&\"");
            }
        }
        List<String> equal = x.elements().stream().filter(el -> el.operator().equals("="))
                .map(el -> el.column().name()).toList();
        partitionColumns(e, "exclude constraint (" + join(x.columnNames()) + ")", equal, x.pos(),
                "add " + String.join(", ", Columns.partitionColumns(e).stream().map(p -> "{column: " + p
                        + ", with: \"=\"}").toList()) + " to the elements", diags);
        if (m == Index.Method.GIST) {
            List<String> scalars = cols.stream().map(Named::name).distinct().filter(c -> e.field(c)
                    .map(f -> Extensions.needsBtreeOpclass(f.type(), Index.Method.GIST)).orElse(false)).toList();
            if (!scalars.isEmpty()) {
                diags.warning(x.methodPos(), Code.SG207, "gist exclude constraint on scalar column"
                        + (scalars.size() > 1 ? "s " : " ") + String.join(", ", scalars) + " needs the "
                        + Extensions.BTREE_GIST + " extension", "specgen adds CREATE EXTENSION IF NOT EXISTS "
                        + Extensions.BTREE_GIST);
            }
        }
    }

    /** SG203 for a column that is no field, SG202 for one listed twice; true when all are fields. */
    private static boolean columns(Entity e, String what, List<Named> cols, Diagnostics diags) {
        boolean known = true;
        Set<String> seen = new HashSet<>();
        for (Named c : cols) {
            if (e.field(c.name()).isEmpty()) {
                known = false;
                diags.error(c.pos(), Code.SG203, what + " column \"" + c.name() + "\" is not a field of " + e.name()
                        + Columns.didYouMean(c.name(), e));
            } else if (!seen.add(c.name())) {
                diags.error(c.pos(), Code.SG202, "column \"" + c.name() + "\" appears twice in the " + what);
            }
        }
        return known;
    }

    /** SG209 when {@code cols} miss a partition column of {@code e}. */
    private static void partitionColumns(Entity e, String what, List<String> cols, SourcePos pos, String fix,
            Diagnostics diags) {
        List<String> missing = Columns.partitionColumns(e).stream().filter(p -> !cols.contains(p)).toList();
        if (!missing.isEmpty()) {
            diags.error(pos, Code.SG209, what + " on partitioned table " + e.table() + " must include the partition"
                    + " column" + (missing.size() > 1 ? "s " : " ") + Columns.quoted(missing)
                    + (what.startsWith("exclude") ? " compared with =" : ""), fix + ": PostgreSQL requires unique"
                    + " and exclusion constraints on partitioned tables to include all partition key columns");
        }
    }

    private static String join(List<String> names) {
        return String.join(", ", names);
    }

    /** The operator for a message: one line, at most 40 characters. */
    private static String shown(String op) {
        String one = op.replaceAll("\\p{Cntrl}", "?");
        return one.length() > 40 ? one.substring(0, 40) + "..." : one;
    }
}
