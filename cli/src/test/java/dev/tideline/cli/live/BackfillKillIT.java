package dev.tideline.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real interruption: the packaged {@code tideline backfill} is killed with SIGKILL mid-run; the checkpoint and the
 * data agree exactly (every row up to the checkpoint's key done, none after), and running it again finishes the job.
 */
class BackfillKillIT {
    static final Path JAR = Path.of("target/tideline.jar").toAbsolutePath();
    static final String SET = "new_qty = qty::bigint";
    static final String WHERE = "new_qty IS DISTINCT FROM qty";

    @Test
    void aKilledRunResumesAfterItsLastCommittedBatch() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run after `mvn package`: " + JAR);
        try (ScratchDb db = new ScratchDb()) {
            db.exec("CREATE TABLE items (id int PRIMARY KEY, qty int, new_qty bigint);"
                    + "INSERT INTO items SELECT g, g % 97, NULL FROM generate_series(1, 20000) g");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process run = new ProcessBuilder(List.of(java, "-jar", JAR.toString(), "backfill", "--db", db.url(),
                    "--table", "items", "--set", SET, "--where", WHERE, "--batch-size", "500", "--pause", "200ms"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (batches(db) < 3) {
                assertTrue(run.isAlive() && System.nanoTime() < deadline, "the backfill should be running");
                Thread.sleep(50);
            }
            run.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no clean rollback from the client
            assertTrue(batches(db) < 40, "killed before the end");

            long lastKey = Long.parseLong(db.string("SELECT last_key FROM tideline.backfill_checkpoint"));
            assertEquals(lastKey, db.count("SELECT count(*) FROM items WHERE NOT (" + WHERE + ")"), "done rows = rows up to the checkpoint");
            assertEquals(0, db.count("SELECT count(*) FROM items WHERE id <= " + lastKey + " AND " + WHERE));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                    "backfill", "--db", db.url(), "--table", "items", "--set", SET, "--where", WHERE, "--batch-size", "500",
                    "--pause", "0");
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, printed);
            assertTrue(printed.contains("20000 rows changed (resumed after id " + lastKey + ")"), printed);
            assertEquals(0, db.count("SELECT count(*) FROM items WHERE " + WHERE));
        }
    }

    private static long batches(ScratchDb db) throws Exception {
        if (db.string("SELECT to_regclass('tideline.backfill_checkpoint')") == null) return 0;
        String b = db.string("SELECT batches FROM tideline.backfill_checkpoint");
        return b == null ? 0 : Long.parseLong(b);
    }
}
