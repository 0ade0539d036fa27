package dev.tideline.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** Reads, through a second connection, the relation locks one backend holds or waits for in the current database. */
final class LockSampler implements AutoCloseable {
    /** One pg_locks entry: a relation and a mode (pg_locks name). */
    record Held(long oid, String mode) {}

    private final PreparedStatement query;
    private final Set<Long> ignored;

    /** @param ignored relations whose locks are tideline's own (the in-place seal), never the migration's */
    LockSampler(Connection observer, int pid, Set<Long> ignored) throws SQLException {
        this.ignored = ignored;
        query = observer.prepareStatement("""
                select relation::bigint, mode from pg_locks
                 where pid = ? and locktype = 'relation' and relation >= 16384
                   and database = (select oid from pg_database where datname = current_database())""");
        query.setInt(1, pid);
    }

    Set<Held> read() throws SQLException {
        Set<Held> held = new HashSet<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (!ignored.contains(rs.getLong(1))) held.add(new Held(rs.getLong(1), rs.getString(2)));
            }
        }
        return held;
    }

    @Override
    public void close() throws SQLException {
        query.close();
    }
}
