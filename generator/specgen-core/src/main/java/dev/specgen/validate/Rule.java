package dev.specgen.validate;

import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Entity;
import dev.specgen.model.SpecModel;

/**
 * One concern of semantic validation. Rules only add diagnostics and keep going; they never throw and never
 * change the model. Most rules look at one entity at a time ({@link #check(Entity, SpecModel, Diagnostics)});
 * rules across entities override {@link #check(SpecModel, Diagnostics)}.
 */
interface Rule {

    default void check(SpecModel model, Diagnostics diags) {
        for (Entity e : model.entities()) {
            check(e, model, diags);
        }
    }

    default void check(Entity entity, SpecModel model, Diagnostics diags) {
    }
}
