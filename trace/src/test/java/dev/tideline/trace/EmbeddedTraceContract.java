package dev.tideline.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.trace.TraceResult.TracedStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One embedded server per version (one trace per class): known statements' locks observed on that version. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmbeddedTraceContract {
    private TraceResult result;
    private List<String> tempDirsBefore;

    abstract int major();

    @BeforeAll
    void traceOnce() throws IOException {
        tempDirsBefore = tideTempDirs();
        HandAnalysis a = new HandAnalysis().file("V1__orders.sql", false)
                .stmt("CREATE TABLE customers (id bigint PRIMARY KEY, email text)", HandAnalysis.runner(1), null, null)
                .stmt("CREATE TABLE orders (id int PRIMARY KEY, customer_id bigint, total numeric(10,2))",
                        HandAnalysis.runner(1), null, null)
                .file("V2__changes.sql", true)
                .stmt("CREATE INDEX orders_customer_idx ON orders (customer_id)", TxContext.AUTOCOMMIT, "orders", LockMode.SHARE)
                .stmt("ALTER TABLE orders ALTER COLUMN id TYPE bigint", TxContext.AUTOCOMMIT,
                        new Operation.AlterColumnType(TableRef.of("orders"), "id", "bigint", null), "orders",
                        LockMode.ACCESS_EXCLUSIVE, true, true)
                .stmt("ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID",
                        TxContext.AUTOCOMMIT, "orders", LockMode.SHARE_ROW_EXCLUSIVE)
                .stmt("ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk", TxContext.AUTOCOMMIT,
                        "orders", LockMode.SHARE_UPDATE_EXCLUSIVE);
        result = TraceRun.run(new TraceRun.Options(null, false, major(), Map.of(), TracerOnLocalServerTest.QUIET),
                server -> new Tracer.Request(a.build(), false, 500, null, Path.of(".")), (d, t, w) -> {});
    }

    private TracedStatement stmt(int i) {
        return TracerOnLocalServerTest.traced(result).get(i);
    }

    @Test
    void runsOnTheRequestedVersion() {
        assertTrue(result.server().startsWith("PostgreSQL " + major() + "."), result.server());
        assertNull(result.failure());
    }

    @Test
    void createIndexTakesShareLock() {
        assertTrue(stmt(0).observed().locks().stream().anyMatch(l -> l.relation().equals("orders") && l.mode().equals("ShareLock")));
        assertEquals(List.of(), stmt(0).disagreements());
    }

    @Test
    void intToBigintRewritesUnderAccessExclusive() {
        assertEquals(List.of("orders"), stmt(1).observed().rewritten());
        assertTrue(stmt(1).observed().locks().stream().anyMatch(l -> l.relation().equals("orders")
                && l.mode().equals("AccessExclusiveLock")));
    }

    @Test
    void foreignKeyLocksTheReferencedTableToo() {
        assertTrue(stmt(2).observed().locks().stream().anyMatch(l -> l.relation().equals("customers")
                && l.mode().equals("ShareRowExclusiveLock")), stmt(2).observed().locks().toString());
        // the hand-made prediction left the referenced table out: the trace must say so
        assertTrue(stmt(2).disagreements().contains("customers: predicted no lock, observed ShareRowExclusiveLock"),
                stmt(2).disagreements().toString());
    }

    @Test
    void validateTakesShareUpdateExclusive() {
        assertTrue(stmt(3).observed().locks().stream().anyMatch(l -> l.relation().equals("orders")
                && l.mode().equals("ShareUpdateExclusiveLock")));
        assertFalse(stmt(3).observed().locks().stream().anyMatch(l -> l.relation().equals("orders")
                && l.mode().equals("AccessExclusiveLock")));
    }

    @Test
    void theTemporaryDataDirectoryIsGone() throws IOException {
        assertEquals(tempDirsBefore, tideTempDirs());
    }

    private static List<String> tideTempDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tideline-trace-pg")).sorted().toList();
        }
    }
}
