package dev.tideline.cli.guard;

import dev.tideline.cli.guard.Snapshot.RelationLock;
import dev.tideline.cli.guard.Snapshot.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, from one {@link Snapshot} after another, which sessions are the migration's and whether one of them has
 * become an outage: application queries queued behind it longer than {@code maxQueueMs}, or a lock that blocks the
 * application's writes held longer than {@code maxLockHoldMs}. Then it cancels that session's statement, and
 * terminates the session if it still blocks {@code graceMs} later (an idle transaction cannot be cancelled: it is
 * terminated at once). Only sessions taken for the migration's are ever signalled, and the signal re-checks the
 * session's identity (pid, start time and, when named, application_name) in the same statement.
 */
public final class Watchdog {
    public record Limits(long maxQueueMs, long maxLockHoldMs, long graceMs) {}

    /** How a session was taken for the migration's. */
    public enum Identification {
        /** Its application_name is the one guard gave the child (PGAPPNAME, Flyway's initSql). */
        APPLICATION_NAME("application_name"),
        /**
         * Opened after the child started, it holds or awaits a table lock stronger than the application's own
         * (SHARE UPDATE EXCLUSIVE or stronger) and other sessions are queued behind it.
         */
        LOCKS("locks");

        public final String id;

        Identification(String id) {
            this.id = id;
        }
    }

    public record Queued(int pid, String applicationName, long waitedMs, String query) {}

    public record Blocker(int pid, String applicationName, String state, long xactMs, String query) {}

    /**
     * One cancel or terminate.
     *
     * @param atMs when it was decided, in ms since the child started
     * @param reason {@code max-queue} or {@code max-lock-hold}
     * @param tables the tables the queue is on (or the lock held too long)
     * @param lockMode the mode the migration awaits (awaiting true) or holds
     * @param error why the server refused the signal, or null when it was sent
     */
    public record Intervention(long atMs, String action, String reason, long limitMs, int pid, String applicationName,
                               Identification identifiedBy, String state, String statement, long statementMs,
                               List<String> tables, String lockMode, boolean awaiting, List<Queued> queued,
                               List<Blocker> blockers, String error) {
        public long longestQueuedMs() {
            return queued.stream().mapToLong(Queued::waitedMs).max().orElse(0);
        }
    }

    /** What the live status line shows. */
    public record Status(List<Session> migrationSessions, int locksHeld, String awaiting, int queued, long longestQueuedMs) {}

    public interface Listener {
        void migrationSession(Session session, Identification how);

        void intervened(Intervention intervention);
    }

    private record Known(OffsetDateTime backendStart, Identification how) {}

    private final Limits limits;
    private final String applicationName;
    private final Listener listener;
    private final Map<Integer, Known> migration = new LinkedHashMap<>();
    /** pid → when it was first seen holding a lock in {@link Snapshot#BLOCKING_MODES}, in ms of the watch. */
    private final Map<Integer, Long> blockingSince = new HashMap<>();
    /** pid → when its statement was cancelled; removed when it no longer needs stopping. */
    private final Map<Integer, Long> cancelledAt = new HashMap<>();
    private final Set<Integer> terminated = new HashSet<>();
    private long longestQueuedMs;
    private int interventions;

    public Watchdog(Limits limits, String applicationName, Listener listener) {
        this.limits = limits;
        this.applicationName = applicationName;
        this.listener = listener;
    }

    /**
     * One round: identify, measure, act.
     *
     * @param watchMs time since the child started
     */
    public Status check(Snapshot snapshot, long watchMs, Connection c) throws SQLException {
        identify(snapshot, watchMs);
        Map<Integer, List<Queued>> queues = queuesBehindMigration(snapshot);
        Set<Integer> mustStop = new LinkedHashSet<>();
        Map<Integer, String> reasons = new HashMap<>();
        queues.forEach((pid, queued) -> {
            long longest = queued.stream().mapToLong(Queued::waitedMs).max().orElse(0);
            longestQueuedMs = Math.max(longestQueuedMs, longest);
            if (longest > limits.maxQueueMs()) {
                mustStop.add(pid);
                reasons.put(pid, "max-queue");
            }
        });
        // a pid the server hands out again is a new session: nothing carries over
        blockingSince.keySet().retainAll(migration.keySet());
        terminated.retainAll(migration.keySet());
        for (int pid : migration.keySet()) {
            boolean blocking = snapshot.locksOf(pid).stream().anyMatch(l -> l.granted() && Snapshot.BLOCKING_MODES.contains(l.mode()));
            if (!blocking) {
                blockingSince.remove(pid);
                continue;
            }
            long since = blockingSince.computeIfAbsent(pid, p -> watchMs);
            if (watchMs - since > limits.maxLockHoldMs() && mustStop.add(pid)) reasons.put(pid, "max-lock-hold");
        }
        cancelledAt.keySet().retainAll(mustStop);
        for (int pid : mustStop) {
            Session s = snapshot.sessions().get(pid);
            if (s == null || terminated.contains(pid)) continue;
            Long cancelled = cancelledAt.get(pid);
            String action;
            if (cancelled == null) action = s.idleInTransaction() ? "terminate" : "cancel";
            else if (watchMs - cancelled >= limits.graceMs()) action = "terminate";
            else continue;
            Intervention i = describe(watchMs, action, reasons.get(pid), s, snapshot, queues.getOrDefault(pid, List.of()));
            String error = signal(c, action, s);
            if ("cancel".equals(action)) cancelledAt.put(pid, watchMs);
            else terminated.add(pid);
            interventions++;
            listener.intervened(error == null ? i : withError(i, error));
        }
        return status(snapshot, queues);
    }

    public boolean intervened() {
        return interventions > 0;
    }

    public long longestQueuedMs() {
        return longestQueuedMs;
    }

    private void identify(Snapshot snapshot, long watchMs) {
        migration.entrySet().removeIf(e -> {
            Session s = snapshot.sessions().get(e.getKey());
            return s == null || !s.backendStart().equals(e.getValue().backendStart());
        });
        boolean named = false;
        for (Session s : snapshot.sessions().values()) {
            if (applicationName.equals(s.applicationName())) {
                named = true;
                remember(s, Identification.APPLICATION_NAME);
            }
        }
        if (named || migration.values().stream().anyMatch(k -> k.how() == Identification.APPLICATION_NAME)) return;
        Set<Integer> blocking = new HashSet<>();
        for (Session s : snapshot.sessions().values()) blocking.addAll(s.blockers());
        for (Session s : snapshot.sessions().values()) {
            boolean openedByChild = s.backendAgeMs() <= watchMs;
            boolean ddlLock = snapshot.locksOf(s.pid()).stream().anyMatch(l -> Snapshot.DDL_MODES.contains(l.mode()));
            if (openedByChild && ddlLock && blocking.contains(s.pid())) remember(s, Identification.LOCKS);
        }
    }

    private void remember(Session s, Identification how) {
        if (migration.containsKey(s.pid())) return;
        migration.put(s.pid(), new Known(s.backendStart(), how));
        listener.migrationSession(s, how);
    }

    /** Migration pid → the other sessions waiting for it, directly or through others waiting in the same queue. */
    private Map<Integer, List<Queued>> queuesBehindMigration(Snapshot snapshot) {
        Map<Integer, List<Queued>> queues = new LinkedHashMap<>();
        for (Session w : snapshot.sessions().values()) {
            if (!w.waitingForLock() || migration.containsKey(w.pid())) continue;
            Set<Integer> seen = new HashSet<>();
            Deque<Integer> todo = new ArrayDeque<>(w.blockers());
            while (!todo.isEmpty()) {
                int pid = todo.pop();
                if (!seen.add(pid)) continue;
                if (migration.containsKey(pid)) {
                    queues.computeIfAbsent(pid, p -> new ArrayList<>())
                            .add(new Queued(w.pid(), w.applicationName(), w.waitMs(), w.query()));
                    continue;
                }
                Session next = snapshot.sessions().get(pid);
                if (next != null) todo.addAll(next.blockers());
            }
        }
        queues.values().forEach(q -> q.sort(Comparator.comparingLong(Queued::waitedMs).reversed()));
        return queues;
    }

    private Intervention describe(long atMs, String action, String reason, Session m, Snapshot snapshot, List<Queued> queued) {
        Set<String> tables = new LinkedHashSet<>();
        if (m.awaitedRelation() != null) tables.add(m.awaitedRelation());
        for (Queued q : queued) {
            Session w = snapshot.sessions().get(q.pid());
            if (w != null && w.awaitedRelation() != null) tables.add(w.awaitedRelation());
        }
        List<RelationLock> held = snapshot.locksOf(m.pid()).stream().filter(RelationLock::granted).toList();
        if (tables.isEmpty()) {
            held.stream().filter(l -> Snapshot.BLOCKING_MODES.contains(l.mode())).forEach(l -> tables.add(l.relation()));
        }
        String mode = m.awaitedMode();
        if (mode == null) {
            mode = held.stream().filter(l -> tables.contains(l.relation())).map(RelationLock::mode)
                    .max(Comparator.comparingInt(Watchdog::strength)).orElse(null);
        }
        List<Blocker> blockers = new ArrayList<>();
        for (int pid : m.blockers()) {
            Session b = snapshot.sessions().get(pid);
            if (b != null) blockers.add(new Blocker(pid, b.applicationName(), b.state(), b.xactMs(), b.query()));
        }
        long limit = reason.equals("max-queue") ? limits.maxQueueMs() : limits.maxLockHoldMs();
        return new Intervention(atMs, action, reason, limit, m.pid(), m.applicationName(), migration.get(m.pid()).how(), m.state(),
                m.query(), m.queryMs(), List.copyOf(tables), mode, m.awaitedMode() != null, List.copyOf(queued),
                blockers, null);
    }

    private static Intervention withError(Intervention i, String error) {
        return new Intervention(i.atMs(), i.action(), i.reason(), i.limitMs(), i.pid(), i.applicationName(), i.identifiedBy(), i.state(),
                i.statement(), i.statementMs(), i.tables(), i.lockMode(), i.awaiting(), i.queued(), i.blockers(), error);
    }

    private static final List<String> MODE_ORDER = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
            "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

    private static int strength(String mode) {
        return MODE_ORDER.indexOf(mode);
    }

    /** Sends the signal only if the pid is still that same session; returns the server's refusal, or null. */
    private String signal(Connection c, String action, Session s) {
        String function = action.equals("cancel") ? "pg_cancel_backend" : "pg_terminate_backend";
        boolean named = migration.get(s.pid()).how() == Identification.APPLICATION_NAME;
        String sql = "SELECT " + function + "(pid) FROM pg_stat_activity WHERE pid = ? AND backend_start = ?"
                + (named ? " AND application_name = ?" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, s.pid());
            ps.setObject(2, s.backendStart());
            if (named) ps.setString(3, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null; // it ended meanwhile: nothing left to stop
                return rs.getBoolean(1) ? null : function + " returned false (the session was gone)";
            }
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private Status status(Snapshot snapshot, Map<Integer, List<Queued>> queues) {
        List<Session> sessions = migration.keySet().stream().map(snapshot.sessions()::get).filter(s -> s != null).toList();
        int held = (int) snapshot.locks().stream().filter(l -> l.granted() && migration.containsKey(l.pid())).count();
        String awaiting = sessions.stream().filter(s -> s.awaitedMode() != null)
                .map(s -> s.awaitedMode() + (s.awaitedRelation() == null ? "" : " on " + s.awaitedRelation()))
                .findFirst().orElse(null);
        int queued = queues.values().stream().mapToInt(List::size).sum();
        long longest = queues.values().stream().flatMap(List::stream).mapToLong(Queued::waitedMs).max().orElse(0);
        return new Status(sessions, held, awaiting, queued, longest);
    }
}
