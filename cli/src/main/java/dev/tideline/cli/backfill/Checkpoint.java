package dev.tideline.cli.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The place a backfill has reached, kept in the target database (table {@value #TABLE}) rather than a local file:
 * it is advanced in the same transaction as the batch it records, so a run killed at any moment resumes exactly
 * after the last committed batch, from any machine.
 */
public final class Checkpoint {
    public static final String TABLE = "tideline_backfill_checkpoint";
    public static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE + " (job text PRIMARY KEY, last_key text, end_key text,"
            + " batches bigint NOT NULL DEFAULT 0, rows_done bigint NOT NULL DEFAULT 0,"
            + " started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),"
            + " finished_at timestamptz)";
    public static final String ADVANCE = "UPDATE " + TABLE + " SET last_key = ?, batches = batches + 1,"
            + " rows_done = rows_done + ?, updated_at = now() WHERE job = ?";
    private static final String FINISH = "UPDATE " + TABLE + " SET finished_at = now(), updated_at = now() WHERE job = ?";
    private static final String RESTART = "INSERT INTO " + TABLE + " (job, end_key) VALUES (?, ?) ON CONFLICT (job) DO UPDATE"
            + " SET last_key = NULL, end_key = excluded.end_key, batches = 0, rows_done = 0, started_at = now(),"
            + " updated_at = now(), finished_at = NULL";

    /**
     * Where a run starts: a fresh walk (lastKey null) or the place an unfinished run stopped. {@code endKey} is the
     * highest key when the walk began (null: the table was empty): rows inserted later are the writers' business
     * (the sync trigger or the new release), and a walk chasing them would never end while inserts go on.
     */
    public record State(String lastKey, String endKey, long batches, long rowsDone) {}

    private final Connection c;
    private final String job;

    Checkpoint(Connection c, String job) {
        this.c = c;
        this.job = job;
    }

    /** Resumes an unfinished walk of this job, else starts a new one (a finished job walks again: rows may have changed). */
    State begin(String maxKeySql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(CREATE);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_key, end_key, batches, rows_done FROM " + TABLE + " WHERE job = ? AND finished_at IS NULL")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return new State(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
            }
        }
        String endKey;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(maxKeySql)) {
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

    void advance(String lastKey, long rowsDone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADVANCE)) {
            ps.setString(1, lastKey);
            ps.setLong(2, rowsDone);
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
