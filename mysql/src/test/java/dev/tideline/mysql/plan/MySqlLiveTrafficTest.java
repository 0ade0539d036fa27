package dev.tideline.mysql.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.mysql.servers.RunningServer;
import dev.tideline.mysql.servers.ScratchDatabase;
import dev.tideline.mysql.servers.ServerKind;
import dev.tideline.mysql.servers.Servers;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.PlanLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migration as written and its plan, each applied on a real server under a running workload (reads and writes by
 * primary key on 127.0.0.1) while a long transaction that read the table stays open for {@value #LONG_TRANSACTION_MS} ms:
 * the worst stall a workload query saw is measured for both. As written, the ALTER waits for the transaction's metadata
 * lock and every later query on the table queues behind it; the plan's lock_wait_timeout (1 s) gives up, lets the queue
 * drain, and retries. The default build runs the instant ADD COLUMN on MariaDB 10.11 and MySQL 8.0.31;
 * {@code -Pmysql-plans} adds an index build and a column drop (its contract step).
 */
class MySqlLiveTrafficTest {
    static final int LONG_TRANSACTION_MS = 4000;
    private static final int ROWS = 20_000;
    private static final int WORKERS = 3;
    private static final boolean FULL = Boolean.getBoolean("tideline.mysql.plans.full");
    private static final String INIT = "CREATE TABLE orders (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, customer INT NOT NULL,"
            + " total INT NOT NULL, hits INT NOT NULL DEFAULT 0, legacy VARCHAR(10)) ENGINE=InnoDB;\n";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (ServerKind kind : List.of(ServerKind.MARIADB_SYSTEM, ServerKind.MYSQL_8_0_31)) {
            out.add(Arguments.of(kind, "add column", "ALTER TABLE orders ADD COLUMN note VARCHAR(40) NULL;"));
            if (!FULL) continue;
            out.add(Arguments.of(kind, "add index", "CREATE INDEX orders_customer ON orders (customer);"));
            out.add(Arguments.of(kind, "drop column", "ALTER TABLE orders DROP COLUMN legacy;"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void planStallsLessThanTheMigrationAsWritten(ServerKind kind, String change, String migration) throws Exception {
        RunningServer server = Servers.get(kind);
        Files.writeString(dir.resolve("V1__init.sql"), INIT);
        Path planned = Files.writeString(dir.resolve("V2__change.sql"), migration);
        Plan plan = PlanRun.plan(server.isMariaDb() ? "mariadb" : "mysql", server.isMariaDb() ? "10.11" : "8.0.31", dir, planned,
                PlanRun.SETTINGS);
        List<String> files = PlanRun.files(plan).stream().map(PlanLayout.PlanFile::content).toList();
        long naive = worstStall(server, List.of(migration));
        long planStall = worstStall(server, files);
        System.out.printf("live traffic on %s (%s), %s: worst stall as written %d ms, with the plan %d ms (%d plan files)%n",
                kind.id(), server.version(), change, naive, planStall, files.size());
        assertTrue(naive >= LONG_TRANSACTION_MS / 2, "as written the ALTER queues everyone behind the long transaction: " + naive + " ms");
        assertTrue(planStall < 2_500 && planStall < naive, "the plan's stall is bounded by lock_wait_timeout: " + planStall + " ms");
    }

    /** Runs the workload, opens the long transaction, applies the files, and returns the longest workload query. */
    private static long worstStall(RunningServer server, List<String> files) throws Exception {
        try (ScratchDatabase db = server.scratchDatabase(); Connection setup = db.connect()) {
            PlanRun.run(setup, INIT, server.isMariaDb());
            try (Statement st = setup.createStatement()) {
                st.execute("SET SESSION cte_max_recursion_depth = " + ROWS);
            } catch (SQLException mariaDbHasNone) {
                // MariaDB bounds recursion with max_recursive_iterations instead
                try (Statement st = setup.createStatement()) {
                    st.execute("SET SESSION max_recursive_iterations = " + ROWS);
                }
            }
            try (Statement st = setup.createStatement()) {
                st.execute("INSERT INTO orders (customer, total) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                        + " WHERE i < " + ROWS + ") SELECT i % 97, i FROM n");
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong worst = new AtomicLong();
            AtomicBoolean measuring = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 2);
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) workers.add(pool.submit(() -> work(db, stop, measuring, worst)));
                Thread.sleep(500);
                measuring.set(true);
                CountDownLatch opened = new CountDownLatch(1);
                Future<?> longTransaction = pool.submit(() -> {
                    try (Connection c = db.connect(); Statement st = c.createStatement()) {
                        st.execute("START TRANSACTION");
                        st.executeQuery("SELECT COUNT(*) FROM orders WHERE id < 10").close();
                        opened.countDown();
                        Thread.sleep(LONG_TRANSACTION_MS);
                        st.execute("COMMIT");
                    }
                    return null;
                });
                // the migration starts once the transaction holds its metadata lock (a loaded machine may take a while)
                assertTrue(opened.await(30, TimeUnit.SECONDS), "the long transaction did not start");
                Future<?> migration = pool.submit(() -> {
                    try (Connection c = db.connect()) {
                        for (String sql : files) PlanRun.run(c, sql, server.isMariaDb());
                    }
                    return null;
                });
                migration.get(120, TimeUnit.SECONDS);
                longTransaction.get(30, TimeUnit.SECONDS);
                Thread.sleep(300);
                stop.set(true);
                for (Future<?> f : workers) f.get(30, TimeUnit.SECONDS);
            } finally {
                stop.set(true);
                pool.shutdownNow();
                pool.awaitTermination(30, TimeUnit.SECONDS);
            }
            return worst.get();
        }
    }

    /** Reads and writes single rows by primary key until stopped; records the longest query while measuring. */
    private static Void work(ScratchDatabase db, AtomicBoolean stop, AtomicBoolean measuring, AtomicLong worst) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement read = c.prepareStatement("SELECT customer, hits FROM orders WHERE id = ?");
             PreparedStatement write = c.prepareStatement("UPDATE orders SET hits = hits + 1 WHERE id = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO orders (customer, total) VALUES (?, 1)")) {
            for (long n = 0; !stop.get() && n < 10_000_000; n++) {
                long id = 1 + ThreadLocalRandom.current().nextInt(ROWS);
                long start = System.nanoTime();
                switch ((int) (n % 3)) {
                    case 0 -> { read.setLong(1, id); read.executeQuery().close(); }
                    case 1 -> { write.setLong(1, id); write.executeUpdate(); }
                    default -> { insert.setLong(1, id % 97); insert.executeUpdate(); }
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                if (measuring.get()) worst.accumulateAndGet(ms, Math::max);
            }
        }
        return null;
    }
}
