package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Action;
import dev.specgen.model.Entity;
import dev.specgen.model.SpecModel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Workflows: step names unique (SG202); each step targets an entity of the run (SG204) and sets only its fields
 * (SG203); delete steps set no fields and the others do (SG222, SG108). What a valid workflow compiles to, or why it
 * cannot, is {@link dev.specgen.workflow.WorkflowCompiler}'s. Pattern, operation and step words were checked by the
 * model builder; bulk operations are {@link BulkRule}'s, hints {@link HintRule}'s.
 */
final class ActionRule implements Rule {

    static final int LISTED = 10;

    /** Entity names made once per run: per entity they made this rule quadratic. */
    @Override
    public void check(SpecModel model, Diagnostics diags) {
        List<String> entityNames = model.entities().stream().map(Entity::name).toList();
        Map<String, Entity> byName = new HashMap<>();
        model.entities().forEach(e -> byName.putIfAbsent(e.name(), e));
        for (Entity e : model.entities()) {
            check(e, byName, entityNames, diags);
        }
    }

    private void check(Entity e, Map<String, Entity> byName, List<String> entityNames, Diagnostics diags) {
        for (Action a : e.actions()) {
            if (!(a instanceof Action.Workflow w)) {
                continue;
            }
            String what = "action \"" + w.name() + "\"";
            Set<String> stepNames = new HashSet<>();
            for (Action.Step s : w.steps()) {
                if (!stepNames.add(s.name())) {
                    diags.error(s.pos(), Code.SG202, "workflow step \"" + s.name() + "\" appears twice in " + what);
                }
                checkStep(s, byName, entityNames, diags);
            }
        }
    }

    /** Up to {@value #LISTED} names, then how many more. */
    static String listed(List<String> names) {
        if (names.size() <= LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, LISTED)) + " and " + (names.size() - LISTED) + " more";
    }

    private static void checkStep(Action.Step s, Map<String, Entity> byName, List<String> entityNames,
            Diagnostics diags) {
        String what = "workflow step \"" + s.name() + "\"";
        if (s.action() == Action.StepAction.DELETE && !s.fields().isEmpty()) {
            diags.error(s.pos(), Code.SG222, what + " deletes rows but sets fields", "drop fields: from the step");
        } else if (s.action() != Action.StepAction.DELETE && s.fields().isEmpty()) {
            diags.error(s.pos(), Code.SG108, what + " needs \"fields\" to " + s.action().word());
        }
        Optional<Entity> target = Optional.ofNullable(byName.get(s.entity().name()));
        if (target.isEmpty()) {
            diags.error(s.entity().pos(), Code.SG204, "unknown entity \"" + s.entity().name() + "\" in " + what
                    + Suggest.didYouMean(s.entity().name(), entityNames),
                    "entities of this run: " + listed(entityNames)
                            + "; specs that a workflow targets must be generated together");
            return;
        }
        for (Action.Assignment f : s.fields()) {
            if (target.get().field(f.column().name()).isEmpty()) {
                diags.error(f.column().pos(), Code.SG203, what + " sets \"" + f.column().name() + "\", which is not"
                        + " a field of " + target.get().name() + Columns.didYouMean(f.column().name(), target.get()));
            }
        }
    }
}
