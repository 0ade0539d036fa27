package dev.tideline.api;

/**
 * What to plan: the migrations, read as {@link Tideline#lint} reads them, and how the planner writes its SQL.
 *
 * @param lockTimeoutMs      {@code lock_timeout} of every lock-taking step
 * @param statementTimeoutMs {@code statement_timeout} of short DDL steps
 * @param retry              wrap lock-taking steps in a bounded retry loop
 * @param retries            tries of that loop, 1 to {@link #MAX_RETRIES}
 * @param batchSize          rows per backfill batch, 1 or more
 * @param pauseMs            pause between backfill batches
 */
public record PlanRequest(LintRequest migrations, int lockTimeoutMs, int statementTimeoutMs, boolean retry, int retries,
                          int batchSize, int pauseMs) {
    /** Tries beyond which waiting on a lock is no longer a retry but an outage of its own (10 s pauses from the 6th). */
    public static final int MAX_RETRIES = 100;

    public PlanRequest {
        if (batchSize < 1) throw new TidelineException("--batch-size must be at least 1");
        if (retries < 1 || retries > MAX_RETRIES) throw new TidelineException("--retries must be 1 to " + MAX_RETRIES);
        migrations = migrations.withKeepFiles(true);
    }

    /** The planner's defaults: 2 s lock timeout, 15 s statement timeout, 10 tries, batches of 5,000 rows, 100 ms apart. */
    public static PlanRequest of(LintRequest migrations) {
        return new PlanRequest(migrations, 2000, 15000, true, 10, 5000, 100);
    }
}
