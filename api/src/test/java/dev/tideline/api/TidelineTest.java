package dev.tideline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.rules.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root as a front end whose directory is not the process's (a Maven module, a test's project) calls it. */
class TidelineTest {
    @TempDir
    Path project;

    private Path migrations() throws IOException {
        Path dir = Files.createDirectories(project.resolve("db/migration"));
        Files.writeString(dir.resolve("V1__users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        Files.writeString(dir.resolve("V2__index.sql"), "CREATE INDEX users_email_idx ON users (email);\n");
        return dir;
    }

    private static List<String> ruleIds(Linted linted) {
        return linted.result().findings().stream().map(Finding::rule).distinct().sorted().toList();
    }

    @Test
    void lintsRelativePathsFromTheRequestsDirectoryWithTheConfigurationFoundThere() throws IOException {
        migrations();
        LintRequest request = LintRequest.of(Path.of("db/migration")).withCwd(project);
        Linted linted = Tideline.lint(request);
        assertTrue(ruleIds(linted).contains("create-index-non-concurrent"), ruleIds(linted).toString());
        assertEquals("postgres", linted.target().dialect());

        Files.writeString(project.resolve("tideline.yaml"), "rules:\n  create-index-non-concurrent: off\n");
        assertFalse(ruleIds(Tideline.lint(request)).contains("create-index-non-concurrent"));
    }

    @Test
    void aNamedConfigurationAndItsExcludesAreHonouredAsOnTheCommandLine() throws IOException {
        migrations();
        Path config = Files.writeString(project.resolve("other.yaml"), "exclude:\n  - \"db/**\"\n");
        LintRequest request = LintRequest.of(Path.of("db/migration")).withCwd(project).withConfig(Path.of("other.yaml"));
        TidelineException e = assertThrows(TidelineException.class, () -> Tideline.lint(request));
        assertTrue(e.getMessage().startsWith("every file named is excluded by the exclude patterns"), e.getMessage());
        assertTrue(e.getMessage().contains(config.getFileName().toString()), e.getMessage());
        TidelineException missing = assertThrows(TidelineException.class,
                () -> Tideline.lint(request.withConfig(Path.of("absent.yaml"))));
        assertEquals("absent.yaml: configuration file not found", missing.getMessage());
    }

    @Test
    void plansTheRiskyChangeWithEachEnginesPlanner() throws IOException {
        migrations();
        LintRequest request = LintRequest.of(Path.of("db/migration")).withCwd(project);
        Planned planned = Tideline.plan(PlanRequest.of(request));
        assertFalse(planned.plan().isEmpty(), planned.plan().toString());
        assertTrue(planned.plan().releases().toString().contains("CONCURRENTLY"), planned.plan().toString());

        // MySQL's own planner: its steps and its words for running them, never PostgreSQL's
        Planned mysql = Tideline.plan(PlanRequest.of(request.withTarget("mysql:8.0")));
        assertFalse(mysql.plan().releases().toString().contains("CONCURRENTLY"), mysql.plan().toString());
        assertTrue(mysql.running().contains("lock_wait_timeout"), mysql.running());
        TidelineException report = assertThrows(TidelineException.class,
                () -> Tideline.requirePostgres(request.withTarget("mysql:8.0"), "report"));
        assertTrue(report.getMessage().contains("supports PostgreSQL only"), report.getMessage());
        assertThrows(TidelineException.class, () -> new PlanRequest(request, 2000, 15000, true, 0, 5000, 100));
    }

    @Test
    void anUnknownDialectIsAClearError() throws IOException {
        migrations();
        TidelineException e = assertThrows(TidelineException.class,
                () -> Tideline.lint(LintRequest.of(Path.of("db/migration")).withCwd(project).withTarget("oracle")));
        assertEquals("--target: unknown dialect 'oracle' (expected postgres, mysql, mariadb)", e.getMessage());
    }
}
