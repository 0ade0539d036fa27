package dev.tideline.cli.guard;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One look at the database's client sessions and relation locks, from the catalog views only (pg_stat_activity,
 * pg_locks, pg_blocking_pids): what {@link Watchdog} decides on. Ages are measured by the server's clock.
 */
public record Snapshot(Map<Integer, Session> sessions, List<RelationLock> locks) {

    /**
     * A client session of the watched database (not the watchdog's own).
     *
     * @param waitMs how long its current lock wait has lasted, or -1 when it is not waiting for a lock
     * @param blockers the sessions it waits for (pg_blocking_pids), empty when it is not waiting
     * @param awaitedRelation the table whose lock it waits for, or null (not waiting, or a row or transaction lock)
     */
    public record Session(int pid, OffsetDateTime backendStart, long backendAgeMs, String applicationName, String state,
                          long xactMs, long queryMs, String query, long waitMs, Set<Integer> blockers,
                          String awaitedRelation, String awaitedMode) {
        public boolean waitingForLock() {
            return waitMs >= 0;
        }

        public boolean idleInTransaction() {
            return state != null && state.startsWith("idle in transaction");
        }
    }

    /** A table lock held ({@code granted}) or awaited by a session. */
    public record RelationLock(int pid, String relation, String mode, boolean granted) {}

    /** Modes that block the application's writes (SHARE) or also its reads (ACCESS EXCLUSIVE): what DDL takes. */
    public static final Set<String> BLOCKING_MODES = Set.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock",
            "AccessExclusiveLock");

    /** Modes stronger than the application's own (ROW EXCLUSIVE and weaker): only DDL and explicit LOCK take them. */
    public static final Set<String> DDL_MODES = Set.of("ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock",
            "ExclusiveLock", "AccessExclusiveLock");

    private static String sessionsSql(boolean hasWaitStart) {
        // pg_locks.waitstart (PostgreSQL 14+) dates the lock wait itself; before 14 the statement's start stands in.
        String waitStart = hasWaitStart ? "coalesce(w.waitstart, a.state_change)" : "a.state_change";
        return "SELECT a.pid, a.backend_start,"
                + " (extract(epoch FROM clock_timestamp() - a.backend_start) * 1000)::bigint,"
                + " a.application_name, a.state,"
                + " coalesce((extract(epoch FROM clock_timestamp() - a.xact_start) * 1000)::bigint, -1),"
                + " coalesce((extract(epoch FROM clock_timestamp() - a.query_start) * 1000)::bigint, -1),"
                + " a.query,"
                + " CASE WHEN a.wait_event_type = 'Lock' THEN (extract(epoch FROM clock_timestamp() - " + waitStart
                + ") * 1000)::bigint ELSE -1 END,"
                + " CASE WHEN a.wait_event_type = 'Lock' THEN pg_blocking_pids(a.pid) END,"
                + " w.relation, w.mode"
                + " FROM pg_stat_activity a"
                + " LEFT JOIN LATERAL (SELECT " + (hasWaitStart ? "l.waitstart" : "NULL::timestamptz AS waitstart") + ","
                + "   CASE WHEN l.locktype = 'relation' THEN l.relation::regclass::text END AS relation, l.mode"
                + "   FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted LIMIT 1) w ON a.wait_event_type = 'Lock'"
                + " WHERE a.datname = current_database() AND a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()";
    }

    private static final String LOCKS_SQL = "SELECT l.pid, l.relation::regclass::text, l.mode, l.granted FROM pg_locks l"
            + " WHERE l.locktype = 'relation' AND l.pid <> pg_backend_pid()"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    /** Prepared once per connection: the watchdog looks every few tens of milliseconds. */
    public static final class Reader implements AutoCloseable {
        private final PreparedStatement sessions;
        private final PreparedStatement locks;

        public Reader(Connection c) throws SQLException {
            boolean hasWaitStart = c.getMetaData().getDatabaseMajorVersion() >= 14;
            sessions = c.prepareStatement(sessionsSql(hasWaitStart));
            locks = c.prepareStatement(LOCKS_SQL);
        }

        public Snapshot read() throws SQLException {
            Map<Integer, Session> byPid = new LinkedHashMap<>();
            try (ResultSet rs = sessions.executeQuery()) {
                while (rs.next()) {
                    Set<Integer> blockers = Set.of();
                    Array array = rs.getArray(10);
                    if (array != null) {
                        blockers = Set.copyOf(Arrays.asList((Integer[]) array.getArray())); // may hold duplicates
                    }
                    Session s = new Session(rs.getInt(1), rs.getObject(2, OffsetDateTime.class), rs.getLong(3),
                            rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getLong(9),
                            blockers, rs.getString(11), rs.getString(12));
                    byPid.put(s.pid(), s);
                }
            }
            List<RelationLock> relationLocks = new ArrayList<>();
            try (ResultSet rs = locks.executeQuery()) {
                while (rs.next()) relationLocks.add(new RelationLock(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
            }
            return new Snapshot(byPid, relationLocks);
        }

        @Override
        public void close() throws SQLException {
            sessions.close();
            locks.close();
        }
    }

    public List<RelationLock> locksOf(int pid) {
        return locks.stream().filter(l -> l.pid() == pid).toList();
    }
}
