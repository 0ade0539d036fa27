package dev.tideline.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Release;
import dev.tideline.rules.plan.Step;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's SQL form of a backfill (the DO block a runner applies) ends while the application keeps inserting at
 * the end of the key range, as it does on any busy table with a sequence key: it walks up to the highest key present
 * when it started. (Walking "until no key is left" chased the inserts: minutes instead of seconds under the
 * live-traffic workload.) A statement_timeout turns a regression into a failure instead of a hang.
 */
class BackfillSqlUnderInsertsIT {
    @Test
    void theSqlBackfillEndsWhileRowsAreInsertedAfterIt(@TempDir Path dir) throws Exception {
        Plan plan = LiveTrafficIT.plan(Kind.BATCHED_UPDATE, dir);
        Step backfill = plan.releases().stream().map(Release::steps).flatMap(java.util.List::stream)
                .filter(s -> s.backfill() != null).findFirst().orElse(null);
        assertNotNull(backfill, "the plan has a backfill step: " + plan);
        try (ScratchDb db = new ScratchDb()) {
            StopTheWorld.seed(db);
            Thread inserter = new Thread(() -> {
                try (Connection c = db.connect("tideline-inserter"); Statement st = c.createStatement()) {
                    for (long id = 1_000_000; !Thread.currentThread().isInterrupted(); id++) {
                        st.execute("INSERT INTO items (id, customer_id, sku, qty, price_cents) VALUES (" + id + ", 1, 'i-" + id + "', 1, 1)");
                        Thread.sleep(2);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "inserter");
            inserter.start();
            try {
                Thread.sleep(300);
                new PlanRunner(db).runSql("SET statement_timeout = '120s';\n" + backfill.sql(), false);
            } finally {
                inserter.interrupt();
                inserter.join();
            }
            assertEquals(0, db.count("SELECT count(*) FROM items WHERE id <= " + Workload.SEED_ROWS + " AND note IS NULL"),
                    "every row present when the walk began is done");
        }
    }
}
