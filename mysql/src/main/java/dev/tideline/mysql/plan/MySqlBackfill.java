package dev.tideline.mysql.plan;

import dev.tideline.rules.plan.Backfill;
import dev.tideline.rules.plan.EngineBackfill;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tideline backfill} on MySQL and MariaDB over JDBC (MariaDB Connector/J): keyset batches by the key, each its own
 * transaction with a short {@code innodb_lock_wait_timeout}, the checkpoint advanced in the batch's transaction, a batch
 * that meets a row lock (1205) or a deadlock (1213) rolled back and retried with backoff, a pause between batches,
 * throttled while a replica lags ({@code SHOW REPLICA STATUS}, {@code SHOW SLAVE STATUS} before MySQL 8.0.22 and
 * MariaDB 10.5), and a final count of the rows still to do. The password comes from the URL or {@code MYSQL_PWD} and
 * is never printed.
 */
public final class MySqlBackfill implements EngineBackfill {
    private static final Set<Integer> RETRYABLE = Set.of(MySqlSteps.LOCK_WAIT_TIMEOUT, MySqlSteps.DEADLOCK);
    private static final Pattern URL = Pattern.compile("jdbc:(mysql|mariadb)://(?:([^@/?]*)@)?([^/?]*)(/[^?]*)?(?:\\?(.*))?");
    private static final Pattern PASSWORD = Pattern.compile("(?i)(^|&)password=([^&]*)");
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final long LAG_POLL_MS = 1_000;

    @Override
    public boolean handles(String jdbcUrl) {
        return jdbcUrl != null && (jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.startsWith("jdbc:mariadb:"));
    }

    @Override
    public String display(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) return "jdbc:" + jdbcUrl.split(":", 3)[1] + "://…";
        String user = m.group(2) == null ? "" : m.group(2).replaceAll(":.*", "") + "@";
        String query = m.group(5) == null ? "" : PASSWORD.matcher(m.group(5)).replaceAll("$1password=***");
        return "jdbc:" + m.group(1) + "://" + user + m.group(3) + (m.group(4) == null ? "" : m.group(4)) + (query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public Outcome run(String jdbcUrl, Backfill job, Settings settings, Listener listener) {
        Login login = login(jdbcUrl);
        try (Connection c = connect(login); Connection replica = settings.replica() == null ? null : connect(login(settings.replica()))) {
            return new Walk(c, replica, job, settings, listener, login).run();
        } catch (SQLException e) {
            throw new Failure(login.mask(e.getMessage()));
        }
    }

    /** A URL split into what the driver gets and the password, which only the driver sees. */
    private record Login(String url, String password, String display) {
        String mask(String text) {
            String t = String.valueOf(text);
            return password == null || password.isEmpty() ? t : t.replace(password, "***");
        }
    }

    private Login login(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches() || m.group(4) == null || m.group(4).length() < 2) {
            throw new Failure(display(jdbcUrl) + ": expected jdbc:mysql://host[:port]/database[?user=…] (or jdbc:mariadb://…)");
        }
        String password = null;
        String query = m.group(5) == null ? "" : m.group(5);
        Matcher p = PASSWORD.matcher(query);
        if (p.find()) password = java.net.URLDecoder.decode(p.group(2), java.nio.charset.StandardCharsets.UTF_8);
        String userInfo = m.group(2);
        if (userInfo != null && userInfo.contains(":")) password = userInfo.substring(userInfo.indexOf(':') + 1);
        if (password == null) password = System.getenv("MYSQL_PWD");
        String user = userInfo == null ? "" : "user=" + userInfo.replaceAll(":.*", "");
        String rest = PASSWORD.matcher(query).replaceAll("").replaceAll("^&", "");
        String params = String.join("&", java.util.stream.Stream.of(user, rest).filter(s -> !s.isEmpty()).toList());
        return new Login("jdbc:mariadb://" + m.group(3) + m.group(4) + (params.isEmpty() ? "" : "?" + params), password, display(jdbcUrl));
    }

    private static Connection connect(Login login) throws SQLException {
        Properties props = new Properties();
        if (login.password() != null) props.setProperty("password", login.password());
        try {
            return DriverManager.getConnection(login.url(), props);
        } catch (SQLException e) {
            throw new Failure("cannot connect to " + login.display() + ": " + login.mask(e.getMessage()));
        }
    }

    @Override
    public String dryRun(Backfill job, Settings s) {
        return "-- tideline backfill on MySQL/MariaDB: the SQL it sends (nothing was sent to a database); ? are bound values:\n"
                + "-- the last key of the previous batch (NULL for the first), the walk's end key, the batch's next key.\n"
                + "SET SESSION innodb_lock_wait_timeout = " + seconds(s.lockWaitMs()) + ";\n"
                + "-- 0: the job is running elsewhere, stop (exit 2)\n"
                + MySqlCheckpoint.LOCK + ";\n"
                + "-- refused unless an InnoDB base table with these columns (" + MySqlCheckpoint.COLUMNS + ") and no triggers:\n"
                + MySqlCheckpoint.CREATE + ";\n"
                + MySqlCheckpoint.RESUME + ";\n"
                + MySqlBackfillSql.endKey(job) + ";\n"
                + MySqlCheckpoint.RESTART + ";\n\n"
                + (s.replica() == null ? "" : "-- on the replica before each batch (SHOW SLAVE STATUS where that is unknown);"
                        + " wait while the lag is over " + s.maxLagSeconds() + " s:\nSHOW REPLICA STATUS;\n")
                + "-- each batch, then a pause of " + job.pauseMs() + " ms; a batch failing with 1205 or 1213 is rolled back and"
                + " retried up to " + s.retries() + " times with backoff:\n"
                + "START TRANSACTION;\n"
                + MySqlBackfillSql.nextKey(job, "?", "?") + ";\n"
                + MySqlBackfillSql.update(job, "?", "?") + ";\n"
                + MySqlCheckpoint.ADVANCE + ";\n"
                + "-- after the batch that reaches the end key:\n"
                + MySqlCheckpoint.FINISH + ";\n"
                + "COMMIT;\n\n"
                + "-- then the check (0 = done, else exit 1):\n"
                + MySqlBackfillSql.remaining(job) + ";\n";
    }

    private static int seconds(int ms) {
        return Math.max(1, (ms + 999) / 1000);
    }

    /** One run of the job. */
    private static final class Walk {
        private final Connection c;
        private final Connection replica;
        private final Backfill job;
        private final Settings settings;
        private final Listener listener;
        private final Login login;

        Walk(Connection c, Connection replica, Backfill job, Settings settings, Listener listener, Login login) {
            this.c = c;
            this.replica = replica;
            this.job = job;
            this.settings = settings;
            this.listener = listener;
            this.login = login;
        }

        Outcome run() throws SQLException {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION innodb_lock_wait_timeout = " + seconds(settings.lockWaitMs()));
            }
            MySqlCheckpoint checkpoint = new MySqlCheckpoint(c, settings.job());
            MySqlCheckpoint.State start = checkpoint.begin(MySqlBackfillSql.endKey(job));
            String lastKey = start.lastKey();
            long batches = start.batches();
            long rows = start.rowsDone();
            long thisRun = 0;
            if (start.endKey() == null) checkpoint.finish();
            c.setAutoCommit(false);
            boolean walking = start.endKey() != null;
            while (walking) {
                if (settings.maxBatches() > 0 && thisRun >= settings.maxBatches()) {
                    c.setAutoCommit(true);
                    return new Outcome(Status.STOPPED, batches, rows, -1, start.lastKey());
                }
                throttle();
                String[] batch = withRetries(checkpoint, lastKey, start.endKey());
                if (batch == null) break;
                lastKey = batch[0];
                rows += Long.parseLong(batch[1]);
                batches++;
                thisRun++;
                listener.batch(batches, rows, lastKey);
                walking = batch[2] == null;
                if (walking) sleep(job.pauseMs());
            }
            c.setAutoCommit(true);
            long remaining;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(MySqlBackfillSql.remaining(job))) {
                rs.next();
                remaining = rs.getLong(1);
            }
            return new Outcome(remaining == 0 ? Status.DONE : Status.ROWS_LEFT, batches, rows, remaining, start.lastKey());
        }

        /** {last key, rows, "end" when the walk is over}, or null when no key was left. */
        private String[] withRetries(MySqlCheckpoint checkpoint, String lastKey, String endKey) throws SQLException {
            for (int attempt = 0; ; attempt++) {
                try {
                    String[] r = batch(checkpoint, lastKey, endKey);
                    c.commit();
                    return r;
                } catch (SQLException e) {
                    c.rollback();
                    String where = lastKey == null ? "the first batch" : "the batch after key " + lastKey;
                    if (!RETRYABLE.contains(e.getErrorCode()) || attempt >= settings.retries()) {
                        throw new Failure(where + " failed" + (attempt > 0 ? " after " + (attempt + 1) + " tries" : "") + ": "
                                + login.mask(e.getMessage()) + " (progress up to there is saved: run the same command again to resume)");
                    }
                    long backoff = Math.min(MAX_BACKOFF_MS, 200L << Math.min(attempt, 10));
                    listener.retry(lastKey, attempt + 1, login.mask(e.getMessage()), backoff);
                    sleep(backoff);
                }
            }
        }

        private String[] batch(MySqlCheckpoint checkpoint, String lastKey, String endKey) throws SQLException {
            String next;
            try (PreparedStatement ps = c.prepareStatement(MySqlBackfillSql.nextKey(job, "?", "?"))) {
                ps.setString(1, lastKey);
                ps.setString(2, lastKey);
                ps.setString(3, endKey);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    next = rs.getString(1);
                }
            }
            if (next == null) {
                checkpoint.finish();
                return null;
            }
            long done;
            try (PreparedStatement ps = c.prepareStatement(MySqlBackfillSql.update(job, "?", "?"))) {
                ps.setString(1, lastKey);
                ps.setString(2, lastKey);
                ps.setString(3, next);
                done = ps.executeUpdate();
            }
            checkpoint.advance(next, done);
            boolean end = next.equals(endKey);
            if (end) checkpoint.finish();
            return new String[] {next, Long.toString(done), end ? "end" : null};
        }

        /** Waits while the replica lags more than allowed; a replica that does not replicate stops the run. */
        private void throttle() throws SQLException {
            if (replica == null) return;
            while (true) {
                Long lag = lag();
                if (lag == null) {
                    throw new Failure("the replica given with --replica is not replicating (no Seconds_Behind_Source): the"
                            + " backfill stops rather than write blind (progress is saved: run again to resume)");
                }
                if (lag <= settings.maxLagSeconds()) return;
                listener.throttled(lag);
                sleep(LAG_POLL_MS);
            }
        }

        private Long lag() throws SQLException {
            try (Statement st = replica.createStatement(); ResultSet rs = status(st)) {
                if (!rs.next()) throw new Failure("the server given with --replica is not a replica (SHOW REPLICA STATUS is empty)");
                for (String column : new String[] {"Seconds_Behind_Source", "Seconds_Behind_Master"}) {
                    try {
                        long v = rs.getLong(column);
                        return rs.wasNull() ? null : v;
                    } catch (SQLException noSuchColumn) {
                        // the other vendor's (or version's) name
                    }
                }
                return null;
            }
        }

        private static ResultSet status(Statement st) throws SQLException {
            try {
                return st.executeQuery("SHOW REPLICA STATUS");
            } catch (SQLException olderServer) {
                return st.executeQuery("SHOW SLAVE STATUS");
            }
        }

        private static void sleep(long ms) {
            if (ms <= 0) return;
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted (progress is saved: run the same command again to resume)");
            }
        }
    }
}
