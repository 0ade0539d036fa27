package dev.tideline.report;

import java.util.List;

/** A release plan as the report shows it: numbered releases, each with its app change, gate and SQL steps. */
public record PlanView(List<Release> releases) {
    public record Release(int number, String appChange, String gate, List<Step> steps) {}

    /** @param locks human descriptions such as {@code SHARE UPDATE EXCLUSIVE on orders} */
    public record Step(String phase, String sql, List<String> locks, String reason, boolean needsRetry) {}
}
