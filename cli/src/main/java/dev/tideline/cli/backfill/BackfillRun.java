package dev.tideline.cli.backfill;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.rules.plan.Backfill;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Runs one {@link Backfill} over JDBC: keyset batches, each its own transaction with {@code lock_timeout} and
 * {@code statement_timeout}, the checkpoint advanced in the same transaction (so a batch and its checkpoint commit
 * or roll back together), lock timeouts retried with backoff, a pause between batches, and a final count of the
 * rows still not done. Keys are written into the statements as quoted literals (no placeholders: see {@link Verbatim}),
 * untyped, so the server reads them as the key column's type. The session's {@code search_path} puts
 * {@code pg_catalog} first and {@code pg_temp} last, so no function, operator or temporary table of another role
 * takes the place of a built-in one.
 */
public final class BackfillRun {
    /** SQLSTATEs worth retrying: lock_not_available, deadlock_detected, serialization_failure, query_canceled. */
    private static final Set<String> RETRYABLE = Set.of("55P03", "40P01", "40001", "57014");
    private static final long MAX_BACKOFF_MS = 5_000;

    /**
     * @param lockTimeoutMs      per batch transaction
     * @param statementTimeoutMs per batch transaction (0 = none)
     * @param retries            tries of a failing batch beyond the first, for the retryable errors only
     * @param maxBatches         stop after this many batches in this run (0 = no limit); the checkpoint keeps the place
     * @param job                checkpoint key
     * @param batchTimeMs        the time each batch is sized to take (0: every batch has the job's batch size)
     * @param maxBatchSize       the largest batch when sized by time
     * @param maxReplicationLagMs wait before a batch while a replica lags more than this (0: do not look)
     */
    public record Settings(int lockTimeoutMs, int statementTimeoutMs, int retries, long maxBatches, String job,
                           int batchTimeMs, int maxBatchSize, int maxReplicationLagMs) {}

    /** What a run reports while it goes. */
    public interface Listener {
        void batch(long batches, long rowsChanged, String lastKey);

        void retry(String lastKey, int attempt, String reason, long backoffMs);

        /** A replica lags {@code lagMs} behind, more than allowed: the next batch waits. */
        default void replicaLag(long lagMs) {}
    }

    public enum Status { DONE, ROWS_LEFT, STOPPED }

    /** @param remaining rows still matching the not-done predicate after the walk (-1 when stopped early) */
    public record Outcome(Status status, long batches, long rowsChanged, long remaining, String resumedAfter) {}

    private final Backfill job;
    private final Settings settings;
    private final Listener listener;
    private final UnaryOperator<String> mask;

    /** @param mask removes credentials from driver messages before they are shown */
    public BackfillRun(Backfill job, Settings settings, Listener listener, UnaryOperator<String> mask) {
        this.job = job;
        this.settings = settings;
        this.listener = listener;
        this.mask = mask;
    }

    public Outcome run(Connection c) {
        try {
            c.setAutoCommit(true);
            try (Statement st = Verbatim.statement(c)) {
                st.execute(searchPathSql(sessionSchemas(c)));
            }
            Checkpoint checkpoint = new Checkpoint(c, settings.job());
            Checkpoint.State start = checkpoint.begin(maxKeySql(job));
            String lastKey = start.lastKey();
            long batches = start.batches();
            long rows = start.rowsDone();
            long thisRun = 0;
            if (start.endKey() == null) checkpoint.finish(); // the table was empty: nothing to walk
            c.setAutoCommit(false);
            BatchSizer sizer = new BatchSizer(job.batchSize(), settings.batchTimeMs(), settings.maxBatchSize(), job.pauseMs());
            while (start.endKey() != null) {
                if (settings.maxBatches() > 0 && thisRun >= settings.maxBatches()) {
                    return new Outcome(Status.STOPPED, batches, rows, -1, start.lastKey());
                }
                waitForReplicas(c);
                BatchResult r = batchWithRetries(c, checkpoint, lastKey, start.endKey(), sizer);
                if (r.lastKey() == null) break;
                lastKey = r.lastKey();
                batches++;
                thisRun++;
                rows += r.done();
                listener.batch(batches, rows, lastKey);
                if (r.walkDone()) break;
                sleep(sizer.pauseMs());
            }
            c.setAutoCommit(true);
            long remaining = remaining(c);
            return new Outcome(remaining == 0 ? Status.DONE : Status.ROWS_LEFT, batches, rows, remaining, start.lastKey());
        } catch (SQLException e) {
            throw new BackfillException(message(e));
        }
    }

    /** The server's message without its context lines, credentials masked. */
    private String message(SQLException e) {
        String text = mask.apply(String.valueOf(e.getMessage())).strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }

    /** @param walkDone no key is left up to the walk's end key */
    private record BatchResult(String lastKey, long done, boolean walkDone) {}

    /** The highest key when the walk starts: the walk's end. */
    public static String maxKeySql(Backfill job) {
        return "SELECT (" + job.highestKeySql() + ")::text";
    }

    /** pg_catalog first, then the session's own schemas (the job's SQL names their tables and functions), pg_temp last. */
    public static String searchPathSql(List<String> schemas) {
        StringBuilder sb = new StringBuilder("SET search_path = pg_catalog");
        for (String schema : schemas) sb.append(", ").append(Quoting.ident(schema));
        return sb.append(", pg_temp").toString();
    }

    /** The schemas the session's search_path names that exist, without pg_catalog and temporary ones. */
    private static List<String> sessionSchemas(Connection c) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement st = Verbatim.statement(c); ResultSet rs = st.executeQuery("SELECT pg_catalog.current_schemas(false)")) {
            rs.next();
            Array names = rs.getArray(1);
            for (Object name : (Object[]) names.getArray()) {
                String schema = (String) name;
                if (!schema.equals("pg_catalog") && !schema.startsWith("pg_temp")) schemas.add(schema);
            }
        }
        return schemas;
    }

    /** The first statements of each batch's transaction. */
    public static List<String> timeoutsSql(Settings s) {
        return List.of("SET LOCAL lock_timeout = '" + s.lockTimeoutMs() + "ms'",
                "SET LOCAL statement_timeout = '" + s.statementTimeoutMs() + "ms'");
    }

    /** Whether keys are left after {@code lastKey} up to {@code endKey} (SQL expressions), so another batch is due. */
    public static String keysLeftSql(Backfill job, String lastKey, String endKey) {
        return "SELECT EXISTS (SELECT 1 FROM " + job.table() + " WHERE " + job.keyColumn() + " > " + lastKey + " AND "
                + job.keyColumn() + " <= " + endKey + ")";
    }

    private BatchResult batchWithRetries(Connection c, Checkpoint checkpoint, String lastKey, String endKey, BatchSizer sizer)
            throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try {
                long start = System.nanoTime();
                BatchResult r = batch(c, checkpoint, lastKey, endKey, sizer.size());
                c.commit();
                sizer.took((System.nanoTime() - start) / 1_000_000);
                return r;
            } catch (SQLException e) {
                c.rollback();
                sizer.retried();
                String where = lastKey == null ? "the first batch" : "the batch after key " + lastKey;
                if (!RETRYABLE.contains(e.getSQLState()) || attempt >= settings.retries()) {
                    throw new BackfillException(where + " failed" + (attempt > 0 ? " after " + (attempt + 1) + " tries" : "")
                            + ": " + message(e) + " (progress up to there is saved: run the same command again to resume)");
                }
                long backoff = Math.min(MAX_BACKOFF_MS, 200L << Math.min(attempt, 10));
                listener.retry(lastKey, attempt + 1, message(e), backoff);
                sleep(backoff);
            }
        }
    }

    private BatchResult batch(Connection c, Checkpoint checkpoint, String lastKey, String endKey, int size) throws SQLException {
        String newKey;
        long done;
        Backfill sized = new Backfill(job.table(), job.keyColumn(), job.setClause(), job.whereNotDone(), job.copyInto(),
                job.copyColumns(), size, job.pauseMs());
        try (Statement st = Verbatim.statement(c)) {
            for (String set : timeoutsSql(settings)) st.execute(set);
            try (ResultSet rs = st.executeQuery(sized.batchSql(lastKey == null ? null : Quoting.literal(lastKey), Quoting.literal(endKey)))) {
                rs.next();
                newKey = rs.getString("last_key");
                done = rs.getLong("done");
            }
        }
        if (newKey != null) checkpoint.advance(newKey, done);
        boolean walkDone = newKey == null || !keysLeft(c, newKey, endKey);
        if (walkDone) checkpoint.finish();
        return new BatchResult(newKey, done, walkDone);
    }

    private boolean keysLeft(Connection c, String lastKey, String endKey) throws SQLException {
        try (Statement st = Verbatim.statement(c);
             ResultSet rs = st.executeQuery(keysLeftSql(job, Quoting.literal(lastKey), Quoting.literal(endKey)))) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private long remaining(Connection c) throws SQLException {
        try (Statement st = Verbatim.statement(c)) {
            st.execute("SET statement_timeout = 0");
            try (ResultSet rs = st.executeQuery(job.remainingSql())) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How far the furthest replica lags behind (write, flush or replay), in milliseconds; 0 without replicas. */
    public static final String REPLICATION_LAG_SQL = "SELECT coalesce(max(pg_catalog.greatest(extract(epoch FROM write_lag),"
            + " extract(epoch FROM flush_lag), extract(epoch FROM replay_lag))) * 1000, 0)::pg_catalog.int8"
            + " FROM pg_catalog.pg_stat_replication";

    /** With a replication lag limit: waits (outside any transaction) while a replica lags more than it. */
    private void waitForReplicas(Connection c) throws SQLException {
        if (settings.maxReplicationLagMs() <= 0) return;
        while (true) {
            long lag;
            try (Statement st = Verbatim.statement(c); ResultSet rs = st.executeQuery(REPLICATION_LAG_SQL)) {
                rs.next();
                lag = rs.getLong(1);
            }
            c.commit();
            if (lag <= settings.maxReplicationLagMs()) return;
            listener.replicaLag(lag);
            sleep(Math.min(MAX_BACKOFF_MS, Math.max(100, lag - settings.maxReplicationLagMs())));
        }
    }

    private static void sleep(long ms) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackfillException("interrupted (progress is saved: run the same command again to resume)");
        }
    }
}
