package dev.tideline.mysql.conformance;

import dev.tideline.mysql.servers.RunningServer;
import dev.tideline.mysql.servers.ScratchDatabase;
import dev.tideline.mysql.servers.ServerKind;
import dev.tideline.mysql.servers.Servers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness and the oracle on every selected server, with two answers the reference read off all of them. */
class OracleSmokeTest {
    private static final List<String> TABLE = List.of(
            "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, a INT NOT NULL DEFAULT 0, KEY idx_a (a)) ENGINE=InnoDB ROW_FORMAT=DYNAMIC",
            "INSERT INTO t (id, a) WITH RECURSIVE seq (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 300) SELECT i, i FROM seq");

    @BeforeAll
    static void startInParallel() {
        Servers.startAsync(ServerKind.selected());
    }

    static List<ServerKind> servers() {
        return ServerKind.selected();
    }

    @ParameterizedTest
    @MethodSource("servers")
    void addColumnAtTheEndIsInstantAndWaitsForTheExclusiveMetadataLock(ServerKind kind) throws Exception {
        RunningServer server = Servers.get(kind);
        DdlCase c = new DdlCase("add_col_null_end", TABLE, "ALTER TABLE t ADD COLUMN x INT NULL", "t", "t");
        try (ScratchDatabase db = server.scratchDatabase()) {
            Map<String, Answer> answers = new Oracle(db).run(c, Oracle.ALL_CLAUSES);
            assertTrue(answers.get("INSTANT").accepted(), server + ": " + answers);
            assertFalse(answers.get("INSTANT").rebuilt(), server + ": " + answers);
            assertTrue(answers.get("COPY/SHARED").rebuilt(), server + ": " + answers);
            assertEquals(server.isMariaDb() ? 0 : 1221, answers.get("INSTANT/NONE").errno(), server + ": " + answers);
            assertTrue(new MdlProbe(db).watch(c).waited(), server + ": the ALTER did not wait behind the open transaction");
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void dropPrimaryKeyAloneOnlyCopies(ServerKind kind) throws Exception {
        RunningServer server = Servers.get(kind);
        DdlCase c = new DdlCase("drop_primary_key", TABLE, "ALTER TABLE t DROP PRIMARY KEY", "t", "t");
        try (ScratchDatabase db = server.scratchDatabase()) {
            Map<String, Answer> answers = new Oracle(db).run(c, Oracle.ALL_CLAUSES);
            assertEquals(1846, answers.get("INSTANT").errno(), server + ": " + answers);
            assertEquals(1846, answers.get("INPLACE/NONE").errno(), server + ": " + answers);
            assertTrue(answers.get("COPY/SHARED").accepted() && answers.get("COPY/SHARED").rebuilt(), server + ": " + answers);
            assertEquals(300, answers.get("DEFAULT").rows(), server + ": " + answers);
        }
    }
}
