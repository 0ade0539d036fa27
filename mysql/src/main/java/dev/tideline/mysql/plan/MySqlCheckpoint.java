package dev.tideline.mysql.plan;

import dev.tideline.rules.plan.EngineBackfill;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where a MySQL backfill has reached, kept in the job's database and advanced in the same transaction as the batch it
 * records, so a run killed at any moment resumes after the last committed batch. Nothing another account made may run
 * inside the backfill: the table must be an InnoDB base table (a view or a MyISAM table would not commit with the batch)
 * with exactly the expected columns and no triggers, or the run is refused. One run of a job at a time: the run holds
 * the named lock {@code GET_LOCK} of the job.
 */
final class MySqlCheckpoint {
    static final String TABLE = "tideline_backfill_checkpoint";
    static final String CREATE = "CREATE TABLE IF NOT EXISTS `" + TABLE + "` (job VARCHAR(191) NOT NULL PRIMARY KEY,"
            + " last_key VARCHAR(255) NULL, end_key VARCHAR(255) NULL, batches BIGINT NOT NULL DEFAULT 0,"
            + " rows_done BIGINT NOT NULL DEFAULT 0, started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
            + " finished_at TIMESTAMP NULL) ENGINE=InnoDB";
    static final String COLUMNS = "job,last_key,end_key,batches,rows_done,started_at,finished_at";
    static final String LOCK = "SELECT GET_LOCK(CONCAT('tideline_backfill:', ?), 0)";
    static final String RESUME = "SELECT last_key, end_key, batches, rows_done FROM `" + TABLE + "` WHERE job = ? AND finished_at IS NULL";
    static final String RESTART = "REPLACE INTO `" + TABLE + "` (job, last_key, end_key) VALUES (?, NULL, ?)";
    static final String ADVANCE = "UPDATE `" + TABLE + "` SET last_key = ?, batches = batches + 1, rows_done = rows_done + ? WHERE job = ?";
    static final String FINISH = "UPDATE `" + TABLE + "` SET finished_at = CURRENT_TIMESTAMP WHERE job = ?";

    /** @param lastKey null for a fresh walk; endKey null when the table was empty */
    record State(String lastKey, String endKey, long batches, long rowsDone) {}

    private final Connection c;
    private final String job;

    MySqlCheckpoint(Connection c, String job) {
        this.c = c;
        this.job = job;
    }

    State begin(String endKeySql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    throw new EngineBackfill.Failure("job '" + job + "' is running elsewhere: another tideline backfill of this job"
                            + " holds its lock on this server; wait for it to finish (or stop it), then run again to resume");
                }
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute(CREATE);
        }
        check();
        try (PreparedStatement ps = c.prepareStatement(RESUME)) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return new State(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
            }
        }
        String endKey;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(endKeySql)) {
            rs.next();
            endKey = rs.getString(1);
        }
        try (PreparedStatement ps = c.prepareStatement(RESTART)) {
            ps.setString(1, job);
            ps.setString(2, endKey);
            ps.executeUpdate();
        }
        return new State(null, endKey, 0, 0);
    }

    /** The table is what tideline made: an InnoDB base table with its columns and no triggers. */
    private void check() throws SQLException {
        String refused = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_TYPE, ENGINE, (SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY"
                + " ORDINAL_POSITION) FROM information_schema.COLUMNS k WHERE k.TABLE_SCHEMA = t.TABLE_SCHEMA AND k.TABLE_NAME ="
                + " t.TABLE_NAME), (SELECT COUNT(*) FROM information_schema.TRIGGERS g WHERE g.EVENT_OBJECT_SCHEMA = t.TABLE_SCHEMA"
                + " AND g.EVENT_OBJECT_TABLE = t.TABLE_NAME) FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = DATABASE()"
                + " AND t.TABLE_NAME = ?")) {
            ps.setString(1, TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) refused = "it is missing after CREATE TABLE";
                else if (!"BASE TABLE".equals(rs.getString(1))) refused = "it is a " + rs.getString(1) + ", not a table";
                else if (!"InnoDB".equalsIgnoreCase(rs.getString(2))) refused = "its engine is " + rs.getString(2) + ", not InnoDB";
                else if (!COLUMNS.equalsIgnoreCase(rs.getString(3))) refused = "its columns are " + rs.getString(3) + ", not " + COLUMNS;
                else if (rs.getLong(4) > 0) refused = "it has triggers, which would run inside every batch";
            }
        }
        if (refused != null) {
            throw new EngineBackfill.Failure("checkpoint table " + TABLE + " refused: " + refused + "; drop it (it holds only"
                    + " tideline backfill progress) and run again");
        }
    }

    void advance(String lastKey, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADVANCE)) {
            ps.setString(1, lastKey);
            ps.setLong(2, rows);
            ps.setString(3, job);
            ps.executeUpdate();
        }
    }

    void finish() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FINISH)) {
            ps.setString(1, job);
            ps.executeUpdate();
        }
    }
}
