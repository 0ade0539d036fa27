package dev.tideline.rules.plan;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.TableRef;
import java.util.ArrayList;
import java.util.List;

/** Builds steps with the safety settings every plan kind shares. */
final class Steps {
    private final PlannerOptions options;

    Steps(PlannerOptions options) {
        this.options = options;
    }

    PlannerOptions options() {
        return options;
    }

    static String lock(LockMode mode, TableRef table) {
        return mode.sql() + " on " + Quoting.table(table);
    }

    /**
     * Short DDL taking a lock that queues writers (or readers): lock_timeout and statement_timeout, and the
     * bounded retry loop when asked for. Several statements run in one transaction (e.g. a swap).
     */
    Step ddl(Phase phase, List<String> statements, List<String> locks, String reason) {
        return ddl(phase, statements, locks, reason, null);
    }

    /**
     * @param guard a condition (SQL boolean) under which the statements still need to run, for statements with no
     *              IF [NOT] EXISTS form (ADD CONSTRAINT); null when they are re-runnable as written
     */
    Step ddl(Phase phase, List<String> statements, List<String> locks, String reason, String guard) {
        StringBuilder sql = new StringBuilder(options.retry()
                ? "-- statement_timeout times the whole retry loop: every try's lock_timeout, the pauses, one attempt\n"
                        + Sql.prelude(options, Sql.retryBudgetMs(options))
                : Sql.prelude(options, true));
        String body = String.join("\n", statements.stream().map(Steps::terminated).toList());
        if (guard != null) body = "IF " + guard + " THEN\n" + body + "\nEND IF;";
        if (options.retry()) {
            sql.append(Sql.retry(options, body));
        } else if (guard != null) {
            sql.append(Sql.doBlock("BEGIN\n" + body + "\nEND"));
        } else {
            sql.append(body).append('\n');
        }
        sql.append(Sql.epilogue(true));
        return new Step(phase, sql.toString(), locks, reason, true, true, null);
    }

    Step ddl(Phase phase, String statement, List<String> locks, String reason) {
        return ddl(phase, List.of(statement), locks, reason, null);
    }

    /** A {@code tideline:ignore} comment put before a statement the plan makes safe by its order (a contract step). */
    String suppressed(String rule, String why, String statement) {
        return "-- tideline:ignore " + rule + " -- " + Quoting.comment(why) + "\n" + statement;
    }

    /**
     * A statement that holds a lock which lets reads and writes through (SHARE UPDATE EXCLUSIVE) while it scans:
     * lock_timeout only, no statement_timeout (the scan takes as long as the table is big), no retry needed.
     */
    Step scan(Phase phase, String statement, List<String> locks, String reason) {
        String sql = Sql.prelude(options, false) + "SET statement_timeout = 0;\n" + terminated(statement) + "\n"
                + Sql.epilogue(true);
        return new Step(phase, sql, locks, reason, false, true, null);
    }

    /** One statement that cannot run in a transaction block (CONCURRENTLY): alone in its file, no settings. */
    Step concurrent(Phase phase, String statement, List<String> locks, String reason) {
        return new Step(phase, terminated(statement) + "\n", locks, reason, false, false, null);
    }

    /** Transactional statements that take no lock others wait on (CREATE FUNCTION, CREATE TABLE, SELECT…). */
    Step plain(Phase phase, List<String> statements, List<String> locks, String reason) {
        StringBuilder sql = new StringBuilder(Sql.prelude(options, true));
        for (String s : statements) sql.append(terminated(s)).append('\n');
        sql.append(Sql.epilogue(true));
        return new Step(phase, sql.toString(), locks, reason, false, true, null);
    }

    /** A batched backfill: one DO block committing after each batch, so it must run outside a transaction. */
    Step backfill(Backfill job, String keyType, String reason) {
        List<String> locks = new ArrayList<>();
        locks.add(LockMode.ROW_EXCLUSIVE.sql() + " on " + job.table() + " (row locks of one batch at a time)");
        if (job.isCopy()) locks.add(LockMode.ROW_EXCLUSIVE.sql() + " on " + job.copyInto());
        return new Step(Phase.BACKFILL, BackfillSql.doLoop(job, keyType, options), locks, reason
                + " (one DO block: a statement_timeout of your role or database would time all of it — then run it with"
                + " tideline backfill, which times each batch)", false, false, job);
    }

    /** A read-only check of a gate: fails the migration when the condition does not hold. */
    Step verify(String countSql, String what) {
        String sql = Sql.doBlock("DECLARE\n"
                + "  remaining bigint;\n"
                + "BEGIN\n"
                + "  " + countSql + " INTO remaining;\n"
                + "  IF remaining > 0 THEN\n"
                // the text is an argument, not part of the format, where a % in a name would take an argument's place
                + "    RAISE EXCEPTION 'tideline gate: % row(s) still to do: %', remaining, " + Quoting.literal(what) + ";\n"
                + "  END IF;\n"
                + "END");
        return new Step(Phase.VERIFY, sql, List.of(), "gate: " + what, false, true, null);
    }

    private static String terminated(String statement) {
        String s = statement.strip();
        return s.endsWith(";") ? s : s + ";";
    }
}
