package dev.tideline.rules.plan;

import java.util.List;

/**
 * One database step, run as its own migration (file).
 *
 * @param sql           complete SQL, including its {@code SET lock_timeout}; for a non-transactional step it holds
 *                      no transaction control and must run outside a transaction block
 * @param locks         human descriptions such as {@code SHARE UPDATE EXCLUSIVE on orders}
 * @param reason        why this step is done this way
 * @param needsRetry    the step takes a lock that can queue behind long transactions: run it with retries
 *                      (the SQL then already holds the bounded retry loop when the planner was asked for one)
 * @param transactional false when the step must run outside a transaction block (CONCURRENTLY, COMMIT per batch)
 * @param backfill      the batched job this step runs, or null when the step is not a backfill
 */
public record Step(Phase phase, String sql, List<String> locks, String reason, boolean needsRetry,
                   boolean transactional, Backfill backfill) {
    /** How the reason of a statement kept as written (nothing risky in it) begins. */
    public static final String KEPT_AS_WRITTEN = "harmless as written";

    public Step {
        locks = List.copyOf(locks);
    }

    /** A statement of the migration kept as written, not a step the planner made. */
    public boolean keptAsWritten() {
        return reason.startsWith(KEPT_AS_WRITTEN);
    }
}
