package dev.tideline.rules.plan;

/**
 * {@code tideline backfill} on an engine with its own connection, batch SQL, retryable errors and checkpoint (MySQL,
 * MariaDB): the command reads the job and the options, the engine runs it.
 */
public interface EngineBackfill {
    /**
     * @param lockWaitMs    how long a batch waits for a row lock before it is rolled back and retried
     * @param retries       tries of a failing batch beyond the first, for the retryable errors only
     * @param maxBatches    stop after this many batches in this run (0 = no limit); the checkpoint keeps the place
     * @param job           checkpoint key
     * @param replica       a replica whose lag throttles the batches, or null
     * @param maxLagSeconds the lag over which the next batch waits
     */
    record Settings(int lockWaitMs, int retries, long maxBatches, String job, String replica, int maxLagSeconds) {}

    /** What a run reports while it goes. */
    interface Listener {
        void batch(long batches, long rowsChanged, String lastKey);

        void retry(String lastKey, int attempt, String reason, long backoffMs);

        void throttled(long lagSeconds);
    }

    enum Status { DONE, ROWS_LEFT, STOPPED }

    /** @param remaining rows still to do after the walk (-1 when stopped early) */
    record Outcome(Status status, long batches, long rowsChanged, long remaining, String resumedAfter) {}

    /** A refusal or failure, its message free of credentials. */
    final class Failure extends RuntimeException {
        public Failure(String message) {
            super(message);
        }
    }

    /** This engine's JDBC URL ({@code jdbc:mysql://…}, {@code jdbc:mariadb://…}). */
    boolean handles(String jdbcUrl);

    /** The URL without credentials, for messages. */
    String display(String jdbcUrl);

    /** Runs the job on the database of {@code jdbcUrl}; credentials from the URL or the engine's environment variable. */
    Outcome run(String jdbcUrl, Backfill job, Settings settings, Listener listener);

    /** The statements a run sends, in order, without connecting. */
    String dryRun(Backfill job, Settings settings);
}
