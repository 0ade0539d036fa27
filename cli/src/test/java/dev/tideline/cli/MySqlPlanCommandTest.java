package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tideline plan} and {@code tideline backfill --dry-run} with a MySQL or MariaDB target. */
class MySqlPlanCommandTest {
    @TempDir
    Path dir;

    private Path migrations() throws Exception {
        Path db = Files.createDirectories(dir.resolve("db"));
        Files.writeString(db.resolve("V1__base.sql"), "CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(100) NOT NULL);\n");
        return Files.writeString(db.resolve("V2__change.sql"), "ALTER TABLE users RENAME COLUMN email TO email_address;\n"
                + "ALTER TABLE users ADD COLUMN note VARCHAR(20);\n");
    }

    @Test
    void planWritesMySqlStepsInTheRunnersLayout() throws Exception {
        Path change = migrations();
        Path out = dir.resolve("plan");
        CliRun run = CliRun.of("plan", "--target", "mysql:8.0.31", "--out", out.toString(), change.toString());
        assertEquals(0, run.code(), run.toString());
        assertFalse(run.hasStackTrace(), run.toString());
        assertTrue(run.out().contains("ADD COLUMN `email_address` varchar(100) NULL, ALGORITHM=INSTANT;"), run.out());
        assertTrue(run.out().contains("ADD COLUMN note VARCHAR(20), ALGORITHM=INSTANT;"), run.out());
        assertFalse(run.out().contains("lock_timeout =") || run.out().contains("CONCURRENTLY"), "no PostgreSQL in a MySQL plan");
        assertTrue(run.err().contains("for flyway"), run.err());
        try (Stream<Path> files = Files.walk(out)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().matches("V2_\\d+__expand_alter_users_add_email_address.*\\.sql")));
        }
        String planMd = Files.readString(out.resolve("PLAN.md"));
        assertTrue(planMd.contains("DELIMITER") && planMd.contains("lock_wait_timeout") && !planMd.contains("psql"), planMd);
    }

    @Test
    void jsonBackfillStepRunsWithTidelineBackfill() throws Exception {
        Path change = migrations();
        CliRun plan = CliRun.of("plan", "--target", "mariadb:10.11", "--format", "json", change.toString());
        assertEquals(0, plan.code(), plan.toString());
        Path json = Files.writeString(dir.resolve("plan.json"), plan.out());
        int step = 0;
        int backfillStep = -1;
        for (var release : new com.fasterxml.jackson.databind.ObjectMapper().readTree(plan.out()).path("releases")) {
            for (var s : release.path("steps")) {
                step++;
                if (s.has("backfill")) backfillStep = step;
            }
        }
        assertTrue(backfillStep > 0, plan.out());
        CliRun dry = CliRun.of("backfill", "--dry-run", "--db", "jdbc:mariadb://127.0.0.1:3306/app?user=me&password=hunter2",
                "--plan-file", json.toString(), "--step", String.valueOf(backfillStep));
        assertEquals(0, dry.code(), dry.toString());
        assertTrue(dry.out().contains("UPDATE `users` SET `email_address` = `email` WHERE (? IS NULL OR `id` > ?)"), dry.out());
        assertTrue(dry.out().contains("innodb_lock_wait_timeout") && dry.out().contains("GET_LOCK"), dry.out());
        assertFalse(dry.toString().contains("hunter2"), "credentials are never printed");
    }
}
