package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        assertEquals("tideline trace: --pg-version: PostgreSQL 11 is not supported: choose a version from 12 to 18", old.err().strip());
        Run inPlace = run("trace", "--in-place", sample());
        assertEquals(2, inPlace.exit());
        assertEquals("tideline trace: --in-place needs --db JDBC_URL", inPlace.err().strip());
        Run runner = run("trace", "--runner", "rails", sample());
        assertEquals(2, runner.exit());
        assertTrue(runner.err().contains("unknown runner 'rails': choose one of flyway, liquibase, golang-migrate"), runner.err());
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

    @Test
    void aConfigThatIsADeviceOrAFifoIsAUsageError() throws Exception {
        Run zero = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("trace", "--config", "/dev/zero", sample()));
        assertEquals(2, zero.exit(), zero.err());
        assertEquals("tideline trace: /dev/zero: not a regular file: a YAML configuration file was expected", zero.err().strip());
        Path fifo = tmp.resolve("tideline.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Run blocked = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("trace", "--config", fifo.toString(), sample()));
        assertEquals(2, blocked.exit(), blocked.err());
        assertTrue(blocked.err().contains("not a regular file"), blocked.err());
    }

    /**
     * A trigger's work is invisible to the lock model, so this disagreement is stable: the trace must exit 1 so CI can
     * gate on it. The same run checks that a table locked through a foreign key is named for its side of the key and
     * that a schema-design finding is never "confirmed" by a lock.
     */
    @Test
    void disagreementsExitOneAndLabelsAndConfirmationsAreRight() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("fk"));
        Files.writeString(dir.resolve("V1__schema.sql"), """
                CREATE TABLE orders (id int PRIMARY KEY, note text);
                CREATE TABLE order_items (id int PRIMARY KEY, order_id int NOT NULL REFERENCES orders (id));
                CREATE INDEX order_items_order_idx ON order_items (order_id);
                CREATE TABLE audit (at timestamptz);
                CREATE FUNCTION audit_orders() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO audit VALUES (now()); RETURN NEW; END $$;
                CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit_orders();
                INSERT INTO orders VALUES (1, 'a');
                """);
        Files.writeString(dir.resolve("V2__change.sql"), """
                ALTER TABLE orders ALTER COLUMN id TYPE bigint;
                ALTER TABLE order_items ADD COLUMN sku varchar(20);
                """);
        Run agrees = run("trace", "--format", "json", "--db", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", dir.toString());
        assertEquals(0, agrees.exit(), agrees.toString());
        JsonNode widen = new ObjectMapper().readTree(agrees.out()).at("/files/1/statements/0");
        assertTrue(widen.at("/predicted/locks").findValuesAsText("kind").contains("referencing table"), widen.toString());
        assertFalse(widen.at("/predicted/locks").findValuesAsText("kind").contains("referenced table"), widen.toString());
        JsonNode sku = new ObjectMapper().readTree(agrees.out()).at("/files/1/statements/1/dangers");
        assertTrue(sku.toString().contains("prefer-text"), sku.toString());
        for (JsonNode d : sku) assertFalse(d.get("rule").asText().equals("prefer-text") && d.get("confirmed").asBoolean(), sku.toString());

        Files.writeString(dir.resolve("V3__touch.sql"), "UPDATE orders SET note = 'x';\n");
        Run disagrees = run("trace", "--db", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", dir.resolve("V3__touch.sql").toString());
        assertEquals(1, disagrees.exit(), disagrees.toString());
        assertTrue(disagrees.out().contains("DISAGREES  audit: predicted no lock, observed RowExclusiveLock"), disagrees.out());
        assertTrue(disagrees.err().contains("1 disagreement with the lock model"), disagrees.err());
    }

    @Test
    void inPlaceBoundsAreCheckedUsageErrors() {
        Run notInPlace = run("trace", "--lock-timeout", "2s", sample());
        assertEquals(2, notInPlace.exit());
        assertEquals("tideline trace: --lock-timeout and --statement-timeout bound an --in-place trace", notInPlace.err().strip());
        Run bad = run("trace", "--db", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "--in-place",
                "--statement-timeout", "1h'; DROP TABLE x; --", sample());
        assertEquals(2, bad.exit());
        assertEquals("tideline trace: '1h'; DROP TABLE x; --' is not a duration: use e.g. 500ms, 5s or 2min (more than 0)",
                bad.err().strip());
    }
}
