package dev.specgen.plan;

import dev.specgen.workflow.CompiledWorkflow;
import java.util.ArrayList;
import java.util.List;

/** The planner's fragments of one step, for tests outside the package. */
public final class WorkflowPlannerProbe {
    private WorkflowPlannerProbe() {
    }

    /** {@code column = inserted value | DO UPDATE item} per column of the step's INSERT. */
    public static List<String> valuesAndSets(CompiledWorkflow.CompiledStep s) {
        WorkflowObject.StepStatement st = WorkflowPlanner.step(s, "specgen_new AS specgen_row");
        List<String> out = new ArrayList<>();
        int keys = st.key().size();
        for (int i = 0; i < st.columns().size(); i++) {
            out.add(st.columns().get(i) + " = " + st.values().get(i) + " | " + (i < keys ? "-"
                    : st.sets().get(i - keys)));
        }
        return out;
    }

    public static List<String> aggregates(CompiledWorkflow.CompiledStep s) {
        return WorkflowPlanner.step(s, "specgen_new AS specgen_row").aggregates();
    }
}
