package dev.tideline.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideline.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tideline guard} on PostgreSQL 15 with live traffic: a long transaction ("report") holds a lock on the table,
 * the migration's ALTER TABLE queues behind it, and the application's queries ("shop", threads over JDBC) queue
 * behind the migration. With guard, no application query takes longer than --max-queue + 0.5 s and the migration is
 * cancelled (exit 75), then succeeds when run again once the blocker is gone. Without guard the same queries stall for
 * as long as the long transaction lasts. The migration runs as psql and as Flyway's command line, each a real child
 * process; guard itself runs in a JVM of its own, as users run it.
 */
class GuardIT {
    static final long MAX_QUEUE_MS = 1000;
    static final long SLACK_MS = 500;
    /** How long the blocker stays open once the migration queues, in the runs without guard. */
    static final long HOLD_MS = 3000;
    static final String ALTER = "ALTER TABLE items ADD COLUMN note text";
    static final ObjectMapper JSON = new ObjectMapper();
    /** scenario → worst application query, for the table printed at the end (and copied into the README). */
    static final Map<String, Long> WORST = new ConcurrentSkipListMap<>();

    @TempDir
    Path dir;

    @Test
    void psqlIsCancelledBeforeTheQueueExceedsTheLimitAndSucceedsOnRetry() throws Exception {
        try (ScratchDb db = seeded()) {
            guardedRunIsCancelledThenRetrySucceeds(db, psql(db, ALTER), "psql");
        }
    }

    @Test
    void flywayIsCancelledBeforeTheQueueExceedsTheLimitAndSucceedsOnRetry() throws Exception {
        try (ScratchDb db = seeded()) {
            guardedRunIsCancelledThenRetrySucceeds(db, flyway(db), "flyway");
        }
    }

    @Test
    void withoutGuardPsqlStallsTheApplicationForTheWholeLongTransaction() throws Exception {
        try (ScratchDb db = seeded()) {
            unguardedRunStalls(db, psql(db, ALTER), "psql");
        }
    }

    @Test
    void withoutGuardFlywayStallsTheApplicationForTheWholeLongTransaction() throws Exception {
        try (ScratchDb db = seeded()) {
            unguardedRunStalls(db, flyway(db), "flyway");
        }
    }

    @Test
    void aClientThatNamesItselfIsRecognisedByItsLocks() throws Exception {
        try (ScratchDb db = seeded()) {
            // application_name in the connection string wins over PGAPPNAME
            List<String> command = List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "host=127.0.0.1 user=postgres dbname="
                    + db.name + " application_name=custom-migrator", "-c", ALTER);
            Traffic traffic = new Traffic(db);
            GuardRun run;
            long blockerPid;
            try (Blocker blocker = new Blocker(db)) {
                blockerPid = blocker.pid;
                run = guard(db, command, "--max-queue", MAX_QUEUE_MS + "ms");
            } finally {
                traffic.close();
            }
            assertEquals(75, run.exit, run.toString());
            JsonNode cancel = run.event("cancel");
            assertEquals("locks", cancel.get("identified_by").asText(), run.toString());
            assertEquals("custom-migrator", cancel.get("application_name").asText());
            assertTrue(run.err.contains("identified by its locks"), run.err);
            assertTrue(run.events.stream().noneMatch(e -> e.path("pid").asLong() == blockerPid), "the blocker is never taken for the migration");
            assertTrue(traffic.worstMs() <= MAX_QUEUE_MS + SLACK_MS, "worst application query " + traffic.worstMs() + " ms");
            assertFalse(hasNote(db));
        }
    }

    @Test
    void aLockHeldLongerThanMaxLockHoldIsCancelledEvenWithoutAQueue() throws Exception {
        try (ScratchDb db = seeded()) {
            GuardRun run = guard(db, psql(db, "BEGIN; LOCK TABLE items IN SHARE MODE; SELECT pg_sleep(60); COMMIT"),
                    "--max-lock-hold", "1s");
            assertEquals(75, run.exit, run.toString());
            JsonNode cancel = run.event("cancel");
            assertEquals("max-lock-hold", cancel.get("reason").asText());
            assertEquals("ShareLock", cancel.get("lock_mode").asText());
            assertEquals("public.items", cancel.get("tables").get(0).asText().replaceFirst("^(?!public\\.)", "public."));
            assertTrue(cancel.get("elapsed_ms").asLong() < 10_000, cancel.toString());
        }
    }

    @Test
    void aStatementThatIgnoresTheCancelIsTerminatedAfterTheGracePeriod() throws Exception {
        try (ScratchDb db = seeded()) {
            String stubborn = "DO $$ BEGIN LOCK TABLE items IN ACCESS EXCLUSIVE MODE; LOOP BEGIN PERFORM pg_sleep(10);"
                    + " EXCEPTION WHEN query_canceled THEN RAISE NOTICE 'cancel ignored'; END; END LOOP; END $$";
            Traffic traffic = new Traffic(db);
            GuardRun run;
            try {
                run = guard(db, psql(db, stubborn), "--max-queue", MAX_QUEUE_MS + "ms", "--cancel-grace", "500ms");
            } finally {
                traffic.close();
            }
            assertEquals(75, run.exit, run.toString());
            long cancelled = run.event("cancel").get("elapsed_ms").asLong();
            long terminated = run.event("terminate").get("elapsed_ms").asLong();
            assertTrue(terminated - cancelled >= 500, run.toString());
            assertTrue(traffic.worstMs() <= MAX_QUEUE_MS + 500 + SLACK_MS, "worst application query " + traffic.worstMs() + " ms");
        }
    }

    @Test
    void anIdleTransactionHoldingTheLockIsTerminatedAtOnce() throws Exception {
        try (ScratchDb db = seeded()) {
            // psql runs a shell command inside the transaction: the session is idle in transaction, holding the lock
            Path script = Files.writeString(dir.resolve("idle.sql"),
                    "BEGIN;\nLOCK TABLE items IN ACCESS EXCLUSIVE MODE;\n\\! sleep 5\nCOMMIT;\n");
            Traffic traffic = new Traffic(db);
            GuardRun run;
            try {
                run = guard(db, List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres",
                        "-d", db.name, "-f", script.toString()), "--max-queue", MAX_QUEUE_MS + "ms");
            } finally {
                traffic.close();
            }
            assertEquals(75, run.exit, run.toString());
            JsonNode terminate = run.event("terminate");
            assertTrue(terminate.get("state").asText().startsWith("idle in transaction"), terminate.toString());
            assertTrue(run.events.stream().noneMatch(e -> e.get("event").asText().equals("cancel")), "a cancel cannot stop an idle session");
            assertTrue(traffic.worstMs() <= MAX_QUEUE_MS + SLACK_MS, "worst application query " + traffic.worstMs() + " ms");
        }
    }

    @Test
    void onATerminalAStatusLineShowsTheMigrationsStatement() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "needs util-linux script(1) for a pseudo-terminal");
        try (ScratchDb db = seeded()) {
            List<String> guard = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "guard", "--db", db.url(), "--"));
            guard.addAll(List.of("psql", "-X", "-q", "-P", "pager=off", "-h", "127.0.0.1", "-U", "postgres", "-d", db.name,
                    "-c", "SELECT pg_sleep(2)"));
            String shellCommand = guard.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
            Process p = new ProcessBuilder(script.toString(), "-qec", shellCommand, "/dev/null")
                    .redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true).start();
            String terminal = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), terminal);
            assertTrue(terminal.contains("\rguard ") && terminal.contains("| SELECT pg_sleep(2) | locks held 0 | queued 0"), terminal);
        }
    }

    private void guardedRunIsCancelledThenRetrySucceeds(ScratchDb db, List<String> migration, String tool) throws Exception {
        Traffic traffic = new Traffic(db);
        GuardRun run;
        long blockerPid;
        try (Blocker blocker = new Blocker(db)) {
            blockerPid = blocker.pid;
            run = guard(db, migration, "--max-queue", MAX_QUEUE_MS + "ms");
        } finally {
            traffic.close();
        }
        long worst = traffic.worstMs();
        WORST.put(tool + " | with guard (--max-queue " + MAX_QUEUE_MS + "ms)", worst);
        System.out.printf("[guard] %s with guard: worst application query %d ms over %d queries; guard said:%n%s", tool, worst,
                traffic.queries(), run.err);
        assertEquals(75, run.exit, run.toString());
        assertEquals(0, traffic.failures(), "application queries failed");
        assertTrue(traffic.queries() > 0);
        assertTrue(worst <= MAX_QUEUE_MS + SLACK_MS, tool + ": worst application query " + worst + " ms\n" + run);
        assertFalse(hasNote(db), "the ALTER TABLE was cancelled, not applied");

        JsonNode cancel = run.event("cancel");
        assertEquals("max-queue", cancel.get("reason").asText());
        assertEquals("application_name", cancel.get("identified_by").asText());
        assertTrue(cancel.get("statement").asText().contains(ALTER), cancel.toString());
        assertTrue(cancel.get("tables").toString().contains("items"), cancel.toString());
        assertEquals("AccessExclusiveLock", cancel.get("lock_mode").asText());
        assertTrue(cancel.get("awaiting_lock").asBoolean());
        assertEquals(blockerPid, cancel.get("blockers").get(0).get("pid").asLong(), cancel.toString());
        assertEquals("report", cancel.get("blockers").get(0).get("application_name").asText());
        assertTrue(cancel.get("queued").size() >= 1, cancel.toString());
        cancel.get("queued").forEach(q -> assertEquals("shop", q.get("application_name").asText()));
        assertTrue(cancel.get("longest_queued_ms").asLong() > MAX_QUEUE_MS, cancel.toString());
        assertTrue(run.err.contains("identified by its application_name tideline-guard-"), run.err);
        assertTrue(run.err.contains("blocker:   pid " + blockerPid + " 'report'"), run.err);
        assertTrue(run.events.stream().noneMatch(e -> e.get("event").asText().equals("terminate")), "a cancel was enough");
        assertFalse(run.err.contains("\r"), "no status line when the output is not a terminal");

        Traffic retryTraffic = new Traffic(db);
        GuardRun retry;
        try {
            retry = guard(db, migration, "--max-queue", MAX_QUEUE_MS + "ms");
        } finally {
            retryTraffic.close();
        }
        assertEquals(0, retry.exit, retry.toString());
        assertTrue(hasNote(db), "the retry applied the ALTER TABLE");
        assertTrue(retry.events.stream().noneMatch(e -> e.get("event").asText().equals("cancel")), retry.toString());
        assertEquals(0, retryTraffic.failures());
    }

    private void unguardedRunStalls(ScratchDb db, List<String> migration, String tool) throws Exception {
        Traffic traffic = new Traffic(db);
        int exit;
        try (Blocker blocker = new Blocker(db)) {
            Process child = new ProcessBuilder(migration).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("unguarded.txt").toFile()).start();
            waitUntilTheMigrationQueues(db, child);
            Thread.sleep(HOLD_MS);
            blocker.close();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), tool + " did not finish");
            exit = child.exitValue();
        } finally {
            traffic.close();
        }
        long worst = traffic.worstMs();
        WORST.put(tool + " | without guard", worst);
        System.out.printf("[guard] %s without guard: worst application query %d ms over %d queries%n", tool, worst, traffic.queries());
        assertEquals(0, exit, Files.readString(dir.resolve("unguarded.txt")));
        assertTrue(hasNote(db));
        assertTrue(worst >= HOLD_MS - 250, tool + ": the application should stall as long as the long transaction: " + worst + " ms");
    }

    private static void waitUntilTheMigrationQueues(ScratchDb db, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (db.count("SELECT count(*) FROM pg_locks WHERE NOT granted AND mode = 'AccessExclusiveLock'") == 0) {
            assertTrue(child.isAlive() && System.nanoTime() < deadline, "the migration never queued");
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void table() {
        System.out.println("[guard] worst application query while a " + HOLD_MS / 1000 + "+ s transaction blocks the migration:");
        System.out.println("[guard] | tool | run | worst application query |");
        WORST.forEach((scenario, ms) -> System.out.printf("[guard] | %s | %d ms |%n", scenario, ms));
    }

    // --- the scenario's parts

    static ScratchDb seeded() throws Exception {
        ScratchDb db = ScratchDb.named("guard_");
        db.exec("CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL);"
                + " INSERT INTO items SELECT g, 0 FROM generate_series(1, 1000) g");
        return db;
    }

    static boolean hasNote(ScratchDb db) throws Exception {
        return db.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note'") == 1;
    }

    static List<String> psql(ScratchDb db, String sql) {
        return List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", db.name, "-c", sql);
    }

    /** Flyway's command line (Maven Central, resolved by the build into target/flyway.classpath) with one migration. */
    List<String> flyway(ScratchDb db) throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("flyway"));
        // V1 is the baseline of the existing schema (baselineOnMigrate), V2 the change
        Files.writeString(migrations.resolve("V2__note.sql"), ALTER + ";\n");
        String classpath = Files.readString(Path.of("target/flyway.classpath")).trim();
        return List.of(java(), "-cp", classpath, "org.flywaydb.commandline.Main", "migrate",
                "-url=jdbc:postgresql://127.0.0.1:5432/" + db.name, "-user=postgres",
                "-locations=filesystem:" + migrations, "-baselineOnMigrate=true", "-skipCheckForUpdate");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    record GuardRun(int exit, String out, String err, List<JsonNode> events) {
        JsonNode event(String name) {
            return events.stream().filter(e -> e.get("event").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " event\n" + this));
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err + "--- events\n" + events;
        }
    }

    /** tideline guard in a JVM of its own on this test's class path, its output in files (not a terminal). */
    GuardRun guard(ScratchDb db, List<String> migration, String... options) throws Exception {
        Path events = Files.createTempFile(dir, "events", ".jsonl");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "guard", "--db", db.url(), "--events", events.toString()));
        command.addAll(List.of(options));
        command.add("--");
        command.addAll(migration);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("REDGATE_DISABLE_TELEMETRY", "true");
        Process p = builder.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "guard did not finish");
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(events)) parsed.add(JSON.readTree(line));
        return new GuardRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), parsed);
    }

    /** The long application transaction: it has read the table, so it holds ACCESS SHARE on it until it ends. */
    static final class Blocker implements AutoCloseable {
        final Connection c;
        final long pid;

        Blocker(ScratchDb db) throws Exception {
            c = db.connect("report");
            c.setAutoCommit(false);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid(), count(*) FROM items")) {
                rs.next();
                pid = rs.getLong(1);
            }
        }

        @Override
        public void close() throws Exception {
            if (c.isClosed()) return;
            c.rollback();
            c.close();
        }
    }

    /** The application: threads reading and updating single rows, each query timed from the client. */
    static final class Traffic {
        static final int THREADS = 4;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicLong worstNanos = new AtomicLong();
        private final AtomicLong queries = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private volatile boolean running = true;

        Traffic(ScratchDb db) throws Exception {
            for (int i = 0; i < THREADS; i++) {
                Connection c = db.connect("shop");
                Thread t = new Thread(() -> play(c), "shop-" + i);
                threads.add(t);
                t.start();
            }
            Thread.sleep(200);
        }

        private void play(Connection c) {
            try (c; PreparedStatement read = c.prepareStatement("SELECT qty FROM items WHERE id = ?");
                 PreparedStatement write = c.prepareStatement("UPDATE items SET qty = qty + 1 WHERE id = ?")) {
                while (running) {
                    PreparedStatement ps = ThreadLocalRandom.current().nextBoolean() ? read : write;
                    ps.setInt(1, 2 + ThreadLocalRandom.current().nextInt(999));
                    long start = System.nanoTime();
                    try {
                        ps.execute();
                        queries.incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    worstNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                failures.incrementAndGet();
            }
        }

        void close() throws InterruptedException {
            running = false;
            for (Thread t : threads) t.join();
        }

        long worstMs() {
            return worstNanos.get() / 1_000_000;
        }

        long queries() {
            return queries.get();
        }

        long failures() {
            return failures.get();
        }
    }
}
