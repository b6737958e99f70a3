package dev.specgen.validate;

import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Action;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Index;
import dev.specgen.model.SpecModel;

/**
 * Names that become SQL identifiers are lower-case snake_case (SG212 error) and preferably not reserved words
 * (SG212 warning): fields, explicit index names, explicit enum type names, actions and materialized views. Schema
 * and table names are checked by the model builder, which knows where {@code schema:} and {@code table:} are;
 * view names too.
 */
final class NameRule implements Rule {

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        for (Field f : e.fields()) {
            boolean ok = Identifiers.check("field", f.name(), f.pos(), diags, e.exactNames());
            if (f.type() instanceof FieldType.Enum en && ok && !en.typeName().equals(e.table() + "_" + f.name())) {
                Identifiers.check("enum type", en.typeName(), f.typePos(), diags, e.exactNames());
            }
        }
        for (Index ix : e.indexes()) {
            ix.name().ifPresent(n -> Identifiers.check("index", n, ix.pos(), diags, e.exactNames()));
        }
        for (Action a : e.actions()) {
            Identifiers.check("action", a.name(), a.pos(), diags);
        }
    }
}
