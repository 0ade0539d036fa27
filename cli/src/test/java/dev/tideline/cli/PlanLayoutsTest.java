package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.AnalyzerOptions;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.Finding;
import dev.tideline.rules.Linter;
import dev.tideline.rules.Severity;
import dev.tideline.rules.config.TidelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code plan --out --runner R} for a migration that is not the newest of its folder: the files are in R's own layout
 * (goose annotations, Diesel folders, Flyway/Diesel/sqlx transaction switches) and numbered after the newest
 * migration, so that, with the replaced file removed, tideline's own runner detection and ordering read them back as
 * R's migrations, after every existing one, in step order, and lint them clean.
 */
class PlanLayoutsTest {
    private static final String LATER = "CREATE TABLE audit (id bigint PRIMARY KEY);\n";
    private static final Pattern STEP = Pattern.compile("-- tideline plan, release ([0-9]+), step ([0-9]+) ");

    @TempDir
    Path dir;

    /** The three migrations (base, the planned change, a later one) as this runner names and heads them. */
    private record Layout(List<String> names, String head) {
        static Layout of(Runner runner) {
            return switch (runner) {
                case FLYWAY -> new Layout(List.of("V1__base.sql", "V2__change.sql", "V3__later.sql"), "");
                case GOLANG_MIGRATE -> new Layout(List.of("000001_base.up.sql", "000002_change.up.sql", "000003_later.up.sql"), "");
                case PRISMA -> new Layout(List.of("20240101000000_base/migration.sql", "20240102000000_change/migration.sql",
                        "20240103000000_later/migration.sql"), "");
                case DIESEL -> new Layout(List.of("2024-01-01-000000_base/up.sql", "2024-01-02-000000_change/up.sql",
                        "2024-01-03-000000_later/up.sql"), "");
                case SQLX -> new Layout(List.of("20240101000000_base.sql", "20240102000000_change.sql", "20240103000000_later.sql"), "");
                case GOOSE -> new Layout(List.of("00001_base.sql", "00002_change.sql", "00003_later.sql"), "-- +goose Up\n");
                case LIQUIBASE -> new Layout(List.of("001_base.sql", "002_change.sql", "003_later.sql"),
                        "-- liquibase formatted sql\n-- changeset dev:%s\n");
                default -> new Layout(List.of("001_base.sql", "002_change.sql", "003_later.sql"), "");
            };
        }

        String text(int i, String sql) {
            return head.replace("%s", String.valueOf(i + 1)) + sql;
        }
    }

    @ParameterizedTest
    @EnumSource(value = Runner.class, names = {"FLYWAY", "GOLANG_MIGRATE", "PRISMA", "DIESEL", "SQLX", "GOOSE", "LIQUIBASE", "PSQL", "PLAIN"})
    void theRunnersOwnLayoutReadsBackAfterTheNewestMigration(Runner runner) throws Exception {
        Layout layout = Layout.of(runner);
        Path migrations = dir.resolve("migrations");
        List<String> sql = List.of(PlanCommandTest.BASE, PlanCommandTest.CHANGE, LATER);
        for (int i = 0; i < 3; i++) {
            Path f = migrations.resolve(layout.names().get(i));
            Files.createDirectories(f.getParent());
            Files.writeString(f, layout.text(i, sql.get(i)));
        }
        Path out = dir.resolve("plan");
        Path planned = migrations.resolve(layout.names().get(1));
        CliRun run = CliRun.of("plan", "--out", out.toString(), "--runner", Main.lower(runner), planned.toString());
        assertEquals(0, run.code(), run.toString());
        String planMd = Files.readString(out.resolve("PLAN.md"));
        String replaced = planned.getFileName().toString().equals("migration.sql") || planned.getFileName().toString().equals("up.sql")
                ? planned.getParent().getFileName().toString() : planned.getFileName().toString();
        assertTrue(planMd.contains("This plan replaces `" + replaced + "`: remove it"), planMd);

        // the user's move: the replaced migration leaves, every release's files come in (Prisma's manual/ steps are psql's)
        Files.delete(planned);
        if (!planned.getParent().equals(migrations)) Files.delete(planned.getParent());
        List<Path> generated = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                Path rel = out.relativize(f);
                if (rel.getNameCount() < 2 || rel.getName(1).toString().equals("manual")) continue;
                Path target = migrations.resolve(rel.subpath(1, rel.getNameCount()).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
                if (STEP.matcher(Files.readString(f)).find()) generated.add(target);
            }
        }
        assertFalse(generated.isEmpty(), "no step files written");

        // no --runner now: each file must be recognised as this runner's from its name, layout and first line (psql
        // and sqlx files are named like plain scripts: those two are told by configuration)
        boolean namedLikePlain = runner == Runner.PSQL || runner == Runner.SQLX;
        Analysis analysis = new Analyzer(new AnalyzerOptions(new PgVersion(15), namedLikePlain ? runner : null, Map.of()))
                .analyze(List.of(migrations));
        List<FileAnalysis> files = analysis.files();
        for (FileAnalysis f : files) assertEquals(runner, f.runner(), f.file() + " read back as " + f.runner());
        List<Path> order = files.stream().map(FileAnalysis::file).toList();
        assertEquals(migrations.resolve(layout.names().get(0)), order.get(0), order.toString());
        int lastExisting = order.indexOf(migrations.resolve(layout.names().get(2)));
        assertTrue(lastExisting >= 0, order.toString());
        int previousStep = 0;
        for (Path f : order.subList(lastExisting + 1, order.size())) {
            Matcher m = STEP.matcher(Files.readString(f));
            while (m.find()) {
                int step = Integer.parseInt(m.group(2));
                assertTrue(step > previousStep, "step " + step + " of " + f + " comes after step " + previousStep + ": " + order);
                previousStep = step;
            }
        }
        assertEquals(generated.size(), order.size() - lastExisting - 1, "every generated file comes after the newest migration: " + order);
        List<String> errors = new ArrayList<>();
        for (Finding finding : new Linter(TidelineConfig.defaults()).lint(analysis).findings()) {
            if (finding.severity() == Severity.ERROR) errors.add(finding.file() + ":" + finding.line() + " " + finding.rule() + ": " + finding.message());
        }
        assertTrue(errors.isEmpty(), runner + " layout read back with errors:\n" + String.join("\n", errors));
    }
}
