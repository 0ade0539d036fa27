package dev.tideline.cli.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application under traffic: several threads, each on its own connection, inserting, updating and reading
 * rows through the current {@link App} version, which the test switches when it deploys the new one. Each thread
 * owns its rows (ids ≡ thread mod threads), so it knows what every read must return and the writes can be replayed
 * in order on a stop-the-world copy. Every failed query and every wrong read is recorded.
 */
final class Workload implements AutoCloseable {
    static final String APPLICATION = "tideline-workload";
    static final int SEED_ROWS = 200_000;
    /** Rows the workload updates and reads; the rest (up to the long transaction's row) stay untouched. */
    static final int OWNED_ROWS = 198_000;

    /** One committed write, with the version that sent it. */
    record Write(App app, boolean insert, long id, long customerId, String sku, long qty, long price) {}

    private final ScratchDb db;
    private final int threads;
    private final List<Thread> workers = new ArrayList<>();
    private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong failureCount = new AtomicLong();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong maxLatencyMs = new AtomicLong();
    private volatile App app;
    private volatile boolean running = true;

    Workload(ScratchDb db, int threads, App app) {
        this.db = db;
        this.threads = threads;
        this.app = app;
    }

    Workload start() {
        for (int t = 0; t < threads; t++) {
            int slot = t;
            Thread worker = new Thread(() -> work(slot), "workload-" + t);
            workers.add(worker);
            worker.start();
        }
        return this;
    }

    /** Deploys another application version: every query started from now on is sent by it. */
    void switchTo(App next) {
        app = next;
    }

    App app() {
        return app;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread w : workers) w.join();
    }

    List<Write> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    long failureCount() {
        return failureCount.get();
    }

    /** The first failures, for the test's message. */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    long operations() {
        return operations.get();
    }

    long maxLatencyMs() {
        return maxLatencyMs.get();
    }

    private void work(int slot) {
        Map<Long, long[]> known = new HashMap<>(); // id → {qty, price} for rows this thread wrote
        List<Long> knownIds = new ArrayList<>();
        long nextInsert = 10_000_000L * (slot + 1);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Connection c = null;
        while (running) {
            App current = app;
            long started = System.nanoTime();
            try {
                if (c == null) c = db.connect(APPLICATION);
                int dice = random.nextInt(10);
                if (dice < 2 && current.inserts()) {
                    long id = nextInsert++;
                    Write w = new Write(current, true, id, 1 + id % 1000, "w-" + id, random.nextInt(1000), 1 + random.nextInt(10_000));
                    write(c, w);
                    known.put(id, new long[] {w.qty(), w.price()});
                    knownIds.add(id);
                } else if (dice < 6) {
                    long id = ownedId(slot, random);
                    Write w = new Write(current, false, id, 0, null, random.nextInt(1000), 1 + random.nextInt(10_000));
                    write(c, w);
                    if (known.put(id, new long[] {w.qty(), w.price()}) == null) knownIds.add(id);
                } else {
                    long id = random.nextInt(4) == 0 && !knownIds.isEmpty()
                            ? knownIds.get(random.nextInt(knownIds.size())) : ownedId(slot, random);
                    read(c, current, id, known.getOrDefault(id, new long[] {id % 50, 100 + id % 900}));
                }
                operations.incrementAndGet();
            } catch (SQLException e) {
                fail(current.name() + ": " + e.getMessage().lines().findFirst().orElse(""));
                c = reconnectIfBroken(c);
            } catch (IllegalStateException e) {
                fail(current.name() + ": " + e.getMessage());
            }
            maxLatencyMs.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
            pause(2);
        }
        close(c);
    }

    /** A seeded row this thread owns: id ≡ slot (mod threads), below {@link #OWNED_ROWS}. */
    private long ownedId(int slot, ThreadLocalRandom random) {
        return (1 + random.nextInt(OWNED_ROWS / threads - 1)) * (long) threads + slot;
    }

    private void write(Connection c, Write w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(w.insert() ? w.app().insertSql() : w.app().updateSql())) {
            bind(ps, w);
            int n = ps.executeUpdate();
            if (n != 1) throw new IllegalStateException("write of id " + w.id() + " changed " + n + " rows");
        }
        writes.add(w);
    }

    static void bind(PreparedStatement ps, Write w) throws SQLException {
        if (w.insert()) {
            ps.setLong(1, w.id());
            ps.setLong(2, w.customerId());
            ps.setString(3, w.sku());
            ps.setLong(4, w.qty());
            ps.setLong(5, w.price());
        } else {
            ps.setLong(1, w.qty());
            ps.setLong(2, w.price());
            ps.setLong(3, w.id());
        }
    }

    private static void read(Connection c, App app, long id, long[] expected) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(app.readSql())) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("read of id " + id + ": row missing");
                long qty = rs.getLong(1);
                long price = rs.getLong(2);
                if (rs.wasNull() || qty != expected[0] || price != expected[1]) {
                    throw new IllegalStateException("read of id " + id + " returned " + app.qty() + "=" + qty
                            + ", price_cents=" + price + ", expected " + expected[0] + ", " + expected[1]);
                }
            }
        }
    }

    private void fail(String message) {
        if (failureCount.incrementAndGet() <= 20) failures.add(message);
    }

    private Connection reconnectIfBroken(Connection c) {
        try {
            if (c != null && c.isValid(2)) return c;
        } catch (SQLException e) {
            // fall through: reconnect
        }
        close(c);
        return null;
    }

    private static void close(Connection c) {
        try {
            if (c != null) c.close();
        } catch (SQLException e) {
            // closing a broken connection: nothing to report
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
