package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.FieldType.Traits;
import dev.specgen.model.Index;
import dev.specgen.model.Index.Method;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.SpecModel;
import java.util.List;
import java.util.Optional;

/**
 * Does the access method fit the columns: hash and spgist take one column (SG205); GiST/GIN on plain scalar
 * columns need btree_gist/btree_gin (SG207 warning, the planner adds the extension) and on types with no operator
 * class at all fail (SG207 error); BRIN on a column with no natural order is useless (SG213 warning).
 */
final class IndexMethodRule implements Rule {

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        for (Index ix : e.indexes()) {
            if (!ix.method().supportsMultipleColumns() && ix.columns().size() > 1) {
                String m = ix.method().sql();
                diags.error(ix.columns().get(0).pos(), Code.SG205,
                        m + " indexes take one column (found " + ix.columns().size() + ")",
                        ix.method() == Method.HASH
                                ? "use a btree index for multi-column equality lookups, or hash one column"
                                : "use a gist index for several columns, or index one column");
            }
            switch (ix.method()) {
                case GIST, GIN -> checkOpclasses(e, ix, diags);
                case BRIN -> checkBrin(e, ix, diags);
                default -> {
                }
            }
        }
    }

    private static void checkOpclasses(Entity e, Index ix, Diagnostics diags) {
        String m = ix.method().sql();
        List<String> scalars = Extensions.scalarColumns(e, ix);
        if (!scalars.isEmpty()) {
            String ext = ix.method() == Method.GIST ? Extensions.BTREE_GIST : Extensions.BTREE_GIN;
            diags.warning(ix.methodPos(), Code.SG207, m + " index on scalar column" + (scalars.size() > 1 ? "s " : " ")
                    + String.join(", ", scalars) + " needs the " + ext + " extension",
                    "specgen adds CREATE EXTENSION IF NOT EXISTS " + ext);
        }
        Traits nativeTrait = ix.method() == Method.GIST ? Traits.GIST_NATIVE : Traits.GIN_NATIVE;
        for (IndexColumn c : ix.columns()) {
            Optional<Field> f = c.column().flatMap(e::field);
            if (f.isEmpty() || c.opclass().isPresent()) {
                continue;
            }
            if (!f.get().type().has(nativeTrait) && !f.get().type().has(Traits.SCALAR)) {
                String type = f.get().type().sql();
                diags.error(c.pos(), Code.SG207, m + " index on column \"" + f.get().name() + "\": type " + type
                        + " has no " + m + " operator class", fix(ix.method(), f.get()));
            }
        }
    }

    private static String fix(Method m, Field f) {
        if (f.type().is(FieldType.Kind.JSON)) {
            return m == Method.GIN ? "GIN has no operator class for json; use type: jsonb"
                    : "json has no " + m.sql() + " operator class; use type: jsonb with a gin index";
        }
        if (m == Method.GIST && f.type().has(Traits.GIN_NATIVE)) {
            return "use type: gin for " + f.type().sql() + " columns";
        }
        if (m == Method.GIN && f.type().has(Traits.GIST_NATIVE)) {
            return "use type: gist for " + f.type().sql() + " columns";
        }
        return "index an expression instead, or give an operator class with opclass:";
    }

    private static void checkBrin(Entity e, Index ix, Diagnostics diags) {
        for (IndexColumn c : ix.columns()) {
            Optional<Field> f = c.column().flatMap(e::field);
            if (f.isPresent() && c.opclass().isEmpty() && !f.get().type().has(Traits.ORDERED)) {
                diags.warning(c.pos(), Code.SG213, "brin index on column \"" + f.get().name() + "\" ("
                        + f.get().type().sql() + "): its values have no natural order, so block ranges will not"
                        + " narrow scans", "use brin on time or sequence columns; use btree (or hash) for "
                        + f.get().type().sql() + " lookups");
            }
        }
    }
}
