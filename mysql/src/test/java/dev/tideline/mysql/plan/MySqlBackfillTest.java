package dev.tideline.mysql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.mysql.servers.RunningServer;
import dev.tideline.mysql.servers.ScratchDatabase;
import dev.tideline.mysql.servers.ServerKind;
import dev.tideline.mysql.servers.Servers;
import dev.tideline.rules.plan.Backfill;
import dev.tideline.rules.plan.EngineBackfill;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code tideline backfill} on MySQL 8.0.31 and MariaDB 10.11: batches, resume, retries, the checkpoint's checks. */
class MySqlBackfillTest {
    private static final int ROWS = 2_500;
    private static final Backfill JOB = new Backfill("`items`", "`id`", "`b` = `a`", "NOT (`b` <=> `a`)", null, null, 300, 0);

    private static final class Events implements EngineBackfill.Listener {
        final List<String> retries = new ArrayList<>();
        long batches;

        @Override
        public void batch(long batches, long rowsChanged, String lastKey) {
            this.batches = batches;
        }

        @Override
        public void retry(String lastKey, int attempt, String reason, long backoffMs) {
            retries.add(reason);
        }

        @Override
        public void throttled(long lagSeconds) {
        }
    }

    private static String url(RunningServer server, ScratchDatabase db) {
        return "jdbc:mysql://127.0.0.1:" + server.port() + "/" + db.name() + "?user=root&allowPublicKeyRetrieval=true";
    }

    private static EngineBackfill.Settings settings(long maxBatches, String replica) {
        return new EngineBackfill.Settings(1000, 10, maxBatches, "items-job", replica, 1);
    }

    private static void fill(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items (id INT NOT NULL PRIMARY KEY, a INT NOT NULL, b INT NULL) ENGINE=InnoDB");
            StringBuilder values = new StringBuilder();
            for (int i = 1; i <= ROWS; i++) values.append(i == 1 ? "" : ",").append("(").append(i * 2).append(",").append(i).append(",NULL)");
            st.execute("INSERT INTO items VALUES " + values);
        }
    }

    private static long left(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM items WHERE NOT (b <=> a)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_SYSTEM", "MYSQL_8_0_31"})
    void batchesResumeAndRetry(ServerKind kind) throws Exception {
        RunningServer server = Servers.get(kind);
        MySqlBackfill backfill = new MySqlBackfill();
        try (ScratchDatabase db = server.scratchDatabase(); Connection c = db.connect()) {
            fill(c);
            EngineBackfill.Outcome stopped = backfill.run(url(server, db), JOB, settings(2, null), new Events());
            assertEquals(EngineBackfill.Status.STOPPED, stopped.status());
            assertEquals(ROWS - 600, left(c), "two batches of 300 committed");

            // a long transaction holds a row lock of the next batch for 1.5 s: the batch waits 1 s, is rolled back, retried
            CountDownLatch locked = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
                try (Connection other = db.connect(); Statement st = other.createStatement()) {
                    st.execute("START TRANSACTION");
                    st.execute("UPDATE items SET a = a WHERE id = 1300");
                    locked.countDown();
                    Thread.sleep(1500);
                    st.execute("COMMIT");
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            locked.await();
            Events events = new Events();
            EngineBackfill.Outcome done = backfill.run(url(server, db), JOB, settings(0, null), events);
            holder.join();
            assertEquals(EngineBackfill.Status.DONE, done.status(), done.toString());
            assertNotNull(done.resumedAfter(), "the second run resumed after the first one's last batch");
            assertEquals(String.valueOf(600 * 2), done.resumedAfter());
            assertEquals(ROWS, done.rowsChanged(), "the rows of both runs");
            assertEquals(9, events.batches, "ceil(2500 / 300) batches in all");
            assertFalse(events.retries.isEmpty(), "the locked batch was retried");
            assertTrue(events.retries.get(0).contains("Lock wait timeout"), events.retries.get(0));
            assertEquals(0, left(c));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_SYSTEM"})
    void refusesWhatItCannotTrust(ServerKind kind) throws Exception {
        RunningServer server = Servers.get(kind);
        MySqlBackfill backfill = new MySqlBackfill();
        try (ScratchDatabase db = server.scratchDatabase(); Connection c = db.connect(); Statement st = c.createStatement()) {
            fill(c);
            // a second run of the same job
            st.execute("SELECT GET_LOCK('tideline_backfill:items-job', 0)");
            EngineBackfill.Failure busy = assertThrows(EngineBackfill.Failure.class,
                    () -> backfill.run(url(server, db), JOB, settings(0, null), new Events()));
            assertTrue(busy.getMessage().contains("running elsewhere"), busy.getMessage());
            st.execute("SELECT RELEASE_LOCK('tideline_backfill:items-job')");
            // a checkpoint table with a trigger would run someone else's code inside every batch
            st.execute(MySqlCheckpoint.CREATE);
            st.execute("CREATE TRIGGER sneaky BEFORE UPDATE ON " + MySqlCheckpoint.TABLE + " FOR EACH ROW SET NEW.batches = NEW.batches");
            EngineBackfill.Failure trigger = assertThrows(EngineBackfill.Failure.class,
                    () -> backfill.run(url(server, db), JOB, settings(0, null), new Events()));
            assertTrue(trigger.getMessage().contains("has triggers"), trigger.getMessage());
            st.execute("DROP TABLE " + MySqlCheckpoint.TABLE);
            // a server that is no replica given as --replica
            EngineBackfill.Failure noReplica = assertThrows(EngineBackfill.Failure.class,
                    () -> backfill.run(url(server, db), JOB, settings(0, url(server, db)), new Events()));
            assertTrue(noReplica.getMessage().contains("not a replica"), noReplica.getMessage());
            // a wrong password is never printed
            String secret = "s3cr3t-Pa55";
            EngineBackfill.Failure login = assertThrows(EngineBackfill.Failure.class, () -> backfill.run(
                    "jdbc:mysql://127.0.0.1:" + server.port() + "/" + db.name() + "?user=tl_nobody&password=" + secret, JOB,
                    settings(0, null), new Events()));
            assertFalse(login.getMessage().contains(secret), login.getMessage());
            assertTrue(backfill.display("jdbc:mysql://me:" + secret + "@h/db?password=" + secret).indexOf(secret) < 0);
            assertEquals(ROWS, left(c), "nothing was written by the refused runs");
        }
    }
}
