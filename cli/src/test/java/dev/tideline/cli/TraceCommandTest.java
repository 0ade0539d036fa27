package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tideline trace} errors: one clear line, exit 2, never a stack trace nor a password; and the model's
 * predictions starting from the traced session's own settings.
 */
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

    @TempDir Path tmp;

    /**
     * timestamp → timestamptz rewrites the table unless the session's TimeZone is UTC. The migration session's zone is
     * the JVM's (the JDBC driver sends it), which the trace reads from the server and the lock model starts from.
     */
    @Test
    void theSessionTimeZoneOfTheTracedServerDecidesTheTimestampRewrite() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(dir.resolve("V1__events.sql"), "CREATE TABLE events (id int PRIMARY KEY, at timestamp NOT NULL"
                + " DEFAULT '2024-01-01 10:00');\nINSERT INTO events SELECT g FROM generate_series(1, 500) g;\n");
        Files.writeString(dir.resolve("V2__zone.sql"), "ALTER TABLE events ALTER COLUMN at TYPE timestamptz;\n");
        TimeZone jvm = TimeZone.getDefault();
        try {
            for (String zone : List.of("UTC", "Europe/Berlin")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                Run r = run("trace", "--format", "json", "--db", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
                        dir.toString());
                assertEquals(0, r.exit(), r.toString());
                JsonNode change = new ObjectMapper().readTree(r.out()).at("/files/1/statements/0");
                boolean rewrite = !zone.equals("UTC");
                assertEquals(rewrite, !change.at("/predicted/rewritten").isEmpty(), zone + ": " + change);
                assertEquals(rewrite, !change.at("/observed/rewritten").isEmpty(), zone + ": " + change);
            }
        } finally {
            TimeZone.setDefault(jvm);
        }
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
