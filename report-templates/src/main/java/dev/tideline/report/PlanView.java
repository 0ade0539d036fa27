package dev.tideline.report;

import dev.tideline.rules.plan.Plan;
import java.util.List;

/**
 * A release plan as the report shows it: numbered releases, each with its app change, gate and SQL steps, and
 * the planner's notes (what it could not make safe, or did not plan).
 */
public record PlanView(List<Release> releases, List<String> notes) {
    public PlanView {
        releases = List.copyOf(releases);
        notes = List.copyOf(notes);
    }

    public PlanView(List<Release> releases) {
        this(releases, List.of());
    }

    public record Release(int number, String appChange, String gate, List<Step> steps) {}

    /**
     * @param locks              human descriptions such as {@code SHARE UPDATE EXCLUSIVE on orders}
     * @param outsideTransaction the step must run outside a transaction block (CONCURRENTLY, batch commits)
     */
    public record Step(String phase, String sql, List<String> locks, String reason, boolean needsRetry,
                       boolean outsideTransaction) {
        public Step(String phase, String sql, List<String> locks, String reason, boolean needsRetry) {
            this(phase, sql, locks, reason, needsRetry, false);
        }
    }

    /** The planner's plan for the report, or null when it has neither releases nor notes. */
    public static PlanView of(Plan plan) {
        if (plan == null || (plan.releases().isEmpty() && plan.notes().isEmpty())) return null;
        return new PlanView(plan.releases().stream().map(r -> new Release(r.number(), r.appChange(), r.gate(),
                r.steps().stream().map(s -> new Step(s.phase().id(), s.sql(), s.locks(), s.reason(), s.needsRetry(),
                        !s.transactional())).toList())).toList(), plan.notes());
    }
}
