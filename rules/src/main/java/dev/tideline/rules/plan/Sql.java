package dev.tideline.rules.plan;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.TableRef;
import java.util.Locale;

/** SQL text building blocks shared by the plan kinds. */
final class Sql {
    private Sql() {}

    /** A name derived from parts, cut to PostgreSQL's 63-byte identifier limit. */
    static String name(String... parts) {
        String joined = String.join("_", parts).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        return joined.length() <= 63 ? joined : joined.substring(0, 54) + "_" + Integer.toHexString(joined.hashCode()).substring(0, Math.min(8, Integer.toHexString(joined.hashCode()).length()));
    }

    /** The same relation's sibling name (same schema). */
    static TableRef sibling(TableRef ref, String name) {
        return new TableRef(ref.schema(), name);
    }

    /** Settings at the top of a step. {@code statementTimeout} false for scans and batch loops. */
    static String prelude(PlannerOptions o, boolean statementTimeout) {
        return prelude(o, statementTimeout ? o.statementTimeoutMs() : 0);
    }

    /** @param statementTimeoutMs 0 for none */
    static String prelude(PlannerOptions o, long statementTimeoutMs) {
        StringBuilder sb = new StringBuilder();
        sb.append("SET lock_timeout = '").append(o.lockTimeoutMs()).append("ms';\n");
        if (statementTimeoutMs > 0) sb.append("SET statement_timeout = '").append(statementTimeoutMs).append("ms';\n");
        return sb.toString();
    }

    /**
     * statement_timeout for a statement wrapped in the retry loop: PostgreSQL times the whole DO block, so it must
     * cover every try's lock_timeout and the pauses between tries, plus one attempt's own statement_timeout.
     */
    static long retryBudgetMs(PlannerOptions o) {
        long total = (long) o.retryTries() * o.lockTimeoutMs() + o.statementTimeoutMs();
        for (int tries = 1; tries < o.retryTries(); tries++) total += pauseMs(tries);
        return total;
    }

    /** The pause after the given number of failed tries (the loop's pg_sleep). */
    static long pauseMs(int tries) {
        return (long) Math.min(200 * Math.pow(2, tries), 10_000);
    }

    /** Settings back to the server defaults at the end of a step (runners reuse their connection). */
    static String epilogue(boolean statementTimeout) {
        return statementTimeout ? "RESET statement_timeout;\nRESET lock_timeout;\n" : "RESET lock_timeout;\n";
    }

    /**
     * A lock-taking statement in a bounded retry loop: each try waits at most lock_timeout, then backs off
     * (doubling, capped at 10 s) so queued application queries drain between tries.
     */
    static String retry(PlannerOptions o, String statement) {
        String body = statement.strip();
        if (body.endsWith(";")) body = body.substring(0, body.length() - 1);
        return doBlock("DECLARE\n"
                + "  tries int := 0;\n"
                + "BEGIN\n"
                + "  LOOP\n"
                + "    BEGIN\n"
                // the statement's later lines are not indented: that would change multi-line literals in it
                + "      " + body + ";\n"
                + "      EXIT;\n"
                + onLockTimeout(o, "tries", "'lock not available, retry % of " + o.retryTries() + "', tries")
                + "    END;\n"
                + "  END LOOP;\n"
                + "END");
    }

    /** A DO block whose dollar tag does not occur in the body. */
    static String doBlock(String body) {
        return "DO " + Quoting.dollarQuoted("\n" + body + "\n") + ";\n";
    }

    /**
     * The exception handler of a retried block (at the indentation of a block inside a LOOP): counts the try in
     * {@code counter}, re-raises after the last one, else says so and backs off (doubling, capped at 10 s).
     *
     * @param notice the RAISE NOTICE format and arguments
     */
    static String onLockTimeout(PlannerOptions o, String counter, String notice) {
        return "    EXCEPTION WHEN lock_not_available THEN\n"
                + "      " + counter + " := " + counter + " + 1;\n"
                + "      IF " + counter + " >= " + o.retryTries() + " THEN\n"
                + "        RAISE;\n"
                + "      END IF;\n"
                + "      RAISE NOTICE " + notice + ";\n"
                + "      PERFORM pg_sleep(least(0.2 * power(2, " + counter + "), 10));\n";
    }
}
