package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.MaterializedView;
import dev.specgen.model.SpecModel;
import dev.specgen.model.UserType;
import dev.specgen.sql.ExpressionFrame.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Declared types ({@code types:}) against the rest of the run: a domain's default and checks are each one
 * expression (SG221); a type's name (or its multirange's) is not a table's, a view's or a field enum's of the same
 * schema, which PostgreSQL keeps in the same namespace of types (SG202); and a type uses no declared or extension
 * type that the install creates after it: each schema's types are created in its {@code 00_schema.sql}, in
 * schema-name order, an extension in the first schema (by name) that declares it (SG287). Shapes, unknown names and
 * cycles were reported while the model was built.
 */
final class UserTypeRule implements Rule {

    @Override
    public void check(SpecModel model, Diagnostics diags) {
        Map<String, String> taken = new HashMap<>();
        for (Entity e : model.entities()) {
            taken.putIfAbsent(e.schema() + "." + e.table(), "table " + e.schema() + "." + e.table());
            for (Field f : e.fields()) {
                FieldType t = f.type() instanceof FieldType.Array a ? a.element() : f.type();
                if (t instanceof FieldType.Enum en && model.types().stream().noneMatch(d -> d.type().equals(en))) {
                    taken.putIfAbsent(en.schema() + "." + en.typeName(), "the enum of field " + e.table() + "."
                            + f.name());
                }
            }
        }
        for (MaterializedView v : model.views()) {
            taken.putIfAbsent(v.schema() + "." + v.name(), "view " + v.schema() + "." + v.name());
        }
        for (UserType t : model.types()) {
            String key = t.schema() + "." + t.name();
            clash(t, key, taken, diags);
            if (t.type() instanceof FieldType.Range r) {
                clash(t, t.schema() + "." + r.multirangeName(), taken, diags);
            }
            if (t instanceof UserType.Domain d) {
                String what = "domain " + key;
                d.defaultSql().ifPresent(x -> ExpressionRule.report("default of " + what, "default", x,
                        Context.COLUMN_DEFAULT, d.defaultPos(), diags));
                d.checks().forEach(c -> ExpressionRule.report("check of " + what, "check", c.expression(),
                        Context.EXPRESSION, c.pos(), diags));
            }
            for (FieldType p : t.parts()) {
                order(t, p, model, diags);
            }
        }
    }

    private static void clash(UserType t, String key, Map<String, String> taken, Diagnostics diags) {
        if (taken.containsKey(key)) {
            diags.error(t.pos(), Code.SG202, "type " + key + " has the name of " + taken.get(key)
                    + " (tables, views and types share one namespace)", "rename the type");
        }
    }

    /** SG287 when {@code part} is a type the install creates after {@code t}. */
    private static void order(UserType t, FieldType part, SpecModel model, Diagnostics diags) {
        FieldType p = part instanceof FieldType.Array a ? a.element() : part;
        String schema = null;
        String hint = "declare it in schema " + t.schema() + ", or declare " + t.name() + " in its schema";
        if (p instanceof FieldType.Domain d) {
            schema = d.schema();
        } else if (p instanceof FieldType.Composite c) {
            schema = c.schema();
        } else if (p instanceof FieldType.Range r) {
            schema = r.schema();
        } else if (p instanceof FieldType.Enum en && isDeclared(en, model.types())) {
            schema = en.schema();
        } else if (p instanceof FieldType.Extension x) {
            schema = x.schema();
            hint = "declare the extension (extensions: [" + x.extension() + "]) in an entity of schema " + t.schema()
                    + " too: it is then created first, in the first schema by name that declares it";
        }
        if (schema != null && schema.compareTo(t.schema()) > 0) {
            diags.error(t.pos(), Code.SG287, "type " + t.schema() + "." + t.name() + " uses " + p.sql() + ", which"
                    + " the install creates later (schema " + schema + "'s objects come after " + t.schema() + "'s)",
                    hint);
        }
    }

    private static boolean isDeclared(FieldType.Enum en, List<UserType> types) {
        return types.stream().anyMatch(d -> d.type().equals(en));
    }
}
