package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Action;
import dev.specgen.model.Entity;
import dev.specgen.model.Hint;
import dev.specgen.model.SpecModel;
import java.util.List;

/**
 * What bulk-operation hints do, said where they do nothing (names, levels and values were checked by the model
 * builder). {@code copy_mode}, {@code disable_indexes} and {@code batch_size} steer {@code specgen load} (COPY into
 * staging, the {@code --initial} path, the default batch size), which inserts, upserts and replaces but never
 * deletes: on a delete they have no effect (SG235). {@code disable_triggers: true} cannot be honoured safely (SG234).
 * The workflow hints ({@code async_execution}, {@code batch_updates}, {@code materialized_views}) and
 * {@code trigger} mean nothing to a bulk operation (SG235). What a workflow's hints do is
 * {@link dev.specgen.workflow.WorkflowCompiler}'s (SG239).
 */
final class HintRule implements Rule {

    static final List<Hint.Name> WORKFLOW_HINTS = List.of(Hint.Name.ASYNC_EXECUTION, Hint.Name.BATCH_UPDATES,
            Hint.Name.MATERIALIZED_VIEWS);
    static final List<Hint.Name> LOAD_HINTS = List.of(Hint.Name.COPY_MODE, Hint.Name.DISABLE_INDEXES,
            Hint.Name.BATCH_SIZE);

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        for (Action.Bulk a : e.bulkActions()) {
            String what = "action \"" + a.name() + "\"";
            a.hints().get(Hint.Name.DISABLE_TRIGGERS).filter(h -> a.hints().on(Hint.Name.DISABLE_TRIGGERS))
                    .ifPresent(h -> diags.warning(h.pos(), Code.SG234, "performance hint disable_triggers of " + what
                            + " cannot be honoured safely: turning triggers off takes session_replication_role"
                            + " (superuser only) or ALTER TABLE ... DISABLE TRIGGER (DDL that also switches off"
                            + " foreign-key checks, for every session); nothing is disabled",
                            "specgen load writes each batch with one set-based INSERT ... SELECT, so statement-level"
                                    + " triggers fire once per batch; load --initial fills new partitions before they"
                                    + " are attached, where no trigger of the parent fires"));
            for (Hint.Name n : WORKFLOW_HINTS) {
                a.hints().get(n).ifPresent(h -> diags.warning(h.pos(), Code.SG235, "performance hint " + n.word()
                        + " has no effect on bulk operation " + what + ": it is a workflow hint",
                        "drop it; each call of the generated functions is one set-based statement"));
            }
            if (a.operation() == Action.Operation.DELETE) {
                for (Hint.Name n : LOAD_HINTS) {
                    a.hints().get(n).ifPresent(h -> diags.warning(h.pos(), Code.SG235, "performance hint "
                            + n.word() + " has no effect on " + what + ": it steers specgen load, which does not"
                            + " delete", "drop it"));
                }
            }
            a.trigger().ifPresent(t -> diags.warning(t.pos(), Code.SG235, what + " has trigger " + t.name()
                    + ", which has no effect on a bulk operation: its functions run when they are called",
                    "drop it, or call the function from a trigger of your own"));
        }
    }
}
