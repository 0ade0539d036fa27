package dev.tideline.trace.conformance;

import dev.tideline.analyzer.model.LockMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Runs one statement on a real server and records what it locked, rewrote and scanned.
 *
 * <p>First inside {@code BEGIN … ROLLBACK}: once the statement is done, a second connection reads the first one's
 * pg_locks entries while its transaction is still open (locks are held to the end, so nothing is missed), and the
 * first connection reads its own relfilenodes and sequential-scan counters. A statement the server refuses to run
 * in a transaction block (SQLSTATE 25001) is run on its own instead, while blocker sessions make each of its table
 * lock requests wait long enough to be read from pg_locks (see {@link #observeAlone}).
 */
final class ServerProbe {
    private static final String SQLSTATE_IN_TRANSACTION_BLOCK = "25001";
    private static final long TIMEOUT_NANOS = 60_000_000_000L;

    private final Connection work;
    private final Connection observer;
    private final Supplier<Connection> newConnection;
    private final int workPid;
    private final PreparedStatement locksQuery;

    /** @param newConnection opens another connection to the same database (for blocker sessions) */
    ServerProbe(Connection work, Connection observer, Supplier<Connection> newConnection) throws SQLException {
        this.work = work;
        this.observer = observer;
        this.newConnection = newConnection;
        work.setAutoCommit(true);
        observer.setAutoCommit(true);
        try (Statement st = work.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            workPid = rs.getInt(1);
        }
        locksQuery = observer.prepareStatement("""
                select locktype, coalesce(relation::bigint, 0), mode, granted, virtualxid from pg_locks
                 where pid = ? and (locktype <> 'relation' or relation >= 16384)""");
        locksQuery.setInt(1, workPid);
    }

    /** Drops every user schema (and what is in it), then runs the setup statements one by one, committed. */
    void reset(List<String> setup) throws SQLException {
        exec(work, "RESET ALL"); // a setting one case's setup made must not reach the next case
        List<String> schemas = new ArrayList<>();
        try (Statement st = work.createStatement(); ResultSet rs = st.executeQuery(
                "select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'")) {
            while (rs.next()) schemas.add(rs.getString(1));
        }
        for (String s : schemas) exec(work, "DROP SCHEMA \"" + s.replace("\"", "\"\"") + "\" CASCADE");
        exec(work, "DROP TABLESPACE IF EXISTS conformance_space");
        exec(work, "CREATE SCHEMA public");
        for (String sql : setup) exec(work, sql);
    }

    Observation observe(String statement) throws SQLException {
        Catalog before = Catalog.read(work);
        work.setAutoCommit(false);
        Map<Long, Long> scansBefore = seqScans(); // counters not yet flushed still include earlier transactions
        try {
            exec(work, statement);
        } catch (SQLException e) {
            work.rollback();
            work.setAutoCommit(true);
            if (SQLSTATE_IN_TRANSACTION_BLOCK.equals(e.getSQLState())) return observeAlone(statement, before);
            throw e;
        }
        Map<Long, String> held = new HashMap<>();
        for (Sample s : sample()) if (s.relation() != 0) held.merge(s.relation(), s.mode(), ServerProbe::stronger);
        Catalog after = Catalog.read(work);
        Set<String> scanned = new HashSet<>();
        for (Map.Entry<Long, Long> e : seqScans().entrySet()) {
            Catalog.Rel r = before.get(e.getKey());
            if (r != null && e.getValue() > scansBefore.getOrDefault(e.getKey(), 0L)) scanned.add(r.display());
        }
        work.rollback();
        work.setAutoCommit(true);
        return observation(before, after, held, scanned, true);
    }

    /** Sequential scans this backend counted per table and has not yet reported. */
    private Map<Long, Long> seqScans() throws SQLException {
        Map<Long, Long> scans = new HashMap<>();
        try (Statement st = work.createStatement(); ResultSet rs = st.executeQuery(
                "select relid::bigint, seq_scan from pg_stat_xact_user_tables where seq_scan > 0")) {
            while (rs.next()) scans.put(rs.getLong(1), rs.getLong(2));
        }
        return scans;
    }

    /** A session holding a lock on one table in an open transaction; {@code vxid} is its virtual transaction id. */
    private record Blocker(Connection connection, String vxid) {}

    private Blocker block(Catalog.Rel table, String mode, boolean nowait) throws SQLException {
        Connection c = newConnection.get();
        c.setAutoCommit(false);
        try {
            exec(c, "LOCK TABLE ONLY " + table.quoted() + " IN " + mode + " MODE" + (nowait ? " NOWAIT" : ""));
        } catch (SQLException e) {
            release(c);
            if (nowait) return null; // already held or queued stronger by the statement: nothing more to learn
            throw e;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select virtualxid from pg_locks where pid = pg_backend_pid() and locktype = 'virtualxid'")) {
            return new Blocker(c, rs.next() ? rs.getString(1) : null);
        }
    }

    /**
     * Each table starts with a blocker holding SHARE UPDATE EXCLUSIVE. When the statement queues behind one, its
     * requested mode is recorded and that blocker ends; a second blocker then takes ACCESS SHARE (if it can at once),
     * so a later ACCESS EXCLUSIVE request on the same table is caught the same way. A statement waiting for a
     * blocker's whole transaction (CONCURRENTLY waits for older transactions) ends just that blocker.
     */
    private Observation observeAlone(String statement, Catalog before) throws SQLException {
        Map<Long, Blocker> blockers = new LinkedHashMap<>();
        Set<Long> reblocked = new HashSet<>();
        try {
            for (Catalog.Rel r : before.all()) {
                if (r.kind() == 'r' || r.kind() == 'p') blockers.put(r.oid(), block(r, "SHARE UPDATE EXCLUSIVE", false));
            }
            Map<Long, String> seen = new HashMap<>();
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    exec(work, statement);
                } catch (SQLException e) {
                    throw new Failed(e);
                }
            });
            long start = System.nanoTime();
            long lastProgress = start;
            while (!running.isDone()) {
                long now = System.nanoTime();
                if (now - start > TIMEOUT_NANOS) throw new SQLException("statement still running after 60 s: " + statement);
                for (Sample s : sample()) {
                    if (s.relation() != 0) seen.merge(s.relation(), s.mode(), ServerProbe::stronger);
                    if (s.granted()) continue;
                    if (s.relation() != 0 && blockers.containsKey(s.relation())) {
                        release(blockers.remove(s.relation()).connection());
                        lastProgress = now;
                        Catalog.Rel r = before.get(s.relation());
                        if (r != null && reblocked.add(r.oid())) {
                            Blocker again = block(r, "ACCESS SHARE", true);
                            if (again != null) blockers.put(r.oid(), again);
                        }
                    } else if (s.relation() == 0 && s.awaited() != null) {
                        blockers.values().removeIf(b -> {
                            if (!s.awaited().equals(b.vxid())) return false;
                            release(b.connection());
                            return true;
                        });
                    }
                }
                if (now - lastProgress > 5_000_000_000L && !blockers.isEmpty()) {
                    // waiting on something no blocker explains: let everything go
                    blockers.values().forEach(b -> release(b.connection()));
                    blockers.clear();
                }
            }
            try {
                running.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Failed f) throw f.sql;
                throw new SQLException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted");
            }
            return observation(before, Catalog.read(work), seen, null, false);
        } finally {
            for (Blocker b : blockers.values()) release(b.connection());
        }
    }

    private Observation observation(Catalog before, Catalog after, Map<Long, String> locks, Set<String> scanned,
                                    boolean inTransaction) {
        Map<String, LockMode> modes = new LinkedHashMap<>();
        Map<String, Character> kinds = new LinkedHashMap<>();
        for (Map.Entry<Long, String> l : locks.entrySet()) {
            // a relation that existed goes by the name the statement used (RENAME and SET SCHEMA change it)
            Catalog.Rel r = before.get(l.getKey()) != null ? before.get(l.getKey()) : after.get(l.getKey());
            if (r == null) continue; // created and dropped within the statement
            modes.merge(r.display(), LockMode.fromPgLocks(l.getValue()), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            kinds.put(r.display(), r.kind());
        }
        Set<String> newFiles = new HashSet<>();
        Set<String> existed = new HashSet<>();
        for (Catalog.Rel r : before.all()) {
            existed.add(r.display());
            kinds.putIfAbsent(r.display(), r.kind());
            Catalog.Rel now = after.get(r.oid());
            if ((r.kind() == 'r' || r.kind() == 'm') && now != null && now.filenode() != r.filenode()) newFiles.add(r.display());
        }
        return new Observation(modes, kinds, newFiles, scanned, inTransaction, existed);
    }

    /** One pg_locks row of the statement's backend; {@code awaited} is the virtual transaction it waits for, if any. */
    private record Sample(String locktype, long relation, String mode, boolean granted, String awaited) {}

    private List<Sample> sample() throws SQLException {
        List<Sample> out = new ArrayList<>();
        try (ResultSet rs = locksQuery.executeQuery()) {
            while (rs.next()) {
                String type = rs.getString(1);
                if (!type.equals("relation") && rs.getBoolean(4)) continue; // own virtualxid/transactionid
                out.add(new Sample(type, type.equals("relation") ? rs.getLong(2) : 0, rs.getString(3), rs.getBoolean(4),
                        type.equals("virtualxid") ? rs.getString(5) : null));
            }
        }
        return out;
    }

    private static String stronger(String a, String b) {
        return LockMode.fromPgLocks(a).compareTo(LockMode.fromPgLocks(b)) >= 0 ? a : b;
    }

    private static void release(Connection blocker) {
        try (blocker) {
            blocker.rollback();
        } catch (SQLException ignored) {
            // closing ends the transaction anyway
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(sql);
        }
    }

    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SQLException sql;

        Failed(SQLException sql) {
            super(sql);
            this.sql = sql;
        }
    }

    /** The user relations one session sees, by oid. */
    static final class Catalog {
        record Rel(long oid, String schema, String name, char kind, long filenode) {
            String display() {
                return schema.equals("public") ? name : schema + "." + name;
            }

            String quoted() {
                return "\"" + schema.replace("\"", "\"\"") + "\".\"" + name.replace("\"", "\"\"") + "\"";
            }
        }

        private final Map<Long, Rel> byOid = new LinkedHashMap<>();

        static Catalog read(Connection c) throws SQLException {
            Catalog cat = new Catalog();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                    select c.oid::bigint, n.nspname, c.relname, c.relkind::text, c.relfilenode::bigint
                      from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where c.oid >= 16384 and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
                     order by c.oid""")) {
                while (rs.next()) {
                    cat.byOid.put(rs.getLong(1), new Rel(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4).charAt(0), rs.getLong(5)));
                }
            }
            return cat;
        }

        Rel get(long oid) {
            return byOid.get(oid);
        }

        Iterable<Rel> all() {
            return byOid.values();
        }
    }
}
