package dev.tideline.rules.plan;

import dev.tideline.analyzer.PgVersion;

/**
 * How the planner writes SQL.
 *
 * @param version            target PostgreSQL version
 * @param lockTimeoutMs      {@code lock_timeout} set before every lock-taking step
 * @param statementTimeoutMs {@code statement_timeout} for short DDL steps (not for scans/validation/backfills)
 * @param retry              wrap lock-taking steps in a bounded retry loop catching {@code lock_not_available}
 * @param retryTries         tries of that loop
 * @param batchSize          rows per backfill batch
 * @param batchPauseMs       pause between backfill batches (throttling)
 */
public record PlannerOptions(PgVersion version, int lockTimeoutMs, int statementTimeoutMs, boolean retry,
                             int retryTries, int batchSize, int batchPauseMs) {
    public static PlannerOptions defaults(PgVersion version) {
        return new PlannerOptions(version, 2000, 15000, true, 10, 5000, 100);
    }
}
