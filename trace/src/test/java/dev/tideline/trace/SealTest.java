package dev.tideline.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The last two guards of an in-place trace, tested alone: should a COMMIT reach the server, it fails and is noticed. */
class SealTest {
    @Test
    void aCommitThatReachesTheServerFailsAndTheTraceStops() throws Exception {
        try (LocalDatabase db = new LocalDatabase();
             Connection c = DriverManager.getConnection(LocalDatabase.SERVER + db.name, "postgres", "")) {
            Statement st = c.createStatement();
            st.execute("BEGIN");
            Seal seal = Seal.arm(c, Seal.Bounds.DEFAULT);
            st.execute("CREATE TABLE committed_by_mistake (id int)");
            seal.check(c, "CREATE TABLE");
            SQLException refused = assertThrows(SQLException.class, () -> st.execute("COMMIT"));
            assertTrue(refused.getMessage().contains("this transaction must never commit"), refused.getMessage());
            TraceException stopped = assertThrows(TraceException.class, () -> seal.check(c, "V2__x.sql:3:1"));
            assertTrue(stopped.getMessage().startsWith("V2__x.sql:3:1 ended the rolled-back transaction"), stopped.getMessage());
            assertEquals("0", db.query("SELECT count(*) FROM pg_class WHERE relname = 'committed_by_mistake'"));
        }
    }

    @Test
    void refusesTransactionControlBehindCommentsAndWhatARollbackCannotUndo() {
        for (String sql : new String[] {"/* a /* nested */ comment */ COMMIT", "-- x\nrollback", "SAVEPOINT a", "release a",
                "select setval('s', 1)", "COPY t TO PROGRAM 'x'", "copy (select 1) to '/tmp/x'", "SELECT dblink_exec('x')",
                "select pg_reload_conf()", "CHECKPOINT"}) {
            assertTrue(Seal.refusal(sql) != null, sql);
        }
        for (String sql : new String[] {"SELECT nextval('s')", "COPY t FROM '/tmp/x'", "INSERT INTO t VALUES (1)",
                "CREATE TABLE commits (id int)", "NOTIFY x"}) {
            assertEquals(null, Seal.refusal(sql), sql);
        }
    }

    @Test
    void durationsAreCheckedBeforeAnythingRuns() {
        assertEquals(1500, Seal.Duration.parse("1500ms").millis());
        assertEquals(120_000, Seal.Duration.parse("2min").millis());
        for (String bad : new String[] {"0s", "5", "1h'; DROP TABLE x; --", "-1s"}) {
            assertThrows(TraceException.class, () -> Seal.Duration.parse(bad), bad);
        }
    }
}
