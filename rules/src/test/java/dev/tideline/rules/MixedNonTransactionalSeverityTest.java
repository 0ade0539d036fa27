package dev.tideline.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.AnalyzerOptions;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.rules.config.TidelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mixed-non-transactional} is an error where the runner refuses the file at deploy time (Flyway, mixed=false by
 * default: cli's RunnerLayoutsApplyTest shows Flyway refusing it) and a warning where the runner runs it.
 */
class MixedNonTransactionalSeverityTest {
    private static final String BASE = "CREATE TABLE orders (id bigint PRIMARY KEY, total int);\n";
    private static final String MIXED = "ALTER TABLE orders ADD COLUMN note text;\n"
            + "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON orders (total);\n";

    @TempDir
    Path dir;

    private List<Finding> mixed(Path folder, TidelineConfig config) {
        LintResult lint = new Linter(config).lint(new Analyzer(new AnalyzerOptions(new PgVersion(15), null, Map.of()))
                .analyze(List.of(folder)));
        return lint.findings().stream().filter(f -> f.rule().equals("mixed-non-transactional")).toList();
    }

    @Test
    void anErrorUnderFlywayWhichRefusesTheFile() throws Exception {
        Path flyway = Files.createDirectories(dir.resolve("flyway"));
        Files.writeString(flyway.resolve("V1__base.sql"), BASE);
        Files.writeString(flyway.resolve("V2__mixed.sql"), MIXED);
        List<Finding> found = mixed(flyway, TidelineConfig.defaults());
        assertEquals(1, found.size(), found.toString());
        assertEquals(Severity.ERROR, found.get(0).severity(), found.toString());
    }

    @Test
    void theConfiguredSeverityWinsForFlywayWithMixedTrue() throws Exception {
        Path flyway = Files.createDirectories(dir.resolve("flyway"));
        Files.writeString(flyway.resolve("V1__base.sql"), BASE);
        Files.writeString(flyway.resolve("V2__mixed.sql"), MIXED);
        TidelineConfig config = TidelineConfig.parse(dir.resolve("tideline.yaml"), "rules:\n  mixed-non-transactional: warning\n");
        List<Finding> found = mixed(flyway, config);
        assertEquals(1, found.size(), found.toString());
        assertEquals(Severity.WARNING, found.get(0).severity(), found.toString());
    }

    @Test
    void aWarningWhereTheRunnerRunsTheFile() throws Exception {
        // goose NO TRANSACTION and a Liquibase changeset with runInTransaction:false run each statement on its own
        Path goose = Files.createDirectories(dir.resolve("goose"));
        Files.writeString(goose.resolve("00001_base.sql"), "-- +goose Up\n" + BASE);
        Files.writeString(goose.resolve("00002_mixed.sql"), "-- +goose Up\n-- +goose NO TRANSACTION\n" + MIXED);
        Path liquibase = Files.createDirectories(dir.resolve("liquibase"));
        Files.writeString(liquibase.resolve("001_changelog.sql"), "-- liquibase formatted sql\n-- changeset a:1\n" + BASE
                + "-- changeset a:2 runInTransaction:false\n" + MIXED);
        for (Path folder : List.of(goose, liquibase)) {
            List<Finding> found = mixed(folder, TidelineConfig.defaults());
            assertEquals(1, found.size(), folder + ": " + found);
            assertEquals(Severity.WARNING, found.get(0).severity(), folder + ": " + found);
        }
    }
}
