package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.SpecModel;
import dev.specgen.model.TableConstraint;
import dev.specgen.model.TableFeatures;
import dev.specgen.sql.ExpressionFrame;
import dev.specgen.sql.ExpressionFrame.Context;

/**
 * SQL text that specgen writes into a statement as given (a default, a check, a seed, an index's where and
 * expressions, a constraint's check and where, a policy's using and with_check, a trigger's when) must be exactly one expression (SG221): not blank, and framed as {@link ExpressionFrame} says (quotes
 * and parentheses closed, no comment, no {@code ;}, no top-level {@code ,} or statement key word, nothing that
 * depends on a session setting or that psql would act on). Otherwise it breaks the statement around it
 * ({@code CHECK (x > 0")}), swallows its end ({@code -- ...}), or runs as SQL of its own
 * ({@code 0)) ; DROP TABLE ...}). What the expression means is PostgreSQL's business; this is only the frame.
 */
final class ExpressionRule implements Rule {

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        for (Field f : e.fields()) {
            String what = "field \"" + f.name() + "\"";
            f.defaultSql().ifPresent(d -> report("default of " + what, "default", d, Context.COLUMN_DEFAULT,
                    f.defaultPos(), diags));
            f.check().ifPresent(c -> report("check of " + what, "check", c, Context.EXPRESSION, f.checkPos(), diags));
            f.seed().ifPresent(c -> report("seed of " + what, "seed", c, Context.EXPRESSION, f.seedPos(), diags));
            f.generated().ifPresent(g -> report("generated expression of " + what, "generated", g,
                    Context.EXPRESSION, f.generatedPos(), diags));
        }
        for (TableConstraint c : e.constraints()) {
            String what = c.kind() + " constraint" + c.name().map(n -> " " + n.name()).orElse("");
            if (c instanceof TableConstraint.Check k) {
                report(what, "check", k.expression(), Context.EXPRESSION, k.pos(), diags);
            } else if (c instanceof TableConstraint.Exclude x) {
                x.where().ifPresent(w -> report("where of " + what, "where", w, Context.EXPRESSION, x.wherePos(),
                        diags));
            }
        }
        e.features().rowSecurity().ifPresent(rs -> rs.policies().forEach(p -> {
            String what = "policy \"" + p.name() + "\"";
            p.using().ifPresent(u -> report("using of " + what, "using", u, Context.EXPRESSION, p.usingPos(), diags));
            p.withCheck().ifPresent(c -> report("with_check of " + what, "with_check", c, Context.EXPRESSION,
                    p.withCheckPos(), diags));
        }));
        for (TableFeatures.Trigger t : e.features().triggers()) {
            t.condition().ifPresent(c -> report("when of trigger \"" + t.name() + "\"", "when", c, Context.EXPRESSION,
                    t.conditionPos(), diags));
        }
        for (Index ix : e.indexes()) {
            ix.where().ifPresent(w -> report("where of " + IndexRule.describe(ix), "where", w, Context.EXPRESSION,
                    ix.wherePos(), diags));
            for (IndexColumn c : ix.columns()) {
                c.expression().ifPresent(x -> report("expression " + (x.isBlank() ? "" : x + " ") + "of "
                        + IndexRule.describe(ix), "expression", x, Context.EXPRESSION, c.pos(), diags));
            }
        }
    }

    /**
     * SG221 for blank text, then for the first problem of the frame. Blank text would otherwise be dropped ({@code
     * where: ""}) or reach PostgreSQL as {@code CHECK ()}.
     */
    static void report(String what, String key, String sql, Context context, SourcePos pos,
            Diagnostics diags) {
        if (sql.isBlank()) {
            diags.error(pos, Code.SG221, what + " is empty", "give an SQL expression, or drop " + key + ":");
            return;
        }
        ExpressionFrame.problem(sql, context).ifPresent(p -> diags.error(pos, Code.SG221, what
                + " is not a complete SQL expression: " + p.message(), p.hint()));
    }
}
