package dev.tideline.mysql.plan;

import dev.tideline.rules.plan.Backfill;

/**
 * A {@link Backfill} in MySQL's terms: keyset batches by the primary key ({@code key > last AND key <= next}, where next
 * is the batch's highest key), each in its own transaction, up to the highest key present when the walk starts (rows
 * written later are the application's). Used by the plan's backfill procedure and by {@code tideline backfill}, which
 * binds the keys as parameters ({@code ?}).
 */
public final class MySqlBackfillSql {
    private MySqlBackfillSql() {}

    /** The walk's end: the highest key now (NULL for an empty table). */
    public static String endKey(Backfill job) {
        return "SELECT MAX(" + job.keyColumn() + ") FROM " + job.table();
    }

    /** The highest key of the next batch after {@code after} up to {@code end} (SQL expressions), NULL when none is left. */
    public static String nextKey(Backfill job, String after, String end) {
        return "SELECT MAX(tl_batch.k) FROM (SELECT " + job.keyColumn() + " AS k FROM " + job.table() + " WHERE "
                + after(job, after) + job.keyColumn() + " <= " + end + " ORDER BY " + job.keyColumn() + " LIMIT "
                + job.batchSize() + ") AS tl_batch";
    }

    /** The batch's work: the rows after {@code after} up to {@code next} that are still to do. */
    public static String update(Backfill job, String after, String next) {
        return "UPDATE " + job.table() + " SET " + job.setClause() + " WHERE " + after(job, after) + job.keyColumn() + " <= "
                + next + " AND (" + job.whereNotDone() + ")";
    }

    /** Rows still to do: the gate after the backfill expects 0. */
    public static String remaining(Backfill job) {
        return "SELECT COUNT(*) FROM " + job.table() + " WHERE " + job.whereNotDone();
    }

    /** {@code after} NULL (the first batch) means no lower bound. */
    private static String after(Backfill job, String after) {
        return "(" + after + " IS NULL OR " + job.keyColumn() + " > " + after + ") AND ";
    }

    /**
     * The backfill as a procedure the migration file creates, calls and drops: each batch its own transaction with a
     * short {@code innodb_lock_wait_timeout}; a batch that meets a row lock (1205) or a deadlock (1213) is rolled back
     * and tried again after a pause, at most {@code retries} times in a row; a pause between batches.
     *
     * @param keyType the key column's type, e.g. {@code bigint unsigned}
     */
    static String procedure(String name, Backfill job, String keyType, int lockWaitSeconds, int retries) {
        return "CREATE PROCEDURE " + name + "()\n"
                + "BEGIN\n"
                + "  DECLARE tl_last_key " + keyType + " DEFAULT NULL;\n"
                + "  DECLARE tl_next_key " + keyType + " DEFAULT NULL;\n"
                + "  DECLARE tl_end_key " + keyType + " DEFAULT NULL;\n"
                + "  DECLARE tl_tries INT DEFAULT 0;\n"
                + "  SET SESSION innodb_lock_wait_timeout = " + lockWaitSeconds + ";\n"
                + "  " + endKey(job) + " INTO tl_end_key;\n"
                + "  batches: WHILE tl_end_key IS NOT NULL DO\n"
                + "    BEGIN\n"
                + "      DECLARE EXIT HANDLER FOR " + MySqlSteps.LOCK_WAIT_TIMEOUT + ", " + MySqlSteps.DEADLOCK + "\n"
                + "      BEGIN\n"
                + "        ROLLBACK;\n"
                + "        SET tl_tries = tl_tries + 1;\n"
                + "        IF tl_tries >= " + retries + " THEN\n"
                + "          RESIGNAL;\n"
                + "        END IF;\n"
                + "        DO SLEEP(LEAST(tl_tries, 10));\n"
                + "      END;\n"
                + "      START TRANSACTION;\n"
                + "      " + nextKey(job, "tl_last_key", "tl_end_key") + " INTO tl_next_key;\n"
                + "      IF tl_next_key IS NULL THEN\n"
                + "        COMMIT;\n"
                + "        LEAVE batches;\n"
                + "      END IF;\n"
                + "      " + update(job, "tl_last_key", "tl_next_key") + ";\n"
                + "      COMMIT;\n"
                + "      SET tl_last_key = tl_next_key;\n"
                + "      SET tl_tries = 0;\n"
                + "    END;\n"
                + "    IF tl_last_key >= tl_end_key THEN\n"
                + "      LEAVE batches;\n"
                + "    END IF;\n"
                + "    DO SLEEP(" + (job.pauseMs() / 1000.0) + ");\n"
                + "  END WHILE batches;\n"
                + "END";
    }
}
