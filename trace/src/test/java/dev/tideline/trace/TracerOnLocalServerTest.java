package dev.tideline.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.trace.TraceResult.Status;
import dev.tideline.trace.TraceResult.TracedStatement;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tracer against the machine's PostgreSQL 15 (127.0.0.1:5432), on a scratch database it creates and drops. */
class TracerOnLocalServerTest {
    static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    static TraceResult trace(HandAnalysis analysis, long rows) {
        return TraceRun.run(new TraceRun.Options(LOCAL, false, 15, Map.of(), QUIET),
                server -> new Tracer.Request(analysis.build(), false, rows, null, Path.of(".")), (d, t, w) -> {});
    }

    static HandAnalysis ordersSchema() {
        return new HandAnalysis().file("V1__orders.sql", false)
                .stmt("CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, note varchar(20))",
                        HandAnalysis.runner(1), null, null);
    }

    static List<TracedStatement> traced(TraceResult r) {
        return r.files().stream().filter(TraceResult.TracedFile::traced).flatMap(f -> f.statements().stream()).toList();
    }

    @Test
    void createIndexTakesShareLockAndTypeChangeRewritesInOneRunnerTransaction() {
        TraceResult r = trace(ordersSchema().file("V2__index_and_widen.sql", true)
                .stmt("CREATE INDEX orders_customer_idx ON orders (customer_id)", HandAnalysis.runner(1),
                        "orders", LockMode.SHARE)
                .stmt("ALTER TABLE orders ALTER COLUMN id TYPE bigint", HandAnalysis.runner(1),
                        new Operation.AlterColumnType(dev.tideline.analyzer.model.TableRef.of("orders"), "id", "bigint", null),
                        "orders", LockMode.ACCESS_EXCLUSIVE, true, true), 0);
        assertNull(r.failure());
        List<TracedStatement> s = traced(r);
        TracedStatement index = s.get(0);
        assertEquals(Status.ok, index.status());
        assertTrue(index.observed().locks().stream().anyMatch(l -> l.relation().equals("orders")
                && l.mode().equals("ShareLock") && !l.heldBefore()), index.observed().locks().toString());
        assertTrue(index.disagreements().isEmpty(), index.disagreements().toString());
        assertEquals(List.of(), index.observed().rewritten());

        TracedStatement widen = s.get(1);
        assertTrue(widen.observed().locks().stream().anyMatch(l -> l.relation().equals("orders")
                && l.mode().equals("AccessExclusiveLock") && !l.heldBefore()), widen.observed().locks().toString());
        assertTrue(widen.observed().locks().stream().anyMatch(l -> l.relation().equals("orders")
                && l.mode().equals("ShareLock") && l.heldBefore()), "ShareLock of the previous statement is still held");
        assertEquals(List.of("orders"), widen.observed().rewritten());
        assertTrue(widen.disagreements().isEmpty(), widen.disagreements().toString());
        assertEquals("runner#1", widen.transaction());
        assertTrue(widen.dangers().stream().anyMatch(d -> d.confirmed() && d.rule().equals("rewrite")));
    }

    @Test
    void aWrongPredictionIsReportedAsADisagreement() {
        TraceResult r = trace(ordersSchema().file("V2__index.sql", true)
                .stmt("CREATE INDEX orders_customer_idx ON orders (customer_id)", TxContext.AUTOCOMMIT,
                        "orders", LockMode.SHARE_UPDATE_EXCLUSIVE)
                .stmt("ALTER TABLE orders ALTER COLUMN note TYPE varchar(40)", TxContext.AUTOCOMMIT,
                        new Operation.AlterColumnType(dev.tideline.analyzer.model.TableRef.of("orders"), "note", "varchar(40)", null),
                        "orders", LockMode.ACCESS_EXCLUSIVE, true, true), 0);
        List<TracedStatement> s = traced(r);
        assertEquals(List.of("orders: predicted ShareUpdateExclusiveLock, observed ShareLock"), s.get(0).disagreements());
        assertEquals(List.of("orders: predicted a rewrite, relfilenode unchanged"), s.get(1).disagreements());
        assertEquals(2, r.disagreements());
    }

    @Test
    void concurrentIndexRunsOutsideATransactionAndARefusalIsADisagreement() {
        TraceResult r = trace(ordersSchema().file("V2__concurrently.sql", true)
                .stmt("CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id)", TxContext.AUTOCOMMIT,
                        new Operation.Unrecognized("hand"), "orders", LockMode.SHARE_UPDATE_EXCLUSIVE, false, false)
                .stmt("DROP INDEX CONCURRENTLY orders_customer_idx", TxContext.AUTOCOMMIT,
                        "orders", LockMode.SHARE_UPDATE_EXCLUSIVE), 2000);
        List<TracedStatement> s = traced(r);
        assertEquals(Status.ok, s.get(0).status());
        assertEquals("sampled", s.get(0).observation());
        assertEquals(Status.ok, s.get(1).status());
        assertTrue(s.get(1).disagreements().stream().anyMatch(d -> d.startsWith("predicted to run inside a transaction block")),
                s.get(1).disagreements().toString());
        assertTrue(r.notes().contains("--rows: public.orders filled with 2000 rows"), r.notes().toString());
    }

    @Test
    void aFailingStatementIsLocatedAndStopsTheTrace() {
        TraceResult r = trace(ordersSchema().file("V2__broken.sql", true)
                .stmt("ALTER TABLE orders ADD COLUMN shipped boolean", HandAnalysis.runner(1), "orders", LockMode.ACCESS_EXCLUSIVE)
                .stmt("ALTER TABLE no_such_table ADD COLUMN x int", HandAnalysis.runner(1), "no_such_table", LockMode.ACCESS_EXCLUSIVE)
                .stmt("CREATE INDEX ON orders (id)", HandAnalysis.runner(1), "orders", LockMode.SHARE), 0);
        assertNotNull(r.failure());
        assertTrue(r.failure().startsWith("V2__broken.sql:2:1: 42P01"), r.failure());
        List<TracedStatement> s = traced(r);
        assertEquals(Status.failed, s.get(1).status());
        assertEquals(Status.not_run, s.get(2).status());
        assertFalse(s.get(0).observed().locks().isEmpty());
    }
}
