package dev.tideline.trace;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.trace.db.ConnectionSpec;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * The scratch database of {@code trace --db URL}, and the role the migrations run as: a new login role without
 * SUPERUSER, CREATEROLE, CREATEDB, REPLICATION or BYPASSRLS that owns the database. The server itself then refuses
 * whatever a migration would change outside that database (roles, databases, tablespaces, ALTER SYSTEM, other
 * databases' objects), in any form, DO blocks and functions included. Both carry a marker comment naming the session
 * that created them; one whose creator is gone (a killed run) is dropped by the next run.
 */
final class ScratchDatabase implements AutoCloseable {
    static final String PREFIX = "tideline_trace_";
    private static final String MARKER = "tideline trace scratch; created by session ";
    private static final Pattern MARKED = Pattern.compile(Pattern.quote(MARKER) + "(\\d+) started (\\d+)");
    /** How a located error with SQLSTATE insufficient_privilege reads. */
    private static final String PERMISSION_DENIED = ": 42501: ";

    private final ConnectionSpec admin;
    private final Connection adminSession;
    private final String name;
    private final String password;
    private final Thread dropOnExit;

    private ScratchDatabase(ConnectionSpec admin, Connection adminSession, String name, String password) {
        this.admin = admin;
        this.adminSession = adminSession;
        this.name = name;
        this.password = password;
        this.dropOnExit = new Thread(() -> dropQuietly(admin, name), "tideline-drop-scratch-db");
    }

    /**
     * Drops leftovers of killed runs (saying so on {@code messages}), then creates the role and its database.
     * {@code adminSession} stays open for the whole run: it is what marks the database as in use.
     */
    static ScratchDatabase create(ConnectionSpec admin, Connection adminSession, PrintStream messages) throws SQLException {
        String leftovers = dropLeftovers(adminSession);
        if (leftovers != null) messages.println("tideline: dropped leftovers of killed trace runs: " + leftovers);
        SecureRandom random = new SecureRandom();
        String name = PREFIX + HexFormat.of().formatHex(random.generateSeed(6));
        String password = HexFormat.of().formatHex(random.generateSeed(24));
        String role = Quoting.ident(name);
        String marker = Quoting.literal(marker(adminSession));
        try {
            exec(adminSession, "CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
        } catch (SQLException e) {
            throw new TraceException("cannot create the role a scratch trace runs as (" + Tracer.oneLine(e) + "): --db needs"
                    + " a user with CREATEROLE and CREATEDB, or a superuser; or use --in-place to trace inside an existing database");
        }
        ScratchDatabase scratch = new ScratchDatabase(admin, adminSession, name, password);
        Runtime.getRuntime().addShutdownHook(scratch.dropOnExit);
        try {
            exec(adminSession, "COMMENT ON ROLE " + role + " IS " + marker);
            // Hashed here (SCRAM): the server, its logs and pg_stat_activity never see the password itself.
            adminSession.unwrap(PGConnection.class).alterUserPassword(name, password.toCharArray(), "scram-sha-256");
            if (!superuser(adminSession)) exec(adminSession, "GRANT " + role + " TO CURRENT_USER"); // CREATE DATABASE … OWNER needs it
            exec(adminSession, "CREATE DATABASE " + role + " OWNER " + role);
            exec(adminSession, "COMMENT ON DATABASE " + role + " IS " + marker);
            return scratch;
        } catch (SQLException e) {
            scratch.close();
            throw new TraceException("cannot create a scratch database (" + Tracer.oneLine(e) + "); use --in-place to trace"
                    + " inside an existing database instead");
        }
    }

    String name() {
        return name;
    }

    /** Where the migrations run: the scratch database, logged in as its role. */
    ConnectionSpec migrationSpec() {
        return admin.withDatabase(name).withLogin(name, password);
    }

    /** Where locks and catalogs are read: the scratch database, as the user who asked for the trace. */
    ConnectionSpec observerSpec() {
        return admin.withDatabase(name);
    }

    /** Says why, when a migration failed for want of a privilege. */
    String explain(String error) {
        if (error == null || !error.contains(PERMISSION_DENIED)) return null;
        return "the migrations run as " + name + ", a role without SUPERUSER, CREATEROLE or CREATEDB that owns only the"
                + " scratch database, so that they cannot change the server (roles, databases, tablespaces, ALTER SYSTEM);"
                + " a statement that needs more fails here. CREATE EXTENSION of an untrusted extension: install it in"
                + " template1, which the scratch database is copied from, and write CREATE EXTENSION IF NOT EXISTS; or"
                + " trace without --db on the embedded server, which is thrown away";
    }

    @Override
    public void close() throws SQLException {
        try {
            drop(adminSession, name);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(dropOnExit);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook drops them (again, harmlessly)
            }
        }
    }

    private static void drop(Connection admin, String name) throws SQLException {
        exec(admin, "select pg_terminate_backend(pid) from pg_stat_activity where (datname = " + Quoting.literal(name)
                + " or usename = " + Quoting.literal(name) + ") and pid <> pg_backend_pid()");
        dropDatabase(admin, name);
        exec(admin, "DROP ROLE IF EXISTS " + Quoting.ident(name));
    }

    /** Its owner may have made it a template, which DROP DATABASE refuses: undone first. */
    private static void dropDatabase(Connection admin, String name) throws SQLException {
        try (Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("select datistemplate from pg_database where datname = " + Quoting.literal(name))) {
            if (!rs.next()) return;
            if (rs.getBoolean(1)) exec(admin, "ALTER DATABASE " + Quoting.ident(name) + " IS_TEMPLATE false");
        }
        exec(admin, "DROP DATABASE " + Quoting.ident(name));
    }

    private static void dropQuietly(ConnectionSpec spec, String name) {
        try (Connection admin = spec.connect()) {
            drop(admin, name);
        } catch (SQLException | RuntimeException ignored) {
            // best effort during JVM shutdown; the next run finds what is left by its marker
        }
    }

    /** The marker naming this session: pid and start time, which together never name another session. */
    private static String marker(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select pid, (extract(epoch from backend_start) * 1000000)::bigint"
                     + " from pg_stat_activity where pid = pg_backend_pid()")) {
            rs.next();
            return MARKER + rs.getLong(1) + " started " + rs.getLong(2);
        }
    }

    /**
     * Drops the marked databases and roles whose creating session has ended and that nobody is connected to (as).
     * Others' leftovers this user may not drop are left alone. Returns what was dropped, or null.
     */
    static String dropLeftovers(Connection admin) throws SQLException {
        Set<String> liveSessions = new HashSet<>();
        Set<String> inUse = new HashSet<>();
        try (Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("select pid, (extract(epoch from backend_start) * 1000000)::bigint, datname,"
                     + " usename from pg_stat_activity")) {
            while (rs.next()) {
                liveSessions.add(rs.getLong(1) + " " + rs.getLong(2));
                if (rs.getString(3) != null) inUse.add(rs.getString(3));
                if (rs.getString(4) != null) inUse.add(rs.getString(4));
            }
        }
        // A database's own marker can be changed by its owner, the migration; its role's cannot, so that one counts first.
        List<String> databases = dropOrphans(admin, "select d.datname, coalesce(case when r.rolname = d.datname then"
                        + " shobj_description(r.oid, 'pg_authid') end, shobj_description(d.oid, 'pg_database'))"
                        + " from pg_database d join pg_roles r on r.oid = d.datdba",
                name -> dropDatabase(admin, name), liveSessions, inUse);
        List<String> roles = dropOrphans(admin, "select rolname, shobj_description(oid, 'pg_authid') from pg_roles",
                name -> exec(admin, "DROP ROLE " + Quoting.ident(name)), liveSessions, inUse);
        if (databases.isEmpty() && roles.isEmpty()) return null;
        return "databases " + (databases.isEmpty() ? "none" : String.join(", ", databases))
                + "; roles " + (roles.isEmpty() ? "none" : String.join(", ", roles));
    }

    private interface Drop {
        void drop(String name) throws SQLException;
    }

    private static List<String> dropOrphans(Connection admin, String query, Drop drop, Set<String> liveSessions,
                                            Set<String> inUse) throws SQLException {
        Map<String, String> marked = new LinkedHashMap<>();
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                String comment = rs.getString(2);
                if (rs.getString(1).startsWith(PREFIX) && comment != null) marked.put(rs.getString(1), comment);
            }
        }
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, String> e : marked.entrySet()) {
            Matcher m = MARKED.matcher(e.getValue());
            if (!m.matches() || liveSessions.contains(m.group(1) + " " + m.group(2)) || inUse.contains(e.getKey())) continue;
            try {
                drop.drop(e.getKey());
                dropped.add(e.getKey());
            } catch (SQLException notOurs) {
                // another user's, or just taken into use: not ours to drop
            }
        }
        return dropped;
    }

    private static boolean superuser(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
