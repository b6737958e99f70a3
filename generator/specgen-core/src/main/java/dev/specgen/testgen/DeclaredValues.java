package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Seed values of declared types and extension types: a domain's base values (steered by its CHECKs where
 * {@link Checks} reads them, {@code VALUE} standing for the column) cast to the domain; a composite's
 * {@code ROW(...)::type} of its attributes' values; a range from its subtype's value, unbounded above; extension
 * types from text (the isn types check digits, which these values do not have: such a column needs a seed:).
 */
final class DeclaredValues {
    private DeclaredValues() {
    }

    static Gen forType(FieldType t, boolean key) {
        if (t instanceof FieldType.Domain d) {
            Optional<Gen> checked = d.checks().isEmpty() ? Optional.empty()
                    : Checks.values(value(checked(d.base())), "(" + String.join(") AND (", d.checks()) + ")");
            return new Gen.Cast(checked.orElseGet(() -> SeedPlan.forType(d.base(), key)), d.sql());
        }
        if (t instanceof FieldType.Composite c) {
            List<Gen> parts = new ArrayList<>();
            for (int i = 0; i < c.attributes().size(); i++) {
                parts.add(SeedPlan.forType(c.attributes().get(i).type(), key && i == 0));
            }
            return new Gen.Row(parts, c.sql());
        }
        if (t instanceof FieldType.Range r) {
            return new Gen.Bounds(SeedPlan.forType(r.subtype(), true), Sql.qualified(r.schema(), r.name()),
                    r.multi() ? r.sql() : "");
        }
        FieldType.Extension x = (FieldType.Extension) t;
        return switch (x.name()) {
            case "hstore" -> new Gen.Expr("(" + x.sql() + "(ARRAY['i', {i}::text]))");
            case "ltree" -> new Gen.Expr("('top.n' || {i})::" + x.sql());
            case "lquery" -> new Gen.Expr("('top.n' || {i})::" + x.sql());
            case "ltxtquery" -> new Gen.Expr("('n' || {i})::" + x.sql());
            case "cube" -> new Gen.Expr("(" + x.sql() + "({i}::float8))");
            case "seg" -> new Gen.Expr("({i}::text)::" + x.sql());
            default -> new Gen.Cast(new Gen.Text(0), x.sql());
        };
    }

    /** citext is read as text by the checks (its values are made from text and cast). */
    private static FieldType checked(FieldType base) {
        return base instanceof FieldType.Extension x && x.name().equals("citext")
                ? new FieldType.Simple(FieldType.Kind.TEXT) : base;
    }

    /** The column a domain's CHECKs speak of: {@code VALUE}, of the base type. */
    private static Field value(FieldType base) {
        SourcePos none = SourcePos.NONE;
        return new Field("value", base, true, false, Optional.empty(), Field.Identity.NONE, false, false,
                Optional.empty(), Optional.empty(), Optional.empty(), none, none, none, Optional.empty(), none, none);
    }
}
