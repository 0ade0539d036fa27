package dev.tideline.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.trace.TraceResult.Status;
import dev.tideline.trace.TraceResult.TracedStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --db … --in-place}: the migrations run inside the user's database and leave it byte-for-byte unchanged. */
class InPlaceTraceTest {
    @Test
    void theTargetDatabaseSchemaIsByteForByteUnchanged() throws Exception {
        try (LocalDatabase db = new LocalDatabase(
                "CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL, note varchar(20))",
                "INSERT INTO orders (customer_id, note) SELECT g, 'n' || g FROM generate_series(1, 200) g")) {
            String before = schemaDump(db.name);
            TxContext explicit = new TxContext(TxContext.Source.EXPLICIT, 1);
            HandAnalysis a = new HandAnalysis().file("V0__earlier.sql", false)
                    .stmt("CREATE TABLE orders (id serial PRIMARY KEY)", HandAnalysis.runner(1), null, null)
                    .file("V2__change.sql", true)
                    .stmt("ALTER TABLE orders ADD COLUMN shipped boolean DEFAULT false", HandAnalysis.runner(1),
                            "orders", LockMode.ACCESS_EXCLUSIVE)
                    .stmt("CREATE INDEX orders_customer_idx ON orders (customer_id)", HandAnalysis.runner(1), "orders", LockMode.SHARE)
                    .stmt("BEGIN", explicit, new Operation.Transaction(Operation.TransactionKind.BEGIN), null, null, false, true)
                    .stmt("ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint", explicit,
                            new Operation.AlterColumnType(TableRef.of("orders"), "customer_id", "bigint", null),
                            "orders", LockMode.ACCESS_EXCLUSIVE, true, true)
                    .stmt("COMMIT", explicit, new Operation.Transaction(Operation.TransactionKind.COMMIT), null, null, false, true)
                    .stmt("COMMIT", TxContext.AUTOCOMMIT, null, null) // a COMMIT the analyzer did not recognise
                    .stmt("CREATE TABLE audit (id int)", TxContext.AUTOCOMMIT, null, null)
                    .stmt("CREATE INDEX CONCURRENTLY audit_id_idx ON audit (id)", TxContext.AUTOCOMMIT,
                            new Operation.Unrecognized("hand"), "audit", LockMode.SHARE_UPDATE_EXCLUSIVE, false, false)
                    .stmt("DROP TABLE orders", TxContext.AUTOCOMMIT, "orders", LockMode.ACCESS_EXCLUSIVE);
            TraceResult r = TraceRun.run(new TraceRun.Options(db.url(), true, 15, Map.of(), TracerOnLocalServerTest.QUIET),
                    server -> new Tracer.Request(a.build(), true, 100, null, Path.of(".")), (d, t, w) -> {});
            assertNull(r.failure(), r.failure());
            List<TracedStatement> s = TracerOnLocalServerTest.traced(r);
            assertEquals(List.of("orders"), s.get(3).observed().rewritten());
            assertEquals(Status.skipped, s.get(5).status(), "an unrecognised COMMIT must never reach the server in place");
            assertEquals(Status.skipped, s.get(7).status(), "CONCURRENTLY cannot run inside the rolled-back transaction");
            assertEquals(Status.ok, s.get(8).status());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("V0__earlier.sql: not replayed")), r.notes().toString());
            assertTrue(r.target().startsWith("in place on "), r.target());

            assertEquals(before, schemaDump(db.name));
        }
    }

    static String schemaDump(String database) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pg_dump", "--schema-only", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", database)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("CREATE TABLE public.orders"), out);
        // pg_dump 15.14+ brackets its output with \\restrict / \\unrestrict and a random key, new on every run
        return out.replaceAll("(?m)^\\\\(un)?restrict \\S+$", "");
    }
}
