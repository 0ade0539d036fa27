package dev.tideline.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Release;
import dev.tideline.rules.plan.Step;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's SQL form of a backfill survives an application transaction that holds a row lock longer than
 * lock_timeout: the blocked batch gives up, backs off and is retried, instead of failing the whole deploy step.
 */
class BackfillSqlRetryIT {
    @Test
    void aBatchBlockedByARowLockIsRetried(@TempDir Path dir) throws Exception {
        Plan plan = LiveTrafficIT.plan(Kind.BATCHED_UPDATE, dir);
        Step backfill = plan.releases().stream().map(Release::steps).flatMap(List::stream)
                .filter(s -> s.backfill() != null).findFirst().orElse(null);
        assertNotNull(backfill, "the plan has a backfill step: " + plan);
        try (ScratchDb db = new ScratchDb()) {
            StopTheWorld.seed(db);
            CountDownLatch locked = new CountDownLatch(1);
            // Holds a row of the first batch for 1.5 x lock_timeout, as a slow application transaction would.
            Thread holder = new Thread(() -> {
                try (Connection c = db.connect("tideline-row-holder"); Statement st = c.createStatement()) {
                    c.setAutoCommit(false);
                    st.execute("SELECT * FROM items WHERE id = (SELECT min(id) FROM items WHERE note IS NULL) FOR UPDATE");
                    locked.countDown();
                    Thread.sleep(LiveTrafficIT.OPTIONS.lockTimeoutMs() * 3L / 2);
                    c.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "row-holder");
            holder.start();
            try {
                locked.await();
                new PlanRunner(db).runSql(backfill.sql(), false);
            } finally {
                holder.join();
            }
            assertEquals(0, db.count("SELECT count(*) FROM items WHERE id <= " + Workload.SEED_ROWS + " AND note IS NULL"),
                    "every row is done, including the one that was locked");
        }
    }
}
