package dev.tideline.mysql.plan;

import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.rules.plan.Backfill;
import dev.tideline.rules.plan.EnginePlanner;
import dev.tideline.rules.plan.Phase;
import dev.tideline.rules.plan.Step;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds MySQL steps with the safety every plan kind shares: a short {@code lock_wait_timeout} before anything that
 * takes a metadata lock (the server's default waits a year, MariaDB's a day, while every later query on the table
 * queues behind the waiting DDL), and a bounded retry of error 1205 inside the file, as a stored procedure the file
 * creates, calls and drops (MySQL has no anonymous blocks). Statements are copied as written, never re-indented.
 */
final class MySqlSteps {
    /** ER_LOCK_WAIT_TIMEOUT: a metadata lock (or row lock) was not granted within the timeout. */
    static final int LOCK_WAIT_TIMEOUT = 1205;
    /** ER_LOCK_DEADLOCK. */
    static final int DEADLOCK = 1213;
    /** The longest pause between two tries, in seconds. */
    private static final int MAX_PAUSE_SECONDS = 10;

    private final EnginePlanner.Settings settings;
    private final RunnerSql runner;

    MySqlSteps(EnginePlanner.Settings settings, RunnerSql runner) {
        this.settings = settings;
        this.runner = runner;
    }

    RunnerSql runner() {
        return runner;
    }

    EnginePlanner.Settings settings() {
        return settings;
    }

    /** {@code lock_wait_timeout} in whole seconds, at least 1 (the server's unit and minimum). */
    int lockWaitSeconds() {
        return Math.max(1, (settings.lockTimeoutMs() + 999) / 1000);
    }

    String lockWaitTimeout() {
        return "SET SESSION lock_wait_timeout = " + lockWaitSeconds() + ";\n";
    }

    /**
     * One DDL statement, alone in its step: the session's settings, a short lock_wait_timeout, then the statement in
     * the retry procedure (or as it is with {@code --no-retry}).
     *
     * @param session the file's earlier SET statements the statement depends on (foreign_key_checks, sql_mode …)
     */
    Step ddl(Phase phase, List<String> session, String statement, List<String> locks, String reason) {
        StringBuilder sql = new StringBuilder();
        for (String s : session) sql.append(runner.simple(s));
        sql.append(lockWaitTimeout());
        if (settings.retry()) {
            sql.append(retrying(statement));
        } else {
            sql.append(runner.simple(statement));
        }
        return new Step(phase, sql.toString(), locks, reason, true, false, null);
    }

    /** Statements kept as written (the plan changes nothing about them), with the session settings before them. */
    Step kept(List<String> session, List<String> statements, boolean compound, String reason) {
        StringBuilder sql = new StringBuilder();
        for (String s : session) sql.append(runner.simple(s));
        sql.append(lockWaitTimeout());
        for (String s : statements) sql.append(compound ? runner.compound(s) : runner.simple(s));
        return new Step(Phase.EXPAND, sql.toString(), List.of(), Step.KEPT_AS_WRITTEN + ": " + reason, false, false, null);
    }

    /**
     * A gate the next release waits for, as a step that fails (SQLSTATE 45000) while {@code countSql} counts rows.
     *
     * @param what the gate in words, e.g. {@code 0 rows where `email` IS NULL}
     */
    Step verify(String countSql, String what) {
        String name = MySqlRemedies.quote("tideline_gate_" + hash(countSql));
        String raw = "gate not met: " + what;
        String message = (raw.length() > 120 ? raw.substring(0, 120) : raw).replace("\\", "\\\\").replace("'", "''");
        String body = "CREATE PROCEDURE " + name + "()\n"
                + "BEGIN\n"
                + "  IF (" + countSql + ") > 0 THEN\n"
                + "    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '" + message + "';\n"
                + "  END IF;\n"
                + "END";
        String sql = runner.simple("DROP PROCEDURE IF EXISTS " + name) + runner.compound(body) + runner.simple("CALL " + name + "()")
                + runner.simple("DROP PROCEDURE " + name);
        return new Step(Phase.VERIFY, sql, List.of(), "gate: " + what, false, false, null);
    }

    /** The batched backfill as a procedure the file creates, calls and drops (see {@link MySqlBackfillSql#procedure}). */
    Step backfill(List<String> session, Backfill job, String keyType, String reason) {
        String name = MySqlRemedies.quote("tideline_backfill_" + hash(job.table() + job.setClause() + job.whereNotDone()));
        StringBuilder sql = new StringBuilder();
        for (String s : session) sql.append(runner.simple(s));
        sql.append(runner.simple("DROP PROCEDURE IF EXISTS " + name))
                .append(runner.compound(MySqlBackfillSql.procedure(name, job, keyType, lockWaitSeconds(), settings.retries())))
                .append(runner.simple("CALL " + name + "()"))
                .append(runner.simple("DROP PROCEDURE " + name));
        return new Step(Phase.BACKFILL, sql.toString(), List.of("row locks of one batch at a time"), reason, false, false, job);
    }

    /** A step that is not SQL for the runner (an online schema-change tool's command): the file holds it as comments. */
    Step command(Phase phase, String command, List<String> locks, String reason) {
        StringBuilder sql = new StringBuilder("-- Not SQL: run this command instead of this migration (then let the runner\n"
                + "-- record the file, which holds only comments):\n");
        for (String line : command.split("\n", -1)) sql.append("--   ").append(line).append('\n');
        return new Step(phase, sql.toString(), locks, reason, false, false, null);
    }

    /**
     * The statement in a procedure that runs it again after error 1205 (the metadata lock was not granted within
     * lock_wait_timeout: the queue behind it drains during the pause), at most {@code retries} times, pausing 1, 2, …
     * up to 10 s; then the error goes to the runner. The procedure is dropped first in case a failed run left it.
     */
    String retrying(String statement) {
        String name = MySqlRemedies.quote("tideline_retry_" + hash(statement));
        String body = "CREATE PROCEDURE " + name + "()\n"
                + "BEGIN\n"
                + "  DECLARE tl_tries INT DEFAULT 0;\n"
                + "  attempt: LOOP\n"
                + "    BEGIN\n"
                + "      DECLARE EXIT HANDLER FOR " + LOCK_WAIT_TIMEOUT + "\n"
                + "      BEGIN\n"
                + "        SET tl_tries = tl_tries + 1;\n"
                + "        IF tl_tries >= " + settings.retries() + " THEN\n"
                + "          RESIGNAL;\n"
                + "        END IF;\n"
                + "        DO SLEEP(LEAST(tl_tries, " + MAX_PAUSE_SECONDS + "));\n"
                + "      END;\n"
                + RunnerSql.terminated(statement) + "\n"
                + "      LEAVE attempt;\n"
                + "    END;\n"
                + "  END LOOP attempt;\n"
                + "END";
        return runner.simple("DROP PROCEDURE IF EXISTS " + name) + runner.compound(body) + runner.simple("CALL " + name + "()")
                + runner.simple("DROP PROCEDURE " + name);
    }

    /** A short stable name part, so that two steps' procedures never meet. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
