package dev.tideline.cli.live;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Samples pg_stat_activity every 10 ms and keeps the longest time a workload query has been waiting on a lock
 * (now − query_start while wait_event_type = 'Lock'; the workload's queries are point queries, so their time
 * before the wait is negligible).
 */
final class LockWaitSampler implements AutoCloseable {
    private static final String SQL = "SELECT coalesce(max(extract(epoch FROM clock_timestamp() - query_start) * 1000), 0)"
            + " FROM pg_stat_activity WHERE application_name = '" + Workload.APPLICATION + "' AND wait_event_type = 'Lock'";
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxWaitMs;
    private volatile Exception failure;

    LockWaitSampler(ScratchDb db) {
        thread = new Thread(() -> {
            try (Connection c = db.connect("tideline-sampler"); Statement st = c.createStatement()) {
                while (running) {
                    try (ResultSet rs = st.executeQuery(SQL)) {
                        rs.next();
                        maxWaitMs = Math.max(maxWaitMs, Math.round(rs.getDouble(1)));
                    }
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure = e;
            }
        }, "lock-wait-sampler");
        thread.start();
    }

    long maxWaitMs() {
        return maxWaitMs;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        if (failure != null) throw new IllegalStateException("lock wait sampler failed", failure);
    }
}
