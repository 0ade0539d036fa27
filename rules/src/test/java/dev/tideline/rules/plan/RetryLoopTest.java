package dev.tideline.rules.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tideline.analyzer.model.TableRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retry loop of a lock-taking step on PostgreSQL 15: while a long transaction holds a conflicting lock, each
 * try gives up after lock_timeout (so queries queued behind the step wait at most about that long), the step
 * succeeds once the transaction ends, and gives up with lock_not_available after its bounded tries.
 */
class RetryLoopTest {
    /** statement_timeout (1 s) shorter than the blocker (1.5 s): the loop must not be cut short by it. */
    static final PlannerOptions FAST = new PlannerOptions(PlanKindsTest.PG, 300, 1000, true, 4, 100, 0);
    PlanKindsTest.ScratchDb db;

    @BeforeEach
    void table() throws SQLException {
        db = PlanKindsTest.ScratchDb.create("tideline_plan_retry_" + ProcessHandle.current().pid());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id bigint PRIMARY KEY, v text); INSERT INTO t SELECT g, 'x' FROM generate_series(1, 100) g");
        }
    }

    @AfterEach
    void drop() throws SQLException {
        db.close();
    }

    private Step addColumn() {
        Steps steps = new Steps(FAST);
        return steps.ddl(Phase.EXPAND, "ALTER TABLE t ADD COLUMN IF NOT EXISTS w text",
                List.of(Steps.lock(dev.tideline.analyzer.model.LockMode.ACCESS_EXCLUSIVE, TableRef.of("t"))), "test");
    }

    @Test
    void succeedsOnceTheBlockerEndsAndNeverQueuesReadersLong() throws Exception {
        try (Connection blocker = db.connect(); Statement b = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            b.execute("SELECT count(*) FROM t"); // ACCESS SHARE held until commit, as a long report query would
            CompletableFuture<Void> step = CompletableFuture.runAsync(() -> run(addColumn()));
            long worst = 0;
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < until) {
                long t0 = System.nanoTime();
                try (Connection reader = db.connect(); Statement r = reader.createStatement()) {
                    r.execute("SET statement_timeout = '5s'");
                    r.executeQuery("SELECT count(*) FROM t").close();
                }
                worst = Math.max(worst, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            }
            assertTrue(!step.isDone(), "the step must still be retrying while the blocker holds its lock");
            blocker.commit();
            step.get(30, TimeUnit.SECONDS);
            // A reader arriving behind the waiting ALTER waits at most one try (lock_timeout) plus connection setup.
            assertTrue(worst < FAST.lockTimeoutMs() + 700, "a reader waited " + worst + " ms behind the step");
        }
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'w'")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void givesUpWithLockNotAvailableAfterItsTries() throws Exception {
        try (Connection blocker = db.connect(); Statement b = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            b.execute("SELECT count(*) FROM t");
            try {
                run(addColumn());
                fail("the step cannot succeed while the lock is held");
            } catch (IllegalStateException e) {
                assertTrue(e.getCause() instanceof SQLException s && "55P03".equals(s.getSQLState()), String.valueOf(e.getCause()));
            }
            blocker.rollback();
        }
    }

    private void run(Step step) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute(step.sql());
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
