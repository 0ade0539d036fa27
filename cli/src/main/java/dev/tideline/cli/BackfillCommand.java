package dev.tideline.cli;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.api.Engines;
import dev.tideline.api.PlanRequest;
import dev.tideline.cli.backfill.BackfillException;
import dev.tideline.cli.backfill.BackfillRun;
import dev.tideline.cli.backfill.Checkpoint;
import dev.tideline.rules.plan.Backfill;
import dev.tideline.rules.plan.EngineBackfill;
import dev.tideline.trace.TraceException;
import dev.tideline.trace.db.ConnectionSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tideline backfill}: one batched, resumable, throttled UPDATE over JDBC, verified at the end. */
@Command(name = "backfill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Runs one backfill on the database: UPDATE table SET ... in batches walked by key range (keyset, not"
                        + " OFFSET) up to the highest key at the start, each batch its own short transaction with"
                        + " lock_timeout and statement_timeout, a pause between batches, lock timeouts retried with backoff.",
                "Progress is checkpointed in the table " + Checkpoint.TABLE + " of that database (created if missing),"
                        + " in the same transaction as each batch: an interrupted run, run again, resumes after the last"
                        + " committed batch. At the end it counts the rows still matching --where; 0 means done.",
                "Schema " + Checkpoint.SCHEMA + " must belong to the role running the backfill (no other role may create"
                        + " in it) and the checkpoint table must have no triggers or rules: otherwise the run is refused."
                        + " One run of a job at a time: a second run of the same job stops at once (exit 2).",
                "This writes to the database named by --db: that is what the command is for. --dry-run shows the SQL.",
                "",
                "Exit: 0 done and verified, 1 rows still not done, 2 usage/connection/SQL error, 3 stopped early by"
                        + " --max-batches (run again to resume)."},
        footer = {"", "Examples:",
                "  tideline backfill --db 'jdbc:postgresql://localhost/app?user=me' \\",
                "      --table users --key id --set 'email_address = email' \\",
                "      --where 'email_address IS DISTINCT FROM email'",
                "  tideline plan --format json db/V42__rename.sql > plan.json",
                "  tideline backfill --db \"$DATABASE_URL\" --plan-file plan.json --step 4",
                "  tideline backfill --dry-run --table users --set 'a = b' --where 'a IS DISTINCT FROM b'",
                "",
                "  tideline backfill --db 'jdbc:mysql://127.0.0.1:3306/app?user=me' --replica 'jdbc:mysql://replica:3306/app?user=me' \\",
                "      --plan-file plan.json --step 4",
                "",
                "Credentials: from the URL, PGPASSWORD or ~/.pgpass (MySQL/MariaDB: the URL or MYSQL_PWD); never printed.",
                "MySQL/MariaDB (--db jdbc:mysql://… or jdbc:mariadb://…): batches by the key, each its own transaction with"
                        + " innodb_lock_wait_timeout (--lock-timeout), retried on 1205/1213; checkpoint table"
                        + " tideline_backfill_checkpoint in the database (an InnoDB table with no triggers, else refused).",
                "The key must be a unique, not-null, orderable column (usually the primary key)."})
final class BackfillCommand implements Callable<Integer> {
    static final int STOPPED_EARLY = 3;
    static final int DEFAULT_BATCH_TIME_MS = 200;
    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "The database to backfill (not needed with --dry-run).")
    String db;

    @Option(names = "--plan-file", paramLabel = "FILE",
            description = "The job from a plan: JSON written by `tideline plan --format json` (with --step; replaces --table/--key/--set/--where).")
    Path planFile;

    @Option(names = "--step", paramLabel = "N", description = "With --plan-file: the backfill step, numbered as `tideline plan` numbers steps.")
    Integer step;

    @Option(names = "--table", paramLabel = "TABLE", description = "Table to update (schema-qualified if needed).")
    String table;

    @Option(names = "--key", paramLabel = "COLUMN",
            description = "Unique, not-null column batches are walked by (default: id).")
    String key;

    @Option(names = "--set", paramLabel = "SQL", description = "The SET list, e.g. \"new_col = old_col\".")
    String set;

    @Option(names = "--where", paramLabel = "SQL",
            description = "Rows still to do, e.g. \"new_col IS DISTINCT FROM old_col\": keeps batches idempotent and is the final check.")
    String where;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Rows of the first batch (default: the plan's, else 5000); alone, without --batch-time, of every batch.")
    Integer batchSize;

    @Option(names = "--batch-time", paramLabel = "DURATION",
            description = "Size each batch to take about this long, growing or shrinking it (default: 200ms unless --batch-size"
                    + " is given; 0 = fixed size).")
    String batchTime;

    @Option(names = "--max-batch-size", paramLabel = "N", defaultValue = "50000",
            description = "Largest batch when sized by time (default: ${DEFAULT-VALUE}).")
    int maxBatchSize;

    @Option(names = "--pause", paramLabel = "DURATION",
            description = "Pause between batches at the least, e.g. 100ms, 2s (default: the plan's, else 100ms); after a batch"
                    + " that took over twice its --batch-time, as long as that batch took.")
    String pause;

    @Option(names = "--max-replication-lag", paramLabel = "DURATION",
            description = "Before each batch, wait while a replica (pg_stat_replication; MySQL/MariaDB: --replica) lags more than this.")
    String maxReplicationLag;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "2s",
            description = "lock_timeout of each batch; a batch that hits it is retried (default: ${DEFAULT-VALUE}).")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "statement_timeout of each batch (default: ${DEFAULT-VALUE}).")
    String statementTimeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "10",
            description = "Retries of a batch that hit a lock timeout, deadlock or timeout, with backoff, 0 to "
                    + PlanRequest.MAX_RETRIES + " (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--job", paramLabel = "NAME",
            description = "Checkpoint name (default: the table and a hash of the job, so a changed job starts afresh).")
    String jobName;

    @Option(names = "--max-batches", paramLabel = "N", defaultValue = "0",
            description = "Stop after N batches in this run, keeping the checkpoint (exit 3); 0 = no limit.")
    long maxBatches;

    @Option(names = "--dry-run", description = "Print the SQL that would run, without connecting.")
    boolean dryRun;

    @Option(names = "--replica", paramLabel = "JDBC_URL",
            description = "MySQL/MariaDB: a replica whose lag (SHOW REPLICA STATUS) holds the next batch back while over --max-replication-lag (default there: 1s).")
    String replica;


    @Override
    public Integer call() {
        if (batchSize != null && batchSize < 1) throw new Main.UserError("--batch-size must be 1 or more");
        if (retries < 0 || retries > PlanRequest.MAX_RETRIES) throw new Main.UserError("--retries must be 0 to " + PlanRequest.MAX_RETRIES);
        if (maxBatches < 0) throw new Main.UserError("--max-batches must be 0 or more");
        if (maxBatchSize < 1) throw new Main.UserError("--max-batch-size must be 1 or more");
        Backfill job = planFile != null ? fromPlan() : fromOptions();
        Optional<EngineBackfill> engine = db == null ? Optional.empty() : Engines.backfill(db);
        if (engine.isPresent()) return engineRun(engine.get(), job);
        if (replica != null) throw new Main.UserError("--replica throttles MySQL/MariaDB backfills (--db jdbc:mysql://… or jdbc:mariadb://…)");
        int timed = batchTime != null ? Durations.millis("--batch-time", batchTime) : batchSize != null ? 0 : DEFAULT_BATCH_TIME_MS;
        BackfillRun.Settings settings = new BackfillRun.Settings(Durations.millis("--lock-timeout", lockTimeout),
                Durations.millis("--statement-timeout", statementTimeout), retries, maxBatches,
                jobName != null ? jobName : defaultJobName(job), timed, maxBatchSize,
                maxReplicationLag == null ? 0 : Durations.millis("--max-replication-lag", maxReplicationLag));
        if (dryRun) {
            spec.commandLine().getOut().print(dryRunSql(job, settings));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (db == null) throw new Main.UserError("--db JDBC_URL is required (or use --dry-run to see the SQL)");
        return run(job, settings);
    }

    /** MySQL, MariaDB: the engine runs the job (its SQL, errors, checkpoint and replica throttle). */
    private int engineRun(EngineBackfill engine, Backfill job) {
        int maxLag = maxReplicationLag == null ? 1 : (Durations.millis("--max-replication-lag", maxReplicationLag) + 999) / 1000;
        if (replica != null && !engine.handles(replica)) throw new Main.UserError("--replica needs a URL of the same kind as --db");
        EngineBackfill.Settings settings = new EngineBackfill.Settings(Durations.millis("--lock-timeout", lockTimeout), retries,
                maxBatches, jobName != null ? jobName : defaultJobName(job), replica, maxLag);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (dryRun) {
            out.print(engine.dryRun(job, settings));
            out.flush();
            return 0;
        }
        err.printf("tideline backfill: on %s, UPDATE %s SET %s WHERE %s, in batches of %d rows by %s, pausing %d ms;%n"
                        + "  innodb_lock_wait_timeout %d ms per batch%s; checkpoint '%s'%n",
                engine.display(db), job.table(), job.setClause(), job.whereNotDone(), job.batchSize(), job.keyColumn(), job.pauseMs(),
                settings.lockWaitMs(), replica == null ? "" : ", waiting while " + engine.display(replica) + " lags over " + maxLag + " s",
                settings.job());
        err.flush();
        EngineBackfill.Outcome outcome;
        try {
            outcome = engine.run(db, job, settings, new EngineBackfill.Listener() {
                @Override
                public void batch(long batches, long rowsChanged, String lastKey) {
                }

                @Override
                public void retry(String lastKey, int attempt, String reason, long backoffMs) {
                    err.printf("tideline backfill: retry %d of the batch after %s in %d ms: %s%n",
                            attempt, lastKey == null ? "the start" : job.keyColumn() + " " + lastKey, backoffMs, reason);
                    err.flush();
                }

                @Override
                public void throttled(long lagSeconds) {
                    err.printf("tideline backfill: the replica lags %d s (over %d s): waiting%n", lagSeconds, maxLag);
                    err.flush();
                }
            });
        } catch (EngineBackfill.Failure e) {
            throw new Main.UserError(e.getMessage());
        }
        return finish(job, outcome.status().name(), outcome.batches(), outcome.rowsChanged(), outcome.remaining(),
                outcome.resumedAfter());
    }

    private Backfill fromOptions() {
        if (step != null) throw new Main.UserError("--step needs --plan-file FILE");
        for (String[] o : new String[][] {{"--table", table}, {"--set", set}, {"--where", where}}) {
            if (o[1] == null) throw new Main.UserError(o[0] + " is required (or take the job from --plan-file FILE --step N)");
        }
        for (String[] o : new String[][] {{"--table", table}, {"--key", key}, {"--set", set}, {"--where", where}}) {
            if (o[1] != null && o[1].isBlank()) throw new Main.UserError(o[0] + " must not be empty");
        }
        return new Backfill(table, key == null ? "id" : key, set, where, null, null, batchSize == null ? 5000 : batchSize,
                Durations.millis("--pause", pause == null ? "100ms" : pause));
    }

    private Backfill fromPlan() {
        if (step == null) throw new Main.UserError("--plan-file needs --step N (the backfill step's number in the plan)");
        if (table != null || key != null || set != null || where != null) {
            throw new Main.UserError("--plan-file gives the job: leave out --table, --key, --set and --where");
        }
        Backfill planned = PlanFile.backfillStep(planFile, step);
        return new Backfill(planned.table(), planned.keyColumn(), planned.setClause(), planned.whereNotDone(), null, null,
                batchSize != null ? batchSize : planned.batchSize(), pause != null ? Durations.millis("--pause", pause) : planned.pauseMs());
    }

    private int run(Backfill job, BackfillRun.Settings settings) {
        PrintWriter err = spec.commandLine().getErr();
        ConnectionSpec target;
        try {
            target = ConnectionSpec.parse(db, System.getenv());
        } catch (TraceException e) {
            throw new Main.UserError(e.getMessage());
        }
        String batches = settings.batchTimeMs() == 0
                ? String.format("in batches of %d rows by %s, pausing %d ms", job.batchSize(), job.keyColumn(), job.pauseMs())
                : String.format("in batches by %s sized to take %d ms (the first %d rows, at most %d), pausing at least %d ms",
                        job.keyColumn(), settings.batchTimeMs(), Math.min(job.batchSize(), settings.maxBatchSize()),
                        settings.maxBatchSize(), job.pauseMs());
        err.printf("tideline backfill: on %s, UPDATE %s SET %s WHERE %s, %s;%n"
                        + "  lock_timeout %d ms, statement_timeout %d ms per batch; checkpoint '%s' in table %s%n",
                target.display(), job.table(), job.setClause(), job.whereNotDone(), batches, settings.lockTimeoutMs(),
                settings.statementTimeoutMs(), settings.job(), Checkpoint.TABLE);
        err.flush();
        ProgressBar bar = System.console() != null ? new ProgressBar(System.err) : null;
        BackfillRun.Outcome outcome;
        try (Connection c = connect(target)) {
            long estimate = estimatedBatches(c, job);
            outcome = new BackfillRun(job, settings, new BackfillRun.Listener() {
                @Override
                public void batch(long batches, long rowsChanged, String lastKey) {
                    if (bar != null) bar.step((int) Math.min(batches, estimate), (int) estimate,
                            rowsChanged + " rows changed, " + job.keyColumn() + " <= " + lastKey);
                }

                @Override
                public void replicaLag(long lagMs) {
                    if (bar != null) bar.clear();
                    err.printf("tideline backfill: a replica lags %d ms behind (over --max-replication-lag): waiting%n", lagMs);
                    err.flush();
                }

                @Override
                public void retry(String lastKey, int attempt, String reason, long backoffMs) {
                    if (bar != null) bar.clear();
                    err.printf("tideline backfill: retry %d of the batch after %s in %d ms: %s%n",
                            attempt, lastKey == null ? "the start" : job.keyColumn() + " " + lastKey, backoffMs, reason);
                    err.flush();
                }
            }, target::mask).run(c);
        } catch (BackfillException e) {
            throw new Main.UserError(e.getMessage());
        } catch (SQLException e) {
            throw new Main.UserError(target.mask(e.getMessage()));
        } finally {
            if (bar != null) bar.clear();
        }
        return finish(job, outcome.status().name(), outcome.batches(), outcome.rowsChanged(), outcome.remaining(),
                outcome.resumedAfter());
    }

    /** Says how the run ended; the exit status: 0 done, 1 rows left, 3 stopped early. */
    private int finish(Backfill job, String status, long batches, long rowsChanged, long remaining, String resumedAfter) {
        PrintWriter out = spec.commandLine().getOut();
        String resumed = resumedAfter == null ? "" : " (resumed after " + job.keyColumn() + " " + resumedAfter + ")";
        int code;
        switch (status) {
            case "STOPPED" -> {
                out.printf("stopped after %d batches as asked (--max-batches), %d rows changed so far%s; run the same command again to resume%n",
                        batches, rowsChanged, resumed);
                code = STOPPED_EARLY;
            }
            case "ROWS_LEFT" -> {
                out.printf("walked %s in %d batches, %d rows changed%s, but %d rows still match its WHERE:"
                                + " something writes rows the backfill does not cover (is the sync trigger in place?); run again to walk again%n",
                        job.table(), batches, rowsChanged, resumed, remaining);
                code = 1;
            }
            default -> {
                out.printf("done: %s in %d batches, %d rows changed%s; verified: 0 rows left WHERE %s%n",
                        job.table(), batches, rowsChanged, resumed, job.whereNotDone());
                code = 0;
            }
        }
        out.flush();
        return code;
    }

    private static Connection connect(ConnectionSpec target) {
        try {
            Connection c = target.connect();
            try (Statement st = c.createStatement()) {
                st.execute("SET application_name = 'tideline backfill'");
            }
            return c;
        } catch (TraceException e) {
            throw new Main.UserError(e.getMessage());
        } catch (SQLException e) {
            throw new Main.UserError(target.mask(e.getMessage()));
        }
    }

    /** From the planner's statistics, for the progress bar only; at least 1. */
    private static long estimatedBatches(Connection c, Backfill job) throws SQLException {
        try (var ps = c.prepareStatement("SELECT greatest(reltuples, 0)::pg_catalog.int8 FROM pg_catalog.pg_class"
                + " WHERE oid = pg_catalog.to_regclass(?)")) {
            ps.setString(1, job.table());
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) throw new Main.UserError("--table " + job.table() + ": no such table");
                return Math.max(1, (rs.getLong(1) + job.batchSize() - 1) / job.batchSize());
            }
        }
    }

    /** The statements a run sends, in order; values only known at run time stand as psql variables. */
    static String dryRunSql(Backfill job, BackfillRun.Settings s) {
        String afterKey = ":'after_key'";
        String lastKey = ":'last_key'";
        String endKey = ":'end_key'";
        StringBuilder sql = new StringBuilder("-- tideline backfill: the SQL it sends (nothing was sent to a database).\n"
                + "-- Values known at run time stand as psql variables, which tideline too writes in as quoted literals:\n"
                + "-- :'end_key' is the highest " + Quoting.comment(job.keyColumn()) + " when the walk starts, :'after_key' the last_key"
                + " of the previous batch,\n-- :'last_key' and :done what the batch itself returned.\n\n"
                + "-- pg_catalog first, then the schemas the session's search_path names (current_schemas(false)), pg_temp last; e.g.:\n"
                + BackfillRun.searchPathSql(List.of("public")) + ";\n"
                + "-- false: the job is running elsewhere, stop (exit 2)\n"
                + Checkpoint.lockSql(s.job()) + ";\n"
                + "-- refused unless schema " + Checkpoint.SCHEMA + " belongs to this role and no other role may create in it:\n"
                + Checkpoint.CREATE_SCHEMA + ";\n"
                + "-- refused unless the table belongs to this role and has no triggers or rules:\n"
                + Checkpoint.CREATE + ";\n"
                + "-- an unfinished walk of this job resumes where it stopped; else a new walk:\n"
                + Checkpoint.resumeSql(s.job()) + ";\n"
                + BackfillRun.maxKeySql(job) + ";\n"
                + Checkpoint.restartSql(s.job(), endKey) + ";\n\n");
        String timeouts = "BEGIN;\n" + String.join(";\n", BackfillRun.timeoutsSql(s)) + ";\n";
        String rest = Checkpoint.advanceSql(s.job(), lastKey, ":done") + ";\n"
                + BackfillRun.keysLeftSql(job, lastKey, endKey) + ";\n"
                + "-- when that is false (or last_key is NULL) the walk is over, and before COMMIT:\n"
                + Checkpoint.finishSql(s.job()) + ";\n"
                + "COMMIT;\n\n";
        sql.append("-- first batch:\n").append(timeouts).append(job.batchSql(null, endKey)).append(";\n").append(rest)
                .append("-- each next batch, after a pause of ").append(job.pauseMs()).append(" ms; a batch failing on lock_timeout,")
                .append(" deadlock or timeout is rolled back and retried up to ").append(s.retries()).append(" times with backoff:\n")
                .append(timeouts).append(job.batchSql(afterKey, endKey)).append(";\n").append(rest)
                .append("-- then the check (0 = done, else exit 1):\n")
                .append("SET statement_timeout = 0;\n")
                .append(job.remainingSql()).append(";\n");
        return sql.toString();
    }

    static String defaultJobName(Backfill job) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.join("\n", job.table(), job.keyColumn(),
                    job.setClause(), job.whereNotDone()).getBytes(StandardCharsets.UTF_8));
            return job.table() + ":" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
