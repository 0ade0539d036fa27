package dev.tideline.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.trace.TraceResult.Status;
import dev.tideline.trace.TraceResult.TracedStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    /**
     * Statements that end a transaction, hidden from a first-word check, split by the driver, inside a block or a
     * procedure, or whose effect outlives a rollback: none may leave a trace in the database or on its server.
     */
    @Test
    void noStatementCanCommitOrLeaveAnythingBehind() throws Exception {
        Path copied = Path.of("/tmp", "tideline-in-place-" + UUID.randomUUID() + ".csv");
        List<String> hostile = List.of("/* hidden */ COMMIT", "-- a note\nEND", "CREATE TABLE sneaky2 (id int); COMMIT",
                "DO $$ BEGIN COMMIT; END $$", "CALL commits_inside()", "SET CONSTRAINTS ALL IMMEDIATE",
                "SELECT setval('orders_id_seq', 424242)", "COPY orders TO '" + copied + "'",
                "SELECT 1 FROM pg_stat_activity WHERE pg_terminate_backend(pid) AND false");
        try (LocalDatabase db = new LocalDatabase("CREATE TABLE orders (id serial PRIMARY KEY, note text)",
                "INSERT INTO orders (note) VALUES ('a')",
                "CREATE PROCEDURE commits_inside() LANGUAGE plpgsql AS $$ BEGIN CREATE TABLE sneaky3 (id int); COMMIT; END $$")) {
            String before = schemaDump(db.name);
            for (String sql : hostile) {
                HandAnalysis a = new HandAnalysis().file("V2__hostile.sql", true)
                        .stmt("CREATE TABLE sneaky (id int)", TxContext.AUTOCOMMIT, null, null)
                        .stmt(sql, TxContext.AUTOCOMMIT, null, null)
                        .stmt("CREATE TABLE sneaky4 (id int)", TxContext.AUTOCOMMIT, null, null);
                String outcome;
                try {
                    TraceResult r = TraceRun.run(new TraceRun.Options(db.url(), true, 15, Map.of(), TracerOnLocalServerTest.QUIET),
                            server -> new Tracer.Request(a.build(), true, 0, null, Path.of(".")), (d, t, w) -> {});
                    TracedStatement s = TracerOnLocalServerTest.traced(r).get(1);
                    outcome = s.status() + " " + s.error() + " " + s.notes();
                    assertTrue(s.status() == Status.skipped || s.status() == Status.failed, sql + ": " + outcome);
                } catch (TraceException e) {
                    outcome = e.getMessage();
                }
                assertEquals(before, schemaDump(db.name), sql + " changed the database: " + outcome);
                assertEquals("1", db.query("SELECT last_value FROM orders_id_seq"), sql + " moved the sequence: " + outcome);
                assertFalse(Files.exists(copied), sql + " wrote a file on the server: " + outcome);
            }
        }
    }

    /** A migration's own {@code SET lock_timeout = 0} must not let an in-place statement wait for ever on a live table. */
    @Test
    void locksAreHeldAndWaitedForOnlyWithinTheBounds() throws Exception {
        try (LocalDatabase db = new LocalDatabase("CREATE TABLE orders (id int PRIMARY KEY)");
             Connection app = DriverManager.getConnection(LocalDatabase.SERVER + db.name, "postgres", "")) {
            app.setAutoCommit(false);
            try (Statement st = app.createStatement()) {
                st.execute("LOCK TABLE orders IN ACCESS SHARE MODE"); // the application reading
            }
            HandAnalysis a = new HandAnalysis().file("V2__slow.sql", true)
                    .stmt("SET lock_timeout = 0", TxContext.AUTOCOMMIT, null, null)
                    .stmt("SET statement_timeout = 0", TxContext.AUTOCOMMIT, null, null)
                    .stmt("ALTER TABLE orders ADD COLUMN note text", TxContext.AUTOCOMMIT, "orders", LockMode.ACCESS_EXCLUSIVE);
            TraceResult r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> TraceRun.run(
                    new TraceRun.Options(db.url(), true, 15, Map.of(), TracerOnLocalServerTest.QUIET, "1s", "2s"),
                    server -> new Tracer.Request(a.build(), true, 0, null, Path.of(".")), (d, t, w) -> {}));
            assertTrue(r.failure() != null && r.failure().contains("55P03"), String.valueOf(r.failure()));
            app.rollback();

            HandAnalysis sleep = new HandAnalysis().file("V3__sleep.sql", true)
                    .stmt("SET statement_timeout = 0", TxContext.AUTOCOMMIT, null, null)
                    .stmt("SELECT pg_sleep(20)", TxContext.AUTOCOMMIT, null, null);
            TraceResult slept = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> TraceRun.run(
                    new TraceRun.Options(db.url(), true, 15, Map.of(), TracerOnLocalServerTest.QUIET, "1s", "2s"),
                    server -> new Tracer.Request(sleep.build(), true, 0, null, Path.of(".")), (d, t, w) -> {}));
            assertTrue(slept.failure() != null && slept.failure().contains("57014"), String.valueOf(slept.failure()));
            assertTrue(slept.target().contains("lock_timeout 1000ms, statement_timeout 2000ms"), slept.target());
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
