package dev.tideline.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.trace.db.EmbeddedServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code trace --db}: a migration that tries to change the server outside its scratch database leaves the cluster
 * exactly as it was. The "user's server" is a private PostgreSQL 15 started for this class, so that a before/after
 * comparison of the whole cluster's shared state is exact (no other session creates databases on it meanwhile).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScratchTraceIsolationTest {
    /** The superuser's password on the private server, which the test sets: the server's own is never shown. */
    private static final Map<String, String> ENV = Map.of("PGPASSWORD", "isolation-test");
    private EmbeddedServer server;

    @BeforeAll
    void startServer() throws SQLException {
        server = EmbeddedServer.start(15, TracerOnLocalServerTest.QUIET);
        try (Connection c = server.connectionSpec().connect(); Statement st = c.createStatement()) {
            st.execute("ALTER ROLE postgres PASSWORD '" + ENV.get("PGPASSWORD") + "'");
            st.execute("ALTER SYSTEM SET log_statement = 'all'"); // for the password test below
            st.execute("select pg_reload_conf()");
        }
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    static Stream<Arguments> serverWideChanges() {
        return Stream.of(
                Arguments.of("CREATE ROLE traceseal_evil SUPERUSER LOGIN PASSWORD 'x'", true),
                Arguments.of("DO $$ BEGIN EXECUTE 'CREATE ROLE traceseal_evil SUPERUSER'; END $$", true),
                Arguments.of("ALTER ROLE postgres PASSWORD 'owned'", true),
                Arguments.of("ALTER ROLE postgres NOSUPERUSER", true),
                Arguments.of("ALTER ROLE postgres SET work_mem = '1MB'", true),
                Arguments.of("ALTER ROLE CURRENT_USER CREATEROLE", true),
                Arguments.of("GRANT pg_write_server_files TO CURRENT_USER", true),
                Arguments.of("SET ROLE postgres", true),
                Arguments.of("SET SESSION AUTHORIZATION postgres", true),
                Arguments.of("ALTER DATABASE postgres SET work_mem = '1MB'", true),
                Arguments.of("COMMENT ON DATABASE postgres IS 'owned'", true),
                Arguments.of("ALTER SYSTEM SET work_mem = '77MB'", false),
                Arguments.of("CREATE DATABASE traceseal_evil", false),
                Arguments.of("CREATE TABLESPACE traceseal_evil LOCATION '/tmp'", false),
                Arguments.of("CREATE EXTENSION adminpack", true));
    }

    @ParameterizedTest
    @MethodSource("serverWideChanges")
    void isRefusedByTheServerAndLeavesTheClusterUnchanged(String sql, boolean transactional) throws SQLException {
        Map<String, List<String>> before = clusterState();
        List<String> roleDuringRun = new ArrayList<>();
        HandAnalysis a = new HandAnalysis().file("V1__schema.sql", false)
                .stmt("CREATE TABLE orders (id int PRIMARY KEY)", HandAnalysis.runner(1), null, null)
                .file("V2__server_wide.sql", true)
                .stmt("CREATE INDEX orders_id_idx ON orders (id)", TxContext.AUTOCOMMIT, null, null)
                .stmt(sql, TxContext.AUTOCOMMIT, new dev.tideline.analyzer.model.Operation.Unrecognized("hand"),
                        null, null, false, transactional);
        TraceResult r = TraceRun.run(new TraceRun.Options(url(), false, 15, ENV, TracerOnLocalServerTest.QUIET),
                s -> new Tracer.Request(a.build(), false, 0, null, Path.of(".")),
                (done, total, where) -> roleDuringRun.add(traceRole()));

        assertNotNull(r.failure(), "the server must refuse: " + sql);
        assertTrue(r.failure().startsWith("V2__server_wide.sql:2:1: 42501: "), r.failure());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("a role without SUPERUSER, CREATEROLE or CREATEDB")), r.notes().toString());
        assertEquals(List.of("super=f createrole=f createdb=f replication=f bypassrls=f owns scratch=t members of=0 password=SCRAM-SHA-256$"),
                roleDuringRun.stream().distinct().toList(), "the migration ran as the restricted role, whose password the server only knows hashed");
        assertEquals(before, clusterState(), "nothing outside the scratch database changed; role and database dropped");
    }

    @Test
    void theMigrationCannotKeepItsScratchDatabaseOrRoleFromBeingDropped() throws SQLException {
        Map<String, List<String>> before = clusterState();
        HandAnalysis a = new HandAnalysis().file("V1__hold_on.sql", true);
        for (String change : List.of("IS_TEMPLATE true", "ALLOW_CONNECTIONS false", "CONNECTION LIMIT 0", "OWNER TO postgres",
                "RENAME TO traceseal_renamed")) {
            a.stmt("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I " + change + "', current_database());"
                    + " EXCEPTION WHEN OTHERS THEN NULL; END $$", TxContext.AUTOCOMMIT, null, null);
        }
        a.stmt("ALTER ROLE CURRENT_USER SET statement_timeout = '1ms'", TxContext.AUTOCOMMIT, null, null)
                .stmt("CREATE TABLE kept (id int)", TxContext.AUTOCOMMIT, null, null);
        TraceResult r = TraceRun.run(new TraceRun.Options(url(), false, 15, ENV, TracerOnLocalServerTest.QUIET),
                s -> new Tracer.Request(a.build(), false, 0, null, Path.of(".")), (done, total, where) -> {});
        assertEquals(null, r.failure());
        assertTrue(r.target().contains(", as role tideline_trace_"), r.target());
        assertEquals(before, clusterState());
    }

    @Test
    void theTraceRolesPasswordReachesTheServerOnlyHashed() throws Exception {
        HandAnalysis a = new HandAnalysis().file("V1.sql", true).stmt("SELECT 1", TxContext.AUTOCOMMIT, null, null);
        TraceRun.run(new TraceRun.Options(url(), false, 15, ENV, TracerOnLocalServerTest.QUIET),
                s -> new Tracer.Request(a.build(), false, 0, null, Path.of(".")), (done, total, where) -> {});
        Path log;
        try (Connection c = admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('data_directory')")) {
            rs.next();
            log = Path.of(rs.getString(1)).resolveSibling("postgres.log");
        }
        String statements = java.nio.file.Files.readString(log);
        assertTrue(java.util.regex.Pattern.compile("ALTER USER \"?tideline_trace_\\w+\"? PASSWORD 'SCRAM-SHA-256\\$").matcher(statements).find(),
                "the statement log shows the role's password set as a SCRAM verifier");
        assertFalse(java.util.regex.Pattern.compile("(?i)password '[0-9a-f]{48}'").matcher(statements).find(), "never in clear");
    }

    @Test
    void aUserWithCreateroleAndCreatedbButNoSuperuserCanTrace() throws SQLException {
        adminExec("CREATE ROLE traceseal_owner LOGIN CREATEROLE CREATEDB PASSWORD 'owner-pw'");
        try {
            Map<String, List<String>> before = clusterState();
            HandAnalysis a = new HandAnalysis().file("V1__table.sql", true)
                    .stmt("CREATE TABLE orders (id int PRIMARY KEY)", TxContext.AUTOCOMMIT, null, null);
            TraceResult r = TraceRun.run(new TraceRun.Options("jdbc:postgresql://127.0.0.1:" + server.port()
                            + "/postgres?user=traceseal_owner", false, 15, Map.of("PGPASSWORD", "owner-pw"), TracerOnLocalServerTest.QUIET),
                    s -> new Tracer.Request(a.build(), false, 0, null, Path.of(".")), (done, total, where) -> {});
            assertEquals(null, r.failure());
            assertEquals(before, clusterState());
        } finally {
            adminExec("DROP ROLE traceseal_owner");
        }
    }

    @Test
    void aUserWhoMayNotCreateRolesIsToldWhatIsNeeded() throws SQLException {
        adminExec("CREATE ROLE traceseal_createdb LOGIN CREATEDB PASSWORD 'createdb-pw'");
        try {
            HandAnalysis a = new HandAnalysis().file("V1.sql", true).stmt("SELECT 1", TxContext.AUTOCOMMIT, null, null);
            TraceException e = org.junit.jupiter.api.Assertions.assertThrows(TraceException.class, () -> TraceRun.run(
                    new TraceRun.Options("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=traceseal_createdb",
                            false, 15, Map.of("PGPASSWORD", "createdb-pw"), TracerOnLocalServerTest.QUIET),
                    s -> new Tracer.Request(a.build(), false, 0, null, Path.of(".")), (done, total, where) -> {}));
            assertTrue(e.getMessage().startsWith("cannot create the role a scratch trace runs as (ERROR: permission denied to"
                    + " create role"), e.getMessage());
            assertTrue(e.getMessage().contains("--db needs a user with CREATEROLE and CREATEDB, or a superuser"), e.getMessage());
        } finally {
            adminExec("DROP ROLE traceseal_createdb");
        }
    }

    /** The way out the failure message gives for an extension only a superuser may create. */
    @Test
    void anUntrustedExtensionInstalledInTemplate1IsFoundWithIfNotExists() throws SQLException {
        template1("CREATE EXTENSION pg_stat_statements");
        try {
            HandAnalysis a = new HandAnalysis().file("V1__ext.sql", true)
                    .stmt("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", TxContext.AUTOCOMMIT, null, null);
            TraceResult r = TraceRun.run(new TraceRun.Options(url(), false, 15, ENV, TracerOnLocalServerTest.QUIET),
                    s -> new Tracer.Request(a.build(), false, 0, null, Path.of(".")), (done, total, where) -> {});
            assertEquals(null, r.failure());
        } finally {
            template1("DROP EXTENSION pg_stat_statements");
        }
    }

    private void template1(String sql) throws SQLException {
        try (Connection c = dev.tideline.trace.db.ConnectionSpec.parse(url(), ENV).withDatabase("template1").connect();
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private void adminExec(String sql) throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private String url() {
        return "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=postgres";
    }

    private Connection admin() {
        return dev.tideline.trace.db.ConnectionSpec.parse(url(), ENV).connect();
    }

    /** The attributes of the trace's role, read by the admin while the trace runs. */
    private String traceRole() {
        try (Connection c = admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select 'super=' || rolsuper::text::char || ' createrole=' || rolcreaterole::text::char"
                     + " || ' createdb=' || rolcreatedb::text::char || ' replication=' || rolreplication::text::char"
                     + " || ' bypassrls=' || rolbypassrls::text::char"
                     + " || ' owns scratch=' || exists (select from pg_database d where d.datdba = r.oid and d.datname = r.rolname)::text::char"
                     + " || ' members of=' || (select count(*) from pg_auth_members m where m.member = r.oid)"
                     + " || ' password=' || left(rolpassword, 14)"
                     + " from pg_authid r where rolname like 'tideline\\_trace\\_%'")) {
            return rs.next() ? rs.getString(1) : "no trace role";
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Everything a migration could change outside its own database: roles, memberships, databases, tablespaces, settings. */
    private Map<String, List<String>> clusterState() throws SQLException {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("roles", "select rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,"
                + " rolbypassrls, rolconnlimit, rolpassword, rolvaliduntil from pg_authid");
        queries.put("memberships", "select roleid::regrole, member::regrole, admin_option from pg_auth_members");
        queries.put("role and database settings", "select setdatabase, setrole, setconfig from pg_db_role_setting");
        queries.put("databases", "select datname, datdba::regrole, datistemplate, datallowconn, datconnlimit, datacl from pg_database");
        queries.put("tablespaces", "select spcname, spcowner::regrole, spcacl, spcoptions from pg_tablespace");
        queries.put("shared comments", "select objoid, classoid, description from pg_shdescription");
        queries.put("parameter privileges", "select parname, paracl from pg_parameter_acl");
        queries.put("config files", "select sourcefile, name, setting, applied, error from pg_file_settings");
        queries.put("settings", "select name, setting from pg_settings");
        queries.put("subscriptions", "select subname from pg_subscription");
        Map<String, List<String>> state = new LinkedHashMap<>();
        try (Connection c = admin(); Statement st = c.createStatement()) {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(q.getValue())) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) row.append(rs.getString(i)).append('|');
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                state.put(q.getKey(), rows);
            }
        }
        return state;
    }
}
