package dev.tideline.rules.plan;

/** The SQL form of a {@link Backfill}: a DO block walking the key in batches, committing after each. */
final class BackfillSql {
    private BackfillSql() {}

    /**
     * Keyset batches ({@code key > last ORDER BY key LIMIT n}), each committed so row locks are held only for
     * one batch; idempotent (only rows still to do are changed) so a re-run resumes; throttled by pg_sleep.
     * COMMIT inside DO works only when the DO itself is not inside a transaction block: the step is
     * non-transactional and alone in its file. lock_timeout set inside the block applies to each batch (a batch that
     * times out is retried, bounded by the retry tries); a statement_timeout would time the whole block (PostgreSQL
     * times the top-level statement), so none is set:
     * where the role or database imposes one, run the job with {@code tideline backfill} (timeouts per batch).
     */
    static String doLoop(Backfill job, String keyType, PlannerOptions o) {
        String firstBatch = job.batchSql(null, "tl_end_key");
        String nextBatch = job.batchSql("tl_last_key", "tl_end_key");
        return Sql.doBlock("DECLARE\n"
                + "  tl_last_key " + keyType + ";\n"
                + "  tl_next_key " + keyType + ";\n"
                + "  tl_end_key " + keyType + ";\n"
                + "  tl_changed bigint;\n"
                + "  tl_tries int := 0;\n"
                + "BEGIN\n"
                + "  SET lock_timeout = '" + o.lockTimeoutMs() + "ms';\n"
                // The walk ends at the highest key present when it starts: later rows are the trigger's or the new
                // release's, and a walk chasing the inserts at the end of the key range never ends on a busy table.
                + "  tl_end_key := (" + job.highestKeySql() + ");\n"
                + "  LOOP\n"
                + "    EXIT WHEN tl_end_key IS NULL OR tl_last_key >= tl_end_key;\n"
                // A batch that meets a row lock held by a long application transaction gives up at lock_timeout
                // and is retried with backoff (its sub-block rolls back alone; committed batches stay).
                + "    BEGIN\n"
                + "      IF tl_last_key IS NULL THEN\n"
                + "        " + firstBatch + "\n"
                + "          INTO tl_next_key, tl_changed;\n"
                + "      ELSE\n"
                + "        " + nextBatch + "\n"
                + "          INTO tl_next_key, tl_changed;\n"
                + "      END IF;\n"
                + "      tl_tries := 0;\n"
                + Sql.onLockTimeout(o, "tl_tries", "'batch after % waited longer than lock_timeout, retry % of "
                        + o.retryTries() + "', tl_last_key, tl_tries")
                + "      CONTINUE;\n"
                + "    END;\n"
                + "    EXIT WHEN tl_next_key IS NULL;\n"
                + "    tl_last_key := tl_next_key;\n"
                + "    COMMIT;\n"
                + "    PERFORM pg_sleep(" + (o.batchPauseMs() / 1000.0) + ");\n"
                + "  END LOOP;\n"

                + "  RESET lock_timeout;\n"
                + "END");
    }
}
