package dev.tideline.cli.live;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An application transaction that runs long (a report, a batch job): it has written one row, so it holds
 * ROW EXCLUSIVE on the table and that row's lock, for {@code holdMs}. Anything that needs a conflicting lock
 * queues behind it, and every query that needs the table queues behind that.
 */
final class LongTransaction {
    /** A row the workload never touches. */
    static final long ROW = 199_999;
    private final Thread thread;
    private final CountDownLatch holding = new CountDownLatch(1);
    private volatile Exception failure;

    LongTransaction(ScratchDb db, long holdMs) {
        thread = new Thread(() -> {
            try (Connection c = db.connect("tideline-long-transaction"); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("UPDATE " + App.TABLE + " SET price_cents = price_cents WHERE id = " + ROW);
                holding.countDown();
                Thread.sleep(holdMs);
                c.commit();
            } catch (Exception e) {
                failure = e;
                holding.countDown();
            }
        }, "long-transaction");
    }

    /** Starts it and returns once it holds its locks. */
    LongTransaction start() throws InterruptedException {
        thread.start();
        if (!holding.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("long transaction did not start");
        if (failure != null) throw new IllegalStateException("long transaction failed", failure);
        return this;
    }

    void join() throws InterruptedException {
        thread.join();
        if (failure != null) throw new IllegalStateException("long transaction failed", failure);
    }
}
