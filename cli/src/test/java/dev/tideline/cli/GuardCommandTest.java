package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** guard's own edges: usage errors exit 2 without a stack trace or a password, and the command's status passes through. */
class GuardCommandTest {
    static final String DB = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    @Test
    void withoutACommandItIsAUsageError() {
        CliRun run = CliRun.of("guard", "--db", DB);
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("COMMAND"), run.toString());
    }

    @Test
    void aBadDurationIsAUsageError() {
        CliRun run = CliRun.of("guard", "--db", DB, "--max-queue", "soon", "--", "true");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("--max-queue: 'soon' is not a duration"), run.toString());
        assertFalse(run.hasStackTrace(), run.toString());
    }

    @Test
    void anUnreachableDatabaseIsAUsageErrorThatNeverShowsThePassword() {
        CliRun run = CliRun.of("guard", "--db", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=sekret", "--", "true");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("cannot connect"), run.toString());
        assertFalse(run.err().contains("sekret") || run.out().contains("sekret"), run.toString());
        assertFalse(run.hasStackTrace(), run.toString());
    }

    @Test
    void aCommandThatCannotRunIsAUsageError() {
        CliRun run = CliRun.of("guard", "--db", DB, "--", "no-such-migration-tool-here");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("cannot run no-such-migration-tool-here"), run.toString());
    }

    @Test
    void theCommandsOwnStatusIsGuardsWhenGuardDidNotIntervene() {
        CliRun run = CliRun.of("guard", "--db", DB, "--", "sh", "-c", "exit 3");
        assertEquals(3, run.code(), run.toString());
        assertTrue(run.err().contains("the migration command exited with 3"), run.toString());
    }

    @Test
    void theCommandsOptionsAreNotGuardsEvenWithoutTheDoubleDash() {
        CliRun run = CliRun.of("guard", "--db", DB, "sh", "-c", "exit 4");
        assertEquals(4, run.code(), run.toString());
    }
}
