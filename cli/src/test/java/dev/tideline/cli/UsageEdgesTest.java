package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Inputs at the edges of what the commands accept: each is a clear usage error (exit 2), never a crash, hang or harm. */
class UsageEdgesTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        CliRun run = CliRun.of(args);
        assertFalse(run.hasStackTrace(), run.toString());
        assertFalse(run.err().contains("internal error"), run.toString());
        return run;
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = run();
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().startsWith("tideline: name a command"), run.toString());
        assertTrue(run.err().contains("Commands:"), "the usage follows, on stderr: " + run);
        assertEquals("", run.out());
    }

    @Test
    void excludePatternsThatRemoveEveryNamedFileAreAUsageError() throws Exception {
        Path db = Files.createDirectories(dir.resolve("db"));
        Files.writeString(db.resolve("V1__drop.sql"), "DROP TABLE users;\n");
        Path config = Files.writeString(dir.resolve("tideline.yaml"), "exclude: [\"db/**\"]\n");
        for (String input : new String[] {db.toString(), db.resolve("V1__drop.sql").toString()}) {
            CliRun run = run("lint", "--config", config.toString(), input);
            assertEquals(2, run.code(), run.toString());
            assertTrue(run.err().contains("tideline lint: every file named is excluded by the exclude patterns [db/**] of "
                    + config + ": nothing would be checked"), run.toString());
        }
        Files.writeString(db.resolve("V2__ok.sql"), "SELECT 1;\n");
        Files.writeString(config, "exclude: [\"db/V1*\"]\n");
        CliRun some = run("lint", "--config", config.toString(), db.toString());
        assertEquals(0, some.code(), "excluding some of the files is what exclude is for: " + some);
    }

    @Test
    void aBaselineThatCannotBeWrittenIsAClearError() throws Exception {
        Files.writeString(dir.resolve("V1__drop.sql"), "DROP TABLE users;\n");
        CliRun run = run("lint", "--write-baseline", "/dev/full", dir.toString());
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("tideline lint: /dev/full: cannot write the baseline: No space left on device"), run.toString());
    }

    @Test
    void changedSinceNeverPassesTheRefToGitAsAnOption() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("V1__a.sql"), "SELECT 1;\n");
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "base");
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        for (String ref : new String[] {"--output=" + victim, "--all"}) {
            CliRun run = run("lint", "--changed-since=" + ref, repo.toString());
            assertEquals(2, run.code(), run.toString());
            assertTrue(run.err().contains("--changed-since: '" + ref + "' is not a commit in this repository"), run.toString());
        }
        assertEquals("precious", Files.readString(victim));
        CliRun tree = run("lint", "--changed-since", "main^{tree}", repo.toString());
        assertEquals(2, tree.code(), "a tree is not a commit: " + tree);
        assertEquals(0, run("lint", "--changed-since", "main", repo.toString()).code());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void planRetriesAreBounded() throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, n int);\n");
        Path change = Files.writeString(dir.resolve("V2__idx.sql"), "ALTER TABLE t ALTER COLUMN n SET NOT NULL;\n");
        CliRun huge = run("plan", "--retries", "2000000000", change.toString());
        assertEquals(2, huge.code(), huge.toString());
        assertEquals("tideline plan: --retries must be 1 to 100", huge.err().strip());
        assertEquals(0, run("plan", "--retries", "100", change.toString()).code());
        CliRun backfill = run("backfill", "--dry-run", "--table", "t", "--set", "a = b", "--where", "a <> b", "--retries", "2000000000");
        assertEquals("tideline backfill: --retries must be 0 to 100", backfill.err().strip());
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }
}
