package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code tideline trace} errors: one clear line, exit 2, never a stack trace nor a password. */
class TraceCommandTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String sample() {
        return RepoRoot.get().resolve("samples/flyway-shop/V4__index_orders_by_customer.sql").toString();
    }

    @Test
    void unreachableServerExitsTwoWithAClearMessageAndNoPassword() {
        Run r = run("trace", "--db", "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&password=Hunter2-secret", sample());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("tideline trace: cannot connect to jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&password=***: Connection to 127.0.0.1:1 refused"), r.err());
        assertFalse(r.err().contains("Hunter2-secret") || r.out().contains("Hunter2-secret"));
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void unsupportedVersionAndMisuseAreUsageErrors() {
        Run old = run("trace", "--pg-version", "11", sample());
        assertEquals(2, old.exit());
        assertEquals("tideline trace: PostgreSQL 11 is not supported: choose a version from 12 to 18", old.err().strip());
        Run inPlace = run("trace", "--in-place", sample());
        assertEquals(2, inPlace.exit());
        assertEquals("tideline trace: --in-place needs --db JDBC_URL", inPlace.err().strip());
        Run runner = run("trace", "--runner", "rails", sample());
        assertEquals(2, runner.exit());
        assertTrue(runner.err().contains("unknown runner 'rails': use one of flyway, liquibase, golang-migrate"), runner.err());
    }

    @Test
    void helpDescribesTheOptions() {
        Run help = run("trace", "--help");
        assertEquals(0, help.exit());
        for (String option : new String[] {"--db", "--in-place", "--pg-version", "--rows", "--runner", "--format"}) {
            assertTrue(help.out().contains(option), option);
        }
    }
}
