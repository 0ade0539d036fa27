package dev.tideline.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tideline.analyzer.model.Quoting;
import dev.tideline.cli.guard.EventLog;
import dev.tideline.cli.guard.Snapshot;
import dev.tideline.cli.guard.Watchdog;
import dev.tideline.cli.guard.Watchdog.Identification;
import dev.tideline.cli.guard.Watchdog.Intervention;
import dev.tideline.trace.TraceException;
import dev.tideline.trace.db.ConnectionSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tideline guard}: runs the migration command and stops its statement before its lock queue takes the site down. */
@Command(name = "guard", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Runs a migration command (psql, Flyway, Liquibase, golang-migrate, rails db:migrate, ...) and watches the"
                        + " database from a connection of its own, every 50 ms, through pg_stat_activity, pg_locks and"
                        + " pg_blocking_pids. When application queries have waited longer than --max-queue behind a lock"
                        + " that a migration session holds or waits for, or a migration session has held a lock that"
                        + " blocks writes longer than --max-lock-hold, it cancels that session's statement"
                        + " (pg_cancel_backend) and terminates the session (pg_terminate_backend) if it still blocks"
                        + " --cancel-grace later; an idle transaction is terminated at once. It reports the statement, the"
                        + " table, the queued sessions and how long they waited, and the blocker.",
                "Migration sessions are recognised by the application_name guard gives the child: PGAPPNAME for libpq"
                        + " clients (psql, golang-migrate, Rails, ...) and FLYWAY_INIT_SQL for Flyway. A client that sets"
                        + " its own name is recognised by its locks instead: a session opened after the child started that"
                        + " holds or awaits a lock stronger than ROW EXCLUSIVE with other sessions queued behind it. The"
                        + " output says which. No other session is ever signalled.",
                "Exit: the command's own status; " + GuardCommand.INTERVENED + " when guard cancelled or terminated a"
                        + " migration statement (EX_TEMPFAIL: run it again once the blocker is gone); 2 on a usage or"
                        + " connection error."},
        footer = {"", "Examples:",
                "  tideline guard --db 'jdbc:postgresql://db/app?user=deploy' -- psql -v ON_ERROR_STOP=1 -f migrate.sql",
                "  tideline guard --db \"$DATABASE_URL\" --max-queue 1s --events guard.jsonl -- flyway migrate",
                "",
                "--db must name the database the migration runs in. Credentials: from the URL, PGPASSWORD or ~/.pgpass;"
                        + " never printed. To cancel sessions of another role than its own, guard's role needs"
                        + " `GRANT pg_signal_backend TO <role>` (it cannot signal superuser sessions), and to see their"
                        + " statements `GRANT pg_read_all_stats TO <role>`."})
final class GuardCommand implements Callable<Integer> {
    /** EX_TEMPFAIL from sysexits.h: the migration was stopped and can be retried. */
    static final int INTERVENED = 75;
    private static final long POLL_MS = 50;
    private static final long STATUS_EVERY_MS = 250;
    private static final long RECONNECT_EVERY_MS = 1000;

    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "JDBC_URL", description = "The database the migration runs in.")
    String db;

    @Option(names = "--max-queue", paramLabel = "DURATION", defaultValue = "2s",
            description = "Longest an application query may wait behind the migration (default: ${DEFAULT-VALUE}).")
    String maxQueue;

    @Option(names = "--max-lock-hold", paramLabel = "DURATION", defaultValue = "10s",
            description = "Longest the migration may hold a lock that blocks writes (SHARE or stronger), queue or not"
                    + " (default: ${DEFAULT-VALUE}).")
    String maxLockHold;

    @Option(names = "--cancel-grace", paramLabel = "DURATION", defaultValue = "1s",
            description = "After a cancel, how long a session may go on blocking before it is terminated (default: ${DEFAULT-VALUE}).")
    String cancelGrace;

    @Option(names = "--events", paramLabel = "FILE", description = "Write a JSON-lines event log for CI to FILE.")
    Path events;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The migration command and its arguments (after --).")
    List<String> command;

    @Override
    public Integer call() {
        Watchdog.Limits limits = new Watchdog.Limits(Durations.millis("--max-queue", maxQueue),
                Durations.millis("--max-lock-hold", maxLockHold), Durations.millis("--cancel-grace", cancelGrace));
        ConnectionSpec target;
        try {
            target = ConnectionSpec.parse(db, System.getenv());
        } catch (TraceException e) {
            throw new Main.UserError(e.getMessage());
        }
        String applicationName = "tideline-guard-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        PrintWriter err = spec.commandLine().getErr();
        Connection monitor = connect(target);
        try (EventLog log = EventLog.open(events, sql -> redact(target, sql))) {
            return new Run(target, limits, applicationName, err, log, monitor).watch();
        } catch (IOException e) {
            throw new Main.UserError("--events " + events + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new Main.UserError(e.getMessage());
        } finally {
            close(monitor);
        }
    }

    /** One guarded run of the child. */
    private final class Run implements Watchdog.Listener {
        private final ConnectionSpec target;
        private final String applicationName;
        private final PrintWriter err;
        private final EventLog log;
        private final Watchdog.Limits limits;
        private final Watchdog watchdog;
        private final StatusLine statusLine;
        private Connection monitor;
        private Snapshot.Reader reader;
        private long startNanos;

        Run(ConnectionSpec target, Watchdog.Limits limits, String applicationName, PrintWriter err, EventLog log, Connection monitor) {
            this.target = target;
            this.applicationName = applicationName;
            this.err = err;
            this.log = log;
            this.monitor = monitor;
            this.limits = limits;
            this.watchdog = new Watchdog(limits, applicationName, this);
            this.statusLine = System.console() != null ? new StatusLine(err) : null;
        }

        int watch() {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            Map<String, String> env = builder.environment();
            env.put("PGAPPNAME", applicationName);
            String flywayInit = env.get("FLYWAY_INIT_SQL");
            env.put("FLYWAY_INIT_SQL", "SET application_name = " + Quoting.literal(applicationName)
                    + (flywayInit == null || flywayInit.isBlank() ? "" : "; " + flywayInit));
            err.printf("tideline guard: watching %s for %s (application_name %s); --max-queue %d ms, --max-lock-hold %d ms%n",
                    target.display(), command.get(0), applicationName, limits.maxQueueMs(), limits.maxLockHoldMs());
            err.flush();
            ObjectNode start = log.event("start", 0);
            start.put("program", command.get(0));
            start.put("database", target.display());
            start.put("application_name", applicationName);
            start.put("max_queue_ms", limits.maxQueueMs());
            start.put("max_lock_hold_ms", limits.maxLockHoldMs());
            start.put("cancel_grace_ms", limits.graceMs());
            log.write(start);
            startNanos = System.nanoTime();
            // A first round before the child starts: on a busy machine the first one (statements prepared, classes
            // loaded, a cold JIT) has taken longer than --max-queue, and a migration can queue at once.
            check(0);
            Process child;
            try {
                child = builder.start();
            } catch (IOException e) {
                throw new Main.UserError("cannot run " + command.get(0) + ": " + e.getMessage());
            }
            startNanos = System.nanoTime();
            Thread stopChild = new Thread(child::destroy, "guard-stop-child");
            Runtime.getRuntime().addShutdownHook(stopChild);
            int childStatus;
            try {
                long lastStatus = -STATUS_EVERY_MS;
                long lastReconnect = 0;
                do {
                    long now = elapsedMs();
                    if (monitor == null && now - lastReconnect >= RECONNECT_EVERY_MS) {
                        lastReconnect = now;
                        monitor = reconnect();
                    }
                    if (monitor != null) {
                        Watchdog.Status status = check(now);
                        if (statusLine != null && status != null && now - lastStatus >= STATUS_EVERY_MS) {
                            lastStatus = now;
                            statusLine.show(now, status, sql -> redact(target, sql));
                        }
                    }
                } while (!child.waitFor(POLL_MS, TimeUnit.MILLISECONDS));
                childStatus = child.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                child.destroy();
                throw new Main.UserError("interrupted; the migration command was asked to stop");
            } finally {
                if (statusLine != null) statusLine.clear();
                Runtime.getRuntime().removeShutdownHook(stopChild);
            }
            int exit = watchdog.intervened() ? INTERVENED : childStatus;
            ObjectNode end = log.event("exit", elapsedMs());
            end.put("command_status", childStatus);
            end.put("exit_status", exit);
            end.put("intervened", watchdog.intervened());
            end.put("longest_queued_ms", watchdog.longestQueuedMs());
            log.write(end);
            if (watchdog.intervened()) {
                err.printf("tideline guard: the migration was stopped by guard; its command exited with %d. Exit %d: run it"
                        + " again once the blocker is gone.%n", childStatus, INTERVENED);
            } else {
                err.printf("tideline guard: the migration command exited with %d; longest application wait behind it: %d ms"
                        + " (limit %d ms).%n", childStatus, watchdog.longestQueuedMs(), limits.maxQueueMs());
            }
            err.flush();
            return exit;
        }

        private long elapsedMs() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }

        private Watchdog.Status check(long now) {
            try {
                if (reader == null) reader = new Snapshot.Reader(monitor);
                return watchdog.check(reader.read(), now, monitor);
            } catch (SQLException e) {
                if (statusLine != null) statusLine.clear();
                err.println("tideline guard: lost the watching connection (" + target.mask(e.getMessage())
                        + "); reconnecting, the migration is unguarded meanwhile");
                err.flush();
                close(monitor);
                monitor = null;
                reader = null;
                return null;
            }
        }

        private Connection reconnect() {
            try {
                return connect(target);
            } catch (Main.UserError e) {
                return null;
            }
        }

        @Override
        public void migrationSession(Snapshot.Session session, Identification how) {
            if (statusLine != null) statusLine.clear();
            err.printf("tideline guard: migration session pid %d, identified by %s%n", session.pid(),
                    how == Identification.APPLICATION_NAME ? "its application_name " + applicationName
                            : "its locks (a lock stronger than ROW EXCLUSIVE, others queued behind it; application_name '"
                            + session.applicationName() + "')");
            err.flush();
            ObjectNode e = log.event("migration_session", elapsedMs());
            e.put("pid", session.pid());
            e.put("identified_by", how.id);
            e.put("application_name", session.applicationName());
            log.write(e);
        }

        @Override
        public void intervened(Intervention i) {
            if (statusLine != null) statusLine.clear();
            String verb = i.action().equals("cancel") ? "cancelled the statement of" : "terminated";
            String why = i.reason().equals("max-queue")
                    ? "application queries waited up to " + i.longestQueuedMs() + " ms behind it (--max-queue " + i.limitMs() + " ms)"
                    : "it held " + i.lockMode() + " longer than --max-lock-hold " + i.limitMs() + " ms";
            StringBuilder b = new StringBuilder();
            b.append(String.format("tideline guard: %s migration session pid %d: %s%n", verb, i.pid(), why));
            b.append(String.format("  session:   pid %d, identified by %s, %s for %d ms%n", i.pid(), i.identifiedBy().id,
                    i.state(), i.statementMs()));
            b.append(String.format("  statement: %s%n", oneLine(redact(target, i.statement()))));
            if (!i.tables().isEmpty()) {
                b.append(String.format("  table:     %s (%s %s)%n", String.join(", ", i.tables()),
                        i.awaiting() ? "awaiting" : "holding", i.lockMode()));
            }
            if (!i.queued().isEmpty()) {
                b.append(String.format("  queued:    %d sessions: %s%n", i.queued().size(), i.queued().stream().limit(5)
                        .map(q -> "pid " + q.pid() + " '" + q.applicationName() + "' " + q.waitedMs() + " ms")
                        .collect(Collectors.joining(", ")) + (i.queued().size() > 5 ? ", ..." : "")));
            }
            for (Watchdog.Blocker blocker : i.blockers()) {
                b.append(String.format("  blocker:   pid %d '%s', %s, transaction open %d ms, last statement: %s%n",
                        blocker.pid(), blocker.applicationName(), blocker.state(), blocker.xactMs(),
                        oneLine(redact(target, blocker.query()))));
            }
            if (i.error() != null) {
                b.append(String.format("  FAILED:    %s (guard's role needs pg_signal_backend, see --help)%n", target.mask(i.error())));
            }
            err.print(b);
            err.flush();
            log.write(log.intervention(i));
        }
    }

    /** The live status, redrawn in place on a terminal. */
    private static final class StatusLine {
        private final PrintWriter terminal;
        private int lastLength;

        StatusLine(PrintWriter terminal) {
            this.terminal = terminal;
        }

        void show(long elapsedMs, Watchdog.Status s, UnaryOperator<String> redact) {
            String statement = s.migrationSessions().stream().filter(m -> "active".equals(m.state())).map(m -> oneLine(redact.apply(m.query())))
                    .findFirst().orElse(s.migrationSessions().isEmpty() ? "no migration session yet" : "idle");
            String line = String.format("guard %.1fs | %s | locks held %d%s | queued %d, longest %d ms", elapsedMs / 1000.0,
                    statement.length() > 50 ? statement.substring(0, 49) + "…" : statement, s.locksHeld(),
                    s.awaiting() == null ? "" : ", awaiting " + s.awaiting(), s.queued(), s.longestQueuedMs());
            terminal.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            terminal.flush();
            lastLength = line.length();
        }

        void clear() {
            if (lastLength == 0) return;
            terminal.print("\r" + " ".repeat(lastLength) + "\r");
            terminal.flush();
            lastLength = 0;
        }
    }

    private static Connection connect(ConnectionSpec target) {
        try {
            Connection c = target.connect();
            try (Statement st = c.createStatement()) {
                st.execute("SET application_name = 'tideline guard'");
                st.execute("SET statement_timeout = '5s'");
            }
            return c;
        } catch (TraceException e) {
            throw new Main.UserError(e.getMessage());
        } catch (SQLException e) {
            throw new Main.UserError(target.mask(e.getMessage()));
        }
    }

    private static void close(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException e) {
            // it is gone either way
        }
    }

    /** SQL as shown or logged: passwords in it (CREATE/ALTER ROLE ... PASSWORD '...') and in --db masked. */
    static String redact(ConnectionSpec target, String sql) {
        if (sql == null) return null;
        return target.mask(sql.replaceAll("(?i)(password\\s+)'(?:[^']|'')*'", "$1'***'"));
    }

    private static String oneLine(String sql) {
        if (sql == null) return "";
        String s = sql.replaceAll("\\s+", " ").trim();
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }
}
