package dev.tideline.mysql.conformance;

import dev.tideline.mysql.servers.ScratchDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches the metadata lock a statement needs: a first session opens a transaction that reads the table and stays
 * idle, the statement runs in a second one, and a third reads {@code performance_schema.metadata_locks} (or, on a
 * server without the performance schema, the process list) until the statement shows a PENDING lock on the table.
 * Then the first session commits and the statement completes.
 */
final class MdlProbe {
    private static final long WATCH_MILLIS = 5_000;

    private final ScratchDatabase db;
    private Boolean performanceSchema;

    MdlProbe(ScratchDatabase db) {
        this.db = db;
    }

    Mdl watch(DdlCase c) throws SQLException, InterruptedException {
        db.empty();
        try (Connection holder = db.connect(); Connection ddl = db.connect(); Connection monitor = db.connect();
             Statement h = holder.createStatement(); Statement d = ddl.createStatement()) {
            Oracle.setUp(d, c);
            d.execute("SET SESSION lock_wait_timeout = 60");
            long ddlId = connectionId(d);
            h.execute("START TRANSACTION");
            h.executeQuery("SELECT COUNT(*) FROM `" + c.table() + "`").close();
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    d.execute(c.statement());
                } catch (SQLException refusedOrFailed) {
                    // the lock wait is what is watched; whether the statement then succeeds is the Oracle's question
                }
            });
            String pending = null;
            long deadline = System.currentTimeMillis() + WATCH_MILLIS;
            while (pending == null && !running.isDone() && System.currentTimeMillis() < deadline) {
                pending = pendingLock(monitor, ddlId, c.table());
                if (pending == null) Thread.sleep(20);
            }
            h.execute("COMMIT");
            try {
                running.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new SQLException(c.name() + ": the statement did not finish after the holder committed", e);
            }
            return new Mdl(pending != null, pending == null ? "" : pending);
        }
    }

    private static long connectionId(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String pendingLock(Connection monitor, long ddlId, String table) throws SQLException {
        if (performanceSchema(monitor)) {
            try (PreparedStatement p = monitor.prepareStatement("SELECT ml.LOCK_TYPE FROM performance_schema.metadata_locks ml"
                    + " JOIN performance_schema.threads th ON th.THREAD_ID = ml.OWNER_THREAD_ID"
                    + " WHERE th.PROCESSLIST_ID = ? AND ml.OBJECT_SCHEMA = ? AND ml.OBJECT_NAME = ? AND ml.LOCK_STATUS = 'PENDING'")) {
                p.setLong(1, ddlId);
                p.setString(2, db.name());
                p.setString(3, table);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }
        try (PreparedStatement p = monitor.prepareStatement(
                "SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = ? AND STATE = 'Waiting for table metadata lock'")) {
            p.setLong(1, ddlId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? "?" : null;
            }
        }
    }

    private boolean performanceSchema(Connection monitor) throws SQLException {
        if (performanceSchema == null) {
            try (Statement s = monitor.createStatement(); ResultSet rs = s.executeQuery("SELECT @@performance_schema")) {
                rs.next();
                performanceSchema = rs.getInt(1) == 1;
            }
        }
        return performanceSchema;
    }
}
