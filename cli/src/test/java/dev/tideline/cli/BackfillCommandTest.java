package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.cli.live.ScratchDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tideline backfill} on the machine's PostgreSQL 15, in a scratch database per test. */
class BackfillCommandTest {
    static final String SET = "new_qty = qty::bigint";
    static final String WHERE = "new_qty IS DISTINCT FROM qty";
    static final String LEFT = "SELECT count(*) FROM items WHERE " + WHERE;

    ScratchDb db;

    @BeforeEach
    void table() throws Exception {
        db = new ScratchDb();
        db.exec("CREATE TABLE items (id int PRIMARY KEY, qty int, new_qty bigint);"
                + "INSERT INTO items SELECT g, g % 97, NULL FROM generate_series(1, 20000) g");
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
    }

    CliRun backfill(String... options) {
        CliRun run = CliRun.of(args(db, options));
        assertFalse(run.hasStackTrace(), run.toString());
        return run;
    }

    /** The items job on {@code db}, each option-value pair in {@code options} replacing or adding to the defaults. */
    static String[] args(ScratchDb db, String... options) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String[] o : new String[][] {{"--db", db.url()}, {"--table", "items"}, {"--set", SET}, {"--where", WHERE},
                {"--batch-size", "1000"}, {"--pause", "0"}}) {
            all.put(o[0], o[1]);
        }
        for (int i = 0; i < options.length; i += 2) all.put(options[i], options[i + 1]);
        List<String> args = new ArrayList<>(List.of("backfill"));
        all.forEach((option, value) -> args.addAll(List.of(option, value)));
        return args.toArray(String[]::new);
    }

    @Test
    void updatesEveryRowInKeyBatchesAndVerifies() throws Exception {
        CliRun run = backfill();
        assertEquals(0, run.code(), run.toString());
        assertEquals(0, db.count(LEFT));
        assertTrue(run.out().contains("done: items in 20 batches, 20000 rows changed; verified: 0 rows left"), run.out());
        assertTrue(run.err().contains("UPDATE items SET " + SET + " WHERE " + WHERE + ", in batches of 1000 rows by id"), run.err());
        assertEquals("20|20000|true", db.string("SELECT batches || '|' || rows_done || '|' || (finished_at IS NOT NULL)"
                + " FROM tideline.backfill_checkpoint"));
    }

    @Test
    void batchesSizedByTimeGrowWhileTheyAreFast() throws Exception {
        CliRun run = backfill("--batch-time", "2s", "--max-batch-size", "8000");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.err().contains("in batches by id sized to take 2000 ms (the first 1000 rows, at most 8000)"), run.err());
        assertTrue(run.out().contains("20000 rows changed; verified: 0 rows left"), run.out());
        long batches = db.count("SELECT batches FROM tideline.backfill_checkpoint");
        assertTrue(batches < 20 && batches >= 3, "1000, 2000, 4000, then at most 8000 rows a batch: " + batches + " batches");
        assertEquals(0, db.count(LEFT));
    }

    @Test
    void anInterruptedRunResumesAfterTheLastCommittedBatch() throws Exception {
        CliRun first = backfill("--max-batches", "3");
        assertEquals(3, first.code(), first.toString());
        assertTrue(first.out().contains("stopped after 3 batches"), first.out());
        assertEquals(3000, db.count("SELECT count(*) FROM items WHERE NOT (" + WHERE + ")"));
        assertEquals(3000, db.count("SELECT max(id) FROM items WHERE NOT (" + WHERE + ")"), "the first 3000 keys, in order");
        assertEquals("3000", db.string("SELECT last_key FROM tideline.backfill_checkpoint"));

        CliRun second = backfill();
        assertEquals(0, second.code(), second.toString());
        assertTrue(second.out().contains("20000 rows changed (resumed after id 3000)"), second.out());
        assertEquals(0, db.count(LEFT));
        assertEquals(20, db.count("SELECT batches FROM tideline.backfill_checkpoint"), "3 + 17 batches, none redone");
    }

    @Test
    void rowsWrittenBehindTheWalkFailTheVerificationAndTheNextRunWalksAgain() throws Exception {
        assertEquals(3, backfill("--max-batches", "2").code());
        // An old application version without the sync trigger writes a row the walk has passed.
        db.exec("UPDATE items SET qty = qty + 1 WHERE id = 10");
        CliRun second = backfill();
        assertEquals(1, second.code(), second.toString());
        assertTrue(second.out().contains("but 1 rows still match its WHERE"), second.out());
        CliRun third = backfill();
        assertEquals(0, third.code(), third.toString());
        assertTrue(third.out().contains("in 20 batches, 1 rows changed; verified"), third.out());
    }

    @Test
    void theWalkEndsAtTheHighestKeyItStartedWithSoInsertsCannotKeepItGoing() throws Exception {
        assertEquals(3, backfill("--max-batches", "1").code());
        db.exec("INSERT INTO items VALUES (50000, 5, NULL)"); // inserted after the walk began, by a writer without the trigger
        CliRun rest = backfill();
        assertEquals(1, rest.code(), rest.toString());
        assertTrue(rest.out().contains("walked items in 20 batches, 20000 rows changed (resumed after id 1000), but 1 rows still match"),
                rest.out());
        assertEquals("20000", db.string("SELECT end_key FROM tideline.backfill_checkpoint"));
    }

    @Test
    void aUuidKeyIsWalkedInOrderAlthoughUuidHasNoMaxAggregate() throws Exception {
        db.exec("CREATE TABLE sessions (id uuid PRIMARY KEY, qty int, new_qty bigint);"
                + "INSERT INTO sessions SELECT md5(g::text)::uuid, g % 97, NULL FROM generate_series(1, 5000) g");
        CliRun run = backfill("--table", "sessions", "--batch-size", "700");
        assertEquals(0, run.code(), run.toString());
        assertEquals(0, db.count("SELECT count(*) FROM sessions WHERE " + WHERE));
        assertTrue(run.out().contains("in 8 batches, 5000 rows changed; verified: 0 rows left"), run.out());
    }

    @Test
    void anEmptyTableIsDoneAtOnce() throws Exception {
        db.exec("DELETE FROM items");
        CliRun run = backfill();
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("done: items in 0 batches, 0 rows changed; verified"), run.out());
    }

    @Test
    void aBatchBlockedByALongTransactionIsRetriedWithinItsLockTimeout() throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (Connection c = db.connect("long transaction"); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("UPDATE items SET qty = qty WHERE id = 1500");
                locked.countDown();
                Thread.sleep(1500);
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        assertTrue(locked.await(10, TimeUnit.SECONDS));
        CliRun run = backfill("--lock-timeout", "200ms", "--retries", "20");
        holder.join();
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.err().contains("retry 1 of the batch after id 1000 in 200 ms: ERROR: canceling statement due to lock timeout"),
                run.err());
        assertEquals(0, db.count(LEFT));
    }

    @Test
    void aBatchThatKeepsTimingOutStopsWithProgressSaved() throws Exception {
        try (Connection c = db.connect("long transaction"); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("UPDATE items SET qty = qty WHERE id = 2500");
            CliRun run = backfill("--lock-timeout", "100ms", "--retries", "1");
            assertEquals(2, run.code(), run.toString());
            assertEquals("tideline backfill: the batch after key 2000 failed after 2 tries: ERROR: canceling statement due to"
                    + " lock timeout (progress up to there is saved: run the same command again to resume)",
                    run.err().lines().filter(l -> l.startsWith("tideline backfill: the batch")).findFirst().orElse(run.err()));
            c.rollback();
        }
        assertEquals(2000, db.count("SELECT count(*) FROM items WHERE NOT (" + WHERE + ")"));
        CliRun resumed = backfill();
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.out().contains("(resumed after id 2000)"), resumed.out());
    }

    @Test
    void runsTheBackfillStepOfAPlanFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY, qty int, new_qty bigint);\n");
        Path change = Files.writeString(dir.resolve("V2__widen.sql"), "ALTER TABLE items ALTER COLUMN qty TYPE bigint;\n");
        CliRun json = CliRun.of("plan", "--format", "json", change.toString());
        assertEquals(0, json.code(), json.toString());
        Path plan = Files.writeString(dir.resolve("plan.json"), json.out());
        CliRun text = CliRun.of("plan", change.toString());
        Matcher m = Pattern.compile("Step (\\d+) \\[backfill\\]").matcher(text.out());
        assertTrue(m.find(), text.out());
        int step = Integer.parseInt(m.group(1));
        db.exec("ALTER TABLE items ADD COLUMN qty_new bigint"); // what the expand steps before it do

        CliRun run = CliRun.of("backfill", "--db", db.url(), "--plan-file", plan.toString(), "--step", String.valueOf(step),
                "--pause", "0", "--batch-size", "3000");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("in 7 batches, 20000 rows changed; verified: 0 rows left"), run.out());
        assertEquals(0, db.count("SELECT count(*) FROM items WHERE qty_new IS DISTINCT FROM qty"));

        CliRun notBackfill = CliRun.of("backfill", "--db", db.url(), "--plan-file", plan.toString(), "--step", "1");
        assertEquals(2, notBackfill.code());
        assertTrue(notBackfill.err().contains("step 1 (expand, release 1) is not a backfill"), notBackfill.err());
        CliRun both = CliRun.of("backfill", "--db", db.url(), "--plan-file", plan.toString(), "--step", "4", "--table", "x");
        assertEquals("tideline backfill: --plan-file gives the job: leave out --table, --key, --set and --where", both.err().strip());
        CliRun missing = CliRun.of("backfill", "--db", db.url(), "--plan-file", plan.toString(), "--step", "99");
        assertTrue(missing.err().contains("there is no step 99"), missing.err());
    }

    @Test
    void sqlErrorsAreOneClearLine() throws Exception {
        CliRun badSet = CliRun.of("backfill", "--db", db.url(), "--table", "items", "--set", "nope = 1", "--where", WHERE);
        assertEquals(2, badSet.code(), badSet.toString());
        assertTrue(badSet.err().contains("tideline backfill: the first batch failed: ERROR: column \"nope\" of relation \"items\" does not exist"),
                badSet.err());
        assertFalse(badSet.hasStackTrace());
        CliRun badTable = CliRun.of("backfill", "--db", db.url(), "--table", "nothere", "--set", SET, "--where", WHERE);
        assertEquals(2, badTable.code(), badTable.toString());
        assertTrue(badTable.err().contains("tideline backfill: --table nothere: no such table"), badTable.err());
    }

    @Test
    void unreachableServerIsAClearMessageWithoutThePassword() {
        CliRun run = CliRun.of("backfill", "--db", "jdbc:postgresql://127.0.0.1:1/app?user=me&password=Sw0rdfish-77",
                "--table", "items", "--set", SET, "--where", WHERE);
        assertEquals(2, run.code(), run.toString());
        assertFalse(run.out().contains("Sw0rdfish-77") || run.err().contains("Sw0rdfish-77"), run.toString());
        assertTrue(run.err().contains("tideline backfill: cannot connect to jdbc:postgresql://127.0.0.1:1/app?user=me&password=***"
                + ": Connection to 127.0.0.1:1 refused"), run.err());
        assertFalse(run.hasStackTrace());
    }

    @Test
    void dryRunPrintsTheSqlWithoutADatabase() {
        CliRun run = CliRun.of("backfill", "--dry-run", "--table", "items", "--set", SET, "--where", WHERE,
                "--batch-size", "500", "--lock-timeout", "1s");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("SET LOCAL lock_timeout = '1000ms';"), run.out());
        assertTrue(run.out().contains("SELECT id AS batch_key FROM items WHERE id <= :'end_key' ORDER BY id LIMIT 500"), run.out());
        assertTrue(run.out().contains("WHERE id > :'after_key' AND id <= :'end_key' ORDER BY id LIMIT 500"), run.out());
        assertTrue(run.out().contains("SELECT (SELECT id FROM items WHERE id IS NOT NULL ORDER BY id DESC LIMIT 1)::text;"), run.out());
        assertTrue(run.out().contains("SELECT count(*) FROM items WHERE " + WHERE + ";"), run.out());
        assertTrue(run.out().contains("CREATE TABLE IF NOT EXISTS tideline.backfill_checkpoint"), run.out());
        assertTrue(run.out().contains("SELECT pg_catalog.pg_try_advisory_lock("), run.out());
    }

    /** The printed SQL is the real thing: psql runs it as printed, the walk's end bound included. */
    @Test
    void theDryRunSqlRunsAsPrintedWithPsql(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("backfill", "--dry-run", "--table", "items", "--set", SET, "--where", WHERE, "--batch-size", "500");
        assertEquals(0, run.code(), run.toString());
        Path script = Files.writeString(dir.resolve("dry-run.sql"), run.out());
        db.exec("INSERT INTO items VALUES (30000, 1, NULL)"); // above the end key given below: no batch may touch it
        Process psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", "end_key=20000", "-v", "after_key=19800",
                "-v", "last_key=500", "-v", "done=500", "-h", "127.0.0.1", "-U", "postgres", "-d", db.name, "-f", script.toString())
                .redirectErrorStream(true).start();
        String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, psql.waitFor(), output);
        assertEquals(500 + 200, db.count("SELECT count(*) FROM items WHERE NOT (" + WHERE + ")"),
                "the first batch (ids 1..500) and the one after 19800 up to the end key 20000");
        assertEquals(1, db.count("SELECT count(*) FROM items WHERE id = 30000 AND " + WHERE), "beyond the end key: untouched");
    }

    @Test
    void theLastBatchStopsAtTheEndKeyEvenWithRoomForLaterRows() throws Exception {
        assertEquals(3, backfill("--max-batches", "1", "--batch-size", "3000").code());
        db.exec("INSERT INTO items VALUES (50000, 5, NULL)"); // inserted after the walk began, by a writer without the trigger
        CliRun rest = backfill("--batch-size", "3000");
        assertEquals(1, rest.code(), rest.toString());
        assertTrue(rest.out().contains("walked items in 7 batches, 20000 rows changed (resumed after id 3000), but 1 rows still match"),
                rest.out());
    }

    @Test
    void dollarSignsInTableAndJobNamesAreJustText() {
        CliRun byTable = CliRun.of("backfill", "--dry-run", "--table", "a$b", "--set", SET, "--where", WHERE);
        assertEquals(0, byTable.code(), byTable.toString());
        assertFalse(byTable.hasStackTrace(), byTable.toString());
        assertTrue(byTable.out().contains("SELECT (SELECT id FROM a$b WHERE id IS NOT NULL ORDER BY id DESC LIMIT 1)::text;"), byTable.out());
        assertTrue(byTable.out().contains("WHERE job = 'a$b:"), byTable.out());

        CliRun byJob = CliRun.of("backfill", "--dry-run", "--table", "\"Odd$1\"", "--set", SET, "--where", WHERE,
                "--job", "job$1 \\ 'x'");
        assertEquals(0, byJob.code(), byJob.toString());
        assertFalse(byJob.hasStackTrace(), byJob.toString());
        assertTrue(byJob.out().contains("SELECT (SELECT id FROM \"Odd$1\" WHERE id IS NOT NULL ORDER BY id DESC LIMIT 1)::text;"), byJob.out());
        assertTrue(byJob.out().contains("WHERE job = E'job$1 \\\\ ''x'''"), byJob.out());
    }

    @Test
    void jsonbQuestionMarkOperatorsWorkInSetAndWhere() throws Exception {
        db.exec("CREATE TABLE docs (id int PRIMARY KEY, data jsonb NOT NULL, tagged boolean);"
                + "INSERT INTO docs SELECT g, CASE g % 3 WHEN 0 THEN '{\"a\": 1, \"b\": 2}' WHEN 1 THEN '{\"b\": 1}'"
                + " ELSE '{\"x\": 1, \"y\": 2}' END::jsonb, NULL FROM generate_series(1, 3000) g");
        String tagged = "(data ? 'a' OR data ?| array['b', 'c']) AND NOT data ?& array['x', 'y']";
        CliRun run = CliRun.of("backfill", "--db", db.url(), "--table", "docs", "--set", "tagged = " + tagged,
                "--where", "tagged IS DISTINCT FROM (" + tagged + ")", "--batch-size", "1000", "--pause", "0");
        assertFalse(run.hasStackTrace(), run.toString());
        assertEquals(0, run.code(), run.toString());
        assertEquals(0, db.count("SELECT count(*) FROM docs WHERE tagged IS DISTINCT FROM (" + tagged + ")"));
        assertEquals(db.count("SELECT count(*) FROM docs WHERE data->'b' IS NOT NULL"), db.count("SELECT count(*) FROM docs WHERE tagged"),
                "tagged exactly where a or b is a key (no row has c, and x with y excludes)");
    }

    @Test
    void helpNamesEveryOptionAndTheExitCodes() {
        CliRun help = CliRun.of("backfill", "--help");
        assertEquals(0, help.code());
        for (String option : new String[] {"--db", "--plan-file", "--step", "--table", "--key", "--set", "--where", "--batch-size",
                "--batch-time", "--max-batch-size", "--max-replication-lag", "--pause", "--lock-timeout", "--statement-timeout", "--retries", "--job", "--max-batches"}) {
            assertTrue(help.out().contains(option + "="), option + " in\n" + help.out());
        }
        assertTrue(help.out().contains("3 stopped early by --max-batches"), help.out());
        assertTrue(help.out().lines().allMatch(l -> l.length() <= 100), "wrapped for a terminal:\n" + help.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun pause = CliRun.of("backfill", "--dry-run", "--table", "t", "--set", "a = b", "--where", "a <> b", "--pause", "soon");
        assertEquals(2, pause.code());
        assertEquals("tideline backfill: --pause: 'soon' is not a duration (e.g. 100ms, 2s, 1min)", pause.err().strip());
        CliRun noDb = CliRun.of("backfill", "--table", "t", "--set", "a = b", "--where", "a <> b");
        assertEquals(2, noDb.code());
        assertEquals("tideline backfill: --db JDBC_URL is required (or use --dry-run to see the SQL)", noDb.err().strip());
        CliRun noWhere = CliRun.of("backfill", "--dry-run", "--table", "t", "--set", "a = b");
        assertEquals("tideline backfill: --where is required (or take the job from --plan-file FILE --step N)", noWhere.err().strip());
    }
}
