package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backfill --plan-file}: only a plan is read, and its values are checked as the options are. */
class BackfillPlanFileTest {
    static final String EXPECTED = "a plan written by `tideline plan --format json`";
    @TempDir Path dir;

    static CliRun dryRun(Path plan) {
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> CliRun.of("backfill", "--dry-run", "--plan-file", plan.toString(), "--step", "1"));
        assertFalse(run.hasStackTrace(), run.toString());
        return run;
    }

    /** A plan whose one step is a backfill with these extra fields (JSON text). */
    Path plan(String fields) throws Exception {
        return Files.writeString(dir.resolve("plan.json"), "{\"version\": 1, \"releases\": [{\"number\": 1, \"steps\": [\n"
                + "  {\"phase\": \"backfill\", \"backfill\": {\"table\": \"items\", \"key_column\": \"id\", \"set\": \"a = b\","
                + " \"where_not_done\": \"a IS DISTINCT FROM b\"" + fields + "}}]}]}\n");
    }

    @Test
    void aDeviceOrAFifoIsRefusedAtOnce() throws Exception {
        CliRun zero = dryRun(Path.of("/dev/zero"));
        assertEquals(2, zero.code(), zero.toString());
        assertEquals("tideline backfill: /dev/zero: not a regular file: " + EXPECTED + " was expected", zero.err().strip());
        Path fifo = dir.resolve("plan.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CliRun blocked = dryRun(fifo);
        assertEquals(2, blocked.code(), blocked.toString());
        assertEquals("tideline backfill: " + fifo + ": not a regular file: " + EXPECTED + " was expected", blocked.err().strip());
    }

    @Test
    void aFileOverTheLimitIsNotRead() throws Exception {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(64L * 1024 * 1024 + 1); // one byte over the documented 64 MB; sparse: no disk used
        }
        CliRun run = dryRun(big);
        assertEquals(2, run.code(), run.toString());
        assertEquals("tideline backfill: " + big + ": over 64 MB: not " + EXPECTED, run.err().strip());
    }

    @Test
    void badValuesAreUsageErrorsNamingWhereTheyAre() throws Exception {
        String at = "tideline backfill: " + dir.resolve("plan.json") + ": /releases/0/steps/0/backfill/";
        String[][] cases = {
                {", \"batch_size\": -5", at + "batch_size: -5: 1 or more is expected, as for --batch-size"},
                {", \"batch_size\": 0", at + "batch_size: 0: 1 or more is expected, as for --batch-size"},
                {", \"pause_ms\": -1", at + "pause_ms: -1: 0 or more is expected, as for --pause"},
                {", \"batch_size\": \"many\"", at + "batch_size: \"many\": a whole number is expected, as for --batch-size"},
                {", \"batch_size\": 2.5", at + "batch_size: 2.5: a whole number is expected, as for --batch-size"},
                {", \"pause_ms\": 3000000000", at + "pause_ms: 3000000000: at most 2147483647 is expected"}};
        for (String[] c : cases) {
            CliRun run = dryRun(plan(c[0]));
            assertEquals(2, run.code(), c[0] + "\n" + run);
            assertEquals(c[1], run.err().strip(), c[0]);
        }
        CliRun good = dryRun(plan(", \"batch_size\": 250, \"pause_ms\": 0"));
        assertEquals(0, good.code(), good.toString());
        assertEquals(true, good.out().contains("ORDER BY id LIMIT 250"), good.out());
    }

    @Test
    void brokenJsonSaysWhere() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"releases\": [\n  {\"steps\": nope}]}\n");
        CliRun run = dryRun(broken);
        assertEquals(2, run.code(), run.toString());
        assertEquals(true, run.err().strip().startsWith("tideline backfill: " + broken + ":2:"), run.err());
    }
}
