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
 * Actions (SG222 unless said otherwise): a known pattern; bulk operations have an {@code operation} (SG108) and no
 * workflow; workflow orchestrators have a workflow (SG108) and no operation or batch field. Workflow steps use a
 * known step action, target an entity of the run (SG204) and set only its fields (SG203); step names are unique
 * (SG202). Unknown words and missing keys are reported at the {@code pattern:}, {@code operation:} or step
 * {@code action:} value. Performance hints are {@link HintRule}'s.
 */
final class ActionRule implements Rule {

    static final String BULK = "batch/bulk_operation";
    static final String WORKFLOW = "composite/workflow_orchestrator";
    static final List<String> PATTERNS = List.of(BULK, WORKFLOW);
    static final List<String> OPERATIONS = List.of("insert", "upsert", "delete");
    static final List<String> STEP_ACTIONS = List.of("update", "insert", "upsert", "delete");
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
            String what = "action \"" + a.name() + "\"";
            if (a.pattern().equals(BULK)) {
                checkBulk(a, what, diags);
            } else if (a.pattern().equals(WORKFLOW)) {
                checkWorkflow(a, what, diags);
            } else {
                diags.error(a.patternPos(), Code.SG222, "unknown pattern \"" + a.pattern() + "\" in " + what
                        + Suggest.didYouMean(a.pattern(), PATTERNS), "patterns: " + String.join(", ", PATTERNS));
            }
            Set<String> stepNames = new HashSet<>();
            for (Action.Step s : a.workflow()) {
                if (!stepNames.add(s.step())) {
                    diags.error(s.pos(), Code.SG202, "workflow step \"" + s.step() + "\" appears twice in " + what);
                }
                checkStep(s, byName, entityNames, diags);
            }
        }
    }

    private static void checkBulk(Action a, String what, Diagnostics diags) {
        if (a.operation().isEmpty()) {
            diags.error(a.patternPos(), Code.SG108, what + " needs \"operation\" (" + String.join(", ", OPERATIONS)
                    + ") for pattern " + BULK);
        } else if (!OPERATIONS.contains(a.operation().get())) {
            diags.error(a.operationPos(), Code.SG222, "unknown operation \"" + a.operation().get() + "\" in " + what
                    + Suggest.didYouMean(a.operation().get(), OPERATIONS),
                    "operations: " + String.join(", ", OPERATIONS));
        }
        if (!a.workflow().isEmpty()) {
            diags.error(a.workflow().get(0).pos(), Code.SG222, what + " has a workflow, which pattern " + BULK
                    + " does not use", "use pattern " + WORKFLOW + " for workflows");
        }
    }

    private static void checkWorkflow(Action a, String what, Diagnostics diags) {
        if (a.workflow().isEmpty()) {
            diags.error(a.patternPos(), Code.SG108, what + " needs a \"workflow\" list of steps for pattern "
                    + WORKFLOW);
        }
        a.operation().ifPresent(op -> diags.error(a.operationPos(), Code.SG222, what + " has operation " + op
                + ", which pattern " + WORKFLOW + " does not use", "use pattern " + BULK + " for bulk operations"));
        a.batchField().ifPresent(b -> diags.error(a.pos(), Code.SG222, what + " has batch_field " + b
                + ", which pattern " + WORKFLOW + " does not use", "use pattern " + BULK + " for bulk operations"));
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
        String what = "workflow step \"" + s.step() + "\"";
        if (!STEP_ACTIONS.contains(s.action())) {
            diags.error(s.actionPos(), Code.SG222, "unknown step action \"" + s.action() + "\" in " + what
                    + Suggest.didYouMean(s.action(), STEP_ACTIONS), "step actions: " + String.join(", ", STEP_ACTIONS));
        } else if (s.action().equals("delete") && !s.fields().isEmpty()) {
            diags.error(s.pos(), Code.SG222, what + " deletes rows but sets fields", "drop fields: from the step");
        } else if (!s.action().equals("delete") && s.fields().isEmpty()) {
            diags.error(s.pos(), Code.SG108, what + " needs \"fields\" to " + s.action());
        }
        Optional<Entity> target = Optional.ofNullable(byName.get(s.entity().name()));
        if (target.isEmpty()) {
            diags.error(s.entity().pos(), Code.SG204, "unknown entity \"" + s.entity().name() + "\" in " + what
                    + Suggest.didYouMean(s.entity().name(), entityNames),
                    "entities of this run: " + listed(entityNames)
                            + "; specs that a workflow targets must be generated together");
            return;
        }
        for (Map.Entry<String, Action.Expr> f : s.fields().entrySet()) {
            if (target.get().field(f.getKey()).isEmpty()) {
                diags.error(f.getValue().pos(), Code.SG203, what + " sets \"" + f.getKey() + "\", which is not a"
                        + " field of " + target.get().name() + Columns.didYouMean(f.getKey(), target.get()));
            }
        }
    }
}
