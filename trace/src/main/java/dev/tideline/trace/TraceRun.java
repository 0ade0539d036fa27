package dev.tideline.trace;

import dev.tideline.trace.db.ConnectionSpec;
import dev.tideline.trace.db.EmbeddedServer;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Chooses where a trace runs and always cleans up: an embedded server (data directory removed), a scratch database on
 * the user's server written by a role made for the run (both dropped), or the user's database inside one transaction
 * (rolled back).
 */
public final class TraceRun {
    /**
     * @param dbUrl    the user's server, or null for an embedded PostgreSQL of {@code pgMajor}
     * @param inPlace  with dbUrl: trace inside the named database in a transaction that is always rolled back
     * @param env      environment for PGPASSWORD / PGPASSFILE / PGUSER
     * @param messages where to say what is happening (downloads); never receives a password
     * @param lockTimeout      in place: how long a statement may wait for a lock (e.g. {@code 5s}); null: 5s
     * @param statementTimeout in place: how long one statement may run, holding its locks; null: 60s
     */
    public record Options(String dbUrl, boolean inPlace, int pgMajor, Map<String, String> env, PrintStream messages,
                          String lockTimeout, String statementTimeout) {
        public Options(String dbUrl, boolean inPlace, int pgMajor, Map<String, String> env, PrintStream messages) {
            this(dbUrl, inPlace, pgMajor, env, messages, null, null);
        }

        Seal.Bounds bounds() {
            return new Seal.Bounds(lockTimeout == null ? Seal.Bounds.DEFAULT.lockTimeout() : Seal.Duration.parse(lockTimeout),
                    statementTimeout == null ? Seal.Bounds.DEFAULT.statementTimeout() : Seal.Duration.parse(statementTimeout));
        }
    }

    /** In place, a session tideline stops driving (suspended, hung) is ended by the server after this long idle. */
    static final String IN_PLACE_IDLE_TIMEOUT = "60s";

    private TraceRun() {}

    /**
     * Runs a trace whose request is made once the server is known: its major version is the analyzer's target, and
     * the migration session's TimeZone what the lock model starts from.
     */
    public static TraceResult run(Options options, Function<Server, Tracer.Request> request, Tracer.Progress progress) {
        Seal.Bounds bounds = options.bounds();
        if (options.dbUrl() == null) {
            if (options.inPlace()) throw new TraceException("--in-place needs --db URL: it traces inside your database");
            try (EmbeddedServer server = EmbeddedServer.start(options.pgMajor(), options.messages())) {
                ConnectionSpec spec = server.connectionSpec();
                return traceOn(spec, request, progress, "embedded PostgreSQL " + options.pgMajor());
            }
        }
        ConnectionSpec spec = ConnectionSpec.parse(options.dbUrl(), options.env());
        try {
            if (options.inPlace()) return inPlace(spec, bounds, request, progress);
            return onScratchDatabase(spec, request, progress, options.messages());
        } catch (SQLException e) {
            throw new TraceException("trace on " + spec.display() + " failed: " + spec.mask(Tracer.oneLine(e)));
        } catch (TraceException e) {
            throw new TraceException(spec.mask(e.getMessage()));
        }
    }

    private static TraceResult onScratchDatabase(ConnectionSpec spec, Function<Server, Tracer.Request> request,
                                                 Tracer.Progress progress, PrintStream messages) throws SQLException {
        try (Connection admin = spec.connect()) {
            checkVersion(admin);
            try (ScratchDatabase scratch = ScratchDatabase.create(spec, admin, messages)) {
                String target = "scratch database " + scratch.name() + " on " + spec.display() + ", as role " + scratch.name();
                try {
                    TraceResult r = traceOn(scratch.migrationSpec(), scratch.observerSpec(), request, progress, target);
                    String why = scratch.explain(r.failure());
                    if (why == null) return r;
                    List<String> notes = new ArrayList<>(r.notes());
                    notes.add(why);
                    return new TraceResult(r.schemaVersion(), r.server(), r.target(), r.rows(), r.durationMs(), r.files(),
                            r.disagreements(), r.failure(), List.copyOf(notes));
                } catch (TraceException e) {
                    String why = scratch.explain(e.getMessage());
                    throw why == null ? e : new TraceException(e.getMessage() + "; " + why);
                }
            }
        }
    }

    private static TraceResult traceOn(ConnectionSpec spec, Function<Server, Tracer.Request> request, Tracer.Progress progress,
                                       String target) {
        return traceOn(spec, spec, request, progress, target);
    }

    private static TraceResult traceOn(ConnectionSpec workSpec, ConnectionSpec observerSpec, Function<Server, Tracer.Request> request,
                                       Tracer.Progress progress, String target) {
        try (Connection work = workSpec.connect(); Connection observer = observerSpec.connect()) {
            Server server = checkVersion(work);
            work.setAutoCommit(true);
            observer.setAutoCommit(true);
            return Tracer.run(request.apply(server), work, observer, null, server.display(), target, progress);
        } catch (SQLException e) {
            throw new TraceException("trace on " + target + " failed: " + workSpec.mask(Tracer.oneLine(e)));
        }
    }

    private static TraceResult inPlace(ConnectionSpec spec, Seal.Bounds bounds, Function<Server, Tracer.Request> request,
                                       Tracer.Progress progress) throws SQLException {
        try (Connection work = spec.connect(); Connection observer = spec.connect()) {
            Server server = checkVersion(work);
            work.setAutoCommit(true);
            observer.setAutoCommit(true);
            exec(work, "SET idle_in_transaction_session_timeout = '" + IN_PLACE_IDLE_TIMEOUT + "'");
            exec(work, "BEGIN");
            try {
                Seal seal = Seal.arm(work, bounds);
                return Tracer.run(request.apply(server), work, observer, seal, server.display(), "in place on " + spec.display()
                        + ", rolled back; lock_timeout " + bounds.lockTimeout().sql() + ", statement_timeout "
                        + bounds.statementTimeout().sql(), progress);
            } finally {
                exec(work, "ROLLBACK");
            }
        }
    }

    /**
     * The server the migrations are traced on.
     *
     * @param display  e.g. {@code PostgreSQL 15.8}
     * @param timeZone the TimeZone of the session that runs the migrations
     */
    public record Server(int major, String display, String timeZone) {}

    /** The server's version and the session's TimeZone; fails on a version tideline does not model. */
    static Server checkVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int, current_setting('server_version'),"
                     + " current_setting('TimeZone')")) {
            rs.next();
            int major = rs.getInt(1) / 10000;
            if (major < 12 || major > 18) {
                throw new TraceException("PostgreSQL " + rs.getString(2) + " is not supported: tideline traces on PostgreSQL 12 to 18");
            }
            return new Server(major, "PostgreSQL " + rs.getString(2).split(" ")[0], rs.getString(3));
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
