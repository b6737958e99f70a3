package dev.specgen.testgen;

import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.SchemaPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The session checks of one entity, gathered from the features that need them (generated write functions,
 * incremental view maintenance, partition maintenance each add theirs here), in a fixed order.
 */
final class SessionChecks {
    private SessionChecks() {
    }

    static List<SessionCheck> of(EntityPlan ep, SchemaPlan plan) {
        List<SessionCheck> out = new ArrayList<>();
        out.addAll(ViewSessionChecks.of(ep, plan));
        out.addAll(BulkSessions.of(ep, plan::entity));
        MaintenanceSessions.of(ep, plan).ifPresent(out::add);
        out.addAll(WorkflowSessions.of(ep, plan));
        return List.copyOf(out);
    }
}
