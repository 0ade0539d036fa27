package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideline.api.output.SarifReportTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the engine: tideline.yaml, --dialect and --target; a MySQL project linted end to end. */
class DialectTargetTest {
    private static final String PG_ONLY = "(?is).*(CONCURRENTLY|NOT VALID|\\block_timeout|ACCESS EXCLUSIVE).*";

    @TempDir
    Path dir;

    private Path mysqlProject() throws Exception {
        Path m = Files.createDirectories(dir.resolve("db"));
        Files.writeString(m.resolve("V1__init.sql"), "CREATE TABLE `orders` (id bigint PRIMARY KEY) ENGINE=InnoDB;\n");
        Files.writeString(m.resolve("V2__change.sql"), """
                # drop an old table
                DROP TABLE `orders`; # tideline:ignore drop-table emptied and unused since release 41
                CREATE INDEX orders_id ON orders (id);
                """);
        return m;
    }

    @Test
    void dialectOptionLintsMySqlWithMySqlAdviceInEveryFormat() throws Exception {
        Path m = mysqlProject();
        CliRun text = CliRun.of("lint", "--dialect", "mysql", m.toString());
        assertEquals(0, text.code(), "warnings only: " + text);
        assertTrue(text.out().contains("lock-timeout-missing"), text.out());
        assertTrue(text.out().contains("SET SESSION lock_wait_timeout = 5;"), text.out());
        assertFalse(text.out().contains("drop-table"), "suppressed by a # comment: " + text.out());
        assertFalse(text.out().matches(PG_ONLY), text.out());
        for (String format : new String[] {"json", "sarif", "github", "markdown"}) {
            CliRun run = CliRun.of("lint", "--target", "mysql:8.0.36", "--format", format, m.toString());
            assertEquals(0, run.code(), format + ": " + run);
            assertFalse(run.hasStackTrace(), run.toString());
            assertFalse(run.out().matches(PG_ONLY), format + " shows PostgreSQL advice: " + run.out());
            if (format.equals("sarif")) assertEquals(Set.of(), SarifReportTest.validate(run.out()));
        }
        JsonNode json = new ObjectMapper().readTree(CliRun.of("lint", "--dialect", "mysql", "--format", "json",
                m.toString()).out());
        assertEquals(3, json.at("/summary/statements").asInt(), json.toString());
        assertEquals(0, json.at("/summary/unparsed").asInt(), json.toString());
    }

    @Test
    void configurationChoosesTheDialectAndReportsBadValuesWhereTheyAre() throws Exception {
        Path m = mysqlProject();
        Path config = dir.resolve("tideline.yaml");
        Files.writeString(config, "dialect: mariadb\nversion: \"10.11\"\nrules:\n  non-atomic-migration: off\n");
        CliRun ok = CliRun.of("lint", "--config", config.toString(), m.toString());
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().contains("MariaDB 10.11"), ok.out());

        Files.writeString(config, "runner: flyway\ndialect: oracle\n");
        CliRun bad = CliRun.of("lint", "--config", config.toString(), m.toString());
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains(config + ":2:10: dialect: unknown dialect 'oracle' (expected postgres, mysql, mariadb)"),
                bad.err());

        Files.writeString(config, "dialect: mysql\nversion: 5.7\n");
        CliRun old = CliRun.of("lint", "--config", config.toString(), m.toString());
        assertEquals(2, old.code(), old.toString());
        assertTrue(old.err().contains(config + ":2:10: version: MySQL 5.7 is not supported"), old.err());
        assertFalse(old.hasStackTrace());
    }

    @Test
    void badCommandLineTargetsExitTwo() throws Exception {
        Path m = mysqlProject();
        String[][] cases = {
                {"--target", "oracle:19"}, {"--dialect", "sqlite"}, {"--target", "mysql:x"},
                {"--dialect", "mysql", "--target", "postgres:16"}, {"--dialect", "mysql", "--pg-version", "15"},
                {"--target", "postgres:9"}};
        for (String[] args : cases) {
            String[] all = new String[args.length + 2];
            all[0] = "lint";
            System.arraycopy(args, 0, all, 1, args.length);
            all[all.length - 1] = m.toString();
            CliRun run = CliRun.of(all);
            assertEquals(2, run.code(), String.join(" ", args) + ": " + run);
            assertFalse(run.err().isBlank());
            assertFalse(run.hasStackTrace(), run.toString());
        }
        CliRun report = CliRun.of("report", "--dialect", "mysql", m.toString());
        assertEquals(2, report.code(), report.toString());
        assertTrue(report.err().contains("supports PostgreSQL only"), report.err());
    }

    @Test
    void postgresStaysTheDefaultAndTakesItsVersionFromTarget() throws Exception {
        Path f = Files.writeString(dir.resolve("V1__index.sql"), "CREATE INDEX i ON t (c);\n");
        CliRun run = CliRun.of("lint", "--target", "postgres:15", f.toString());
        assertTrue(run.out().contains("create-index-non-concurrent"), run.toString());
        assertEquals(run.out(), CliRun.of("lint", f.toString()).out());
    }
}
