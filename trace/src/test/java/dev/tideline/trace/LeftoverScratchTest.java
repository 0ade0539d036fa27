package dev.tideline.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.trace.db.ConnectionSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Scratch databases and roles of killed {@code trace --db} runs are dropped by the next run; nothing else is. */
class LeftoverScratchTest {
    private static final String DEAD_MARKER = "'tideline trace scratch; created by session 1 started 1'";

    @Test
    void aKilledRunsDatabaseAndRoleAreDroppedAtTheStartOfTheNextRunAndOthersAreKept() throws Exception {
        ConnectionSpec spec = ConnectionSpec.parse(TracerOnLocalServerTest.LOCAL, Map.of());
        String killed;
        int killedPid;
        try (Connection creator = spec.connect()) { // a run that dies: its session ends, nothing is dropped
            killed = ScratchDatabase.create(spec, creator, TracerOnLocalServerTest.QUIET).name();
            killedPid = ((org.postgresql.PGConnection) creator.unwrap(org.postgresql.PGConnection.class)).getBackendPID();
        }
        String inUse = ScratchDatabase.PREFIX + "inuse_" + unique();
        String unmarked = ScratchDatabase.PREFIX + "unmarked_" + unique();
        String creatorAlive = ScratchDatabase.PREFIX + "alive_" + unique();
        List<String> kept = List.of(inUse, unmarked, creatorAlive);
        try (Connection admin = local("postgres")) {
            try {
                exec(admin, "CREATE DATABASE " + inUse);
                exec(admin, "COMMENT ON DATABASE " + inUse + " IS " + DEAD_MARKER);
                exec(admin, "CREATE DATABASE " + unmarked);
                exec(admin, "CREATE DATABASE " + creatorAlive);
                exec(admin, "DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE " + creatorAlive + " IS %L',"
                        + " 'tideline trace scratch; created by session ' || pg_backend_pid() || ' started '"
                        + " || (select (extract(epoch from backend_start) * 1000000)::bigint from pg_stat_activity"
                        + " where pid = pg_backend_pid())); END $$");
                try (Connection user = local(inUse)) { // held open for the run: this leftover is in use
                    waitUntilGone(admin, killedPid);
                    assertTrue(databases(admin).contains(killed));

                    ByteArrayOutputStream messages = new ByteArrayOutputStream();
                    HandAnalysis a = new HandAnalysis().file("V1.sql", true).stmt("SELECT 1", TxContext.AUTOCOMMIT, null, null);
                    TraceRun.run(new TraceRun.Options(TracerOnLocalServerTest.LOCAL, false, 15, Map.of(),
                                    new PrintStream(messages, true, StandardCharsets.UTF_8)),
                            server -> new Tracer.Request(a.build(), false, 0, null, Path.of(".")), (d, t, w) -> {});

                    List<String> lines = messages.toString(StandardCharsets.UTF_8).lines().toList();
                    assertEquals(1, lines.size(), lines.toString());
                    assertTrue(lines.get(0).startsWith("tideline: dropped leftovers of killed trace runs: databases "), lines.get(0));
                    assertTrue(lines.get(0).contains(killed), lines.get(0));
                    for (String k : kept) assertFalse(lines.get(0).contains(k), lines.get(0));
                    List<String> after = databases(admin);
                    assertFalse(after.contains(killed));
                    assertTrue(after.containsAll(kept), after.toString());
                    assertEquals("0", query(admin, "select count(*) from pg_roles where rolname = '" + killed + "'"));
                }
            } finally {
                for (String k : kept) exec(admin, "DROP DATABASE IF EXISTS " + k + " WITH (FORCE)");
            }
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static void waitUntilGone(Connection admin, int pid) throws SQLException, InterruptedException {
        for (int i = 0; i < 50 && !query(admin, "select count(*) from pg_stat_activity where pid = " + pid).equals("0"); i++) {
            Thread.sleep(100);
        }
    }

    private static Connection local(String database) throws SQLException {
        return DriverManager.getConnection(LocalDatabase.SERVER + database, "postgres", "");
    }

    private static List<String> databases(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select datname from pg_database")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return names;
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
