package dev.tideline.rules.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.AnalyzerOptions;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Linter;
import dev.tideline.rules.Severity;
import dev.tideline.rules.config.TidelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every plan kind, from a risky migration: the plan holds the safety features it should, every generated file
 * lints with no error (schema replayed) in the Flyway and golang-migrate layouts, and the releases apply, in
 * order, to a real PostgreSQL 15 scratch database holding data, ending in the intended schema and data.
 */
class PlanKindsTest {
    static final PgVersion PG = new PgVersion(15);
    static final PlannerOptions OPTIONS = new PlannerOptions(PG, 2000, 15000, true, 5, 700, 0);

    @TempDir
    Path dir;

    static Stream<PlanFixtures.Fixture> fixtures() {
        return PlanFixtures.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void planIsSafeLintCleanAndApplies(PlanFixtures.Fixture f) throws Exception {
        Plan plan = plan(dir, f.change());
        assertTrue(plan.releases().size() >= Math.max(1, f.minReleases()),
                "releases: " + plan.releases().size() + ", notes: " + plan.notes());
        for (PlanFixtures.Feature feature : f.features()) {
            Pattern p = Pattern.compile(feature.pattern());
            boolean found = plan.releases().stream().flatMap(r -> r.steps().stream())
                    .anyMatch(s -> s.phase() == feature.phase() && p.matcher(s.sql()).find());
            assertTrue(found, "no " + feature.phase() + " step matching /" + feature.pattern() + "/ in\n" + dump(plan));
        }
        assertSafe(plan);
        assertLintClean(plan, Runner.FLYWAY, "V1__base.sql", "V2__change.sql");
        assertLintClean(plan, Runner.GOLANG_MIGRATE, "000001_base.up.sql", "000002_change.up.sql");
        assertLintClean(plan, Runner.SQLX, "20240101000000_base.sql", "20240101000001_change.sql");
        assertLintClean(plan, Runner.LIQUIBASE, "changelog-0-base.sql", null);
        assertLintClean(plan, Runner.PLAIN, "000_base.sql", null);
        apply(f, plan);
    }

    /** A sequence a column default still draws from: no order is safe, and the plan says so instead of dropping it. */
    @org.junit.jupiter.api.Test
    void droppingASequenceADefaultStillUsesHasNoSafePath() throws Exception {
        Plan plan = plan(dir, "DROP SEQUENCE customers_id_seq;");
        assertFalse(plan.noSafePath().isEmpty(), dump(plan));
        assertTrue(plan.noSafePath().get(0).contains("customers.id"), plan.noSafePath().get(0));
        assertFalse(plan.releases().stream().flatMap(r -> r.steps().stream()).anyMatch(s -> s.sql().contains("DROP SEQUENCE")),
                dump(plan));
    }

    /** A narrowing type change whose data does not fit fails loudly in the backfill, never truncates silently. */
    @org.junit.jupiter.api.Test
    void narrowingThatDoesNotFitFailsInsteadOfTruncating() throws Exception {
        Plan plan = plan(dir, "ALTER TABLE users ALTER COLUMN name TYPE varchar(8);");
        String db = "tideline_plan_narrow_" + ProcessHandle.current().pid();
        try (ScratchDb scratch = ScratchDb.create(db)) {
            try (Connection c = scratch.connect(); Statement st = c.createStatement()) {
                st.execute(PlanFixtures.BASE);
                st.execute(PlanFixtures.SEED);
            }
            SQLException failure = null;
            for (PlanLayout.PlanFile pf : PlanLayout.files(plan, Runner.FLYWAY, PlanLayout.Start.of("V2__change.sql", List.of("V2__change.sql")))) {
                if (pf.step() == null || pf.release() != 1) continue;
                try (Connection c = scratch.connect(); Statement st = c.createStatement()) {
                    c.setAutoCommit(!pf.transactional());
                    st.execute(pf.content());
                    if (pf.transactional()) c.commit();
                } catch (SQLException e) {
                    failure = e;
                    assertTrue(pf.step().backfill() != null, "the backfill is what meets the data: " + pf.path());
                    break;
                }
            }
            assertNotNull(failure, "'user 1000' does not fit varchar(8): the plan must not go through");
            assertTrue(failure.getMessage().contains("value too long"), failure.getMessage());
            try (Connection c = scratch.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM users WHERE name_new IS NOT NULL AND name_new <> name")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getLong(1), "no value was truncated");
            }
        }
    }

    static Plan plan(Path dir, String change) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("V1__base.sql"), PlanFixtures.BASE);
        Files.writeString(src.resolve("V2__change.sql"), change);
        Analysis analysis = new Analyzer(new AnalyzerOptions(PG, null, Map.of())).analyze(List.of(src.resolve("V2__change.sql")));
        LintResult lint = new Linter(TidelineConfig.defaults()).lint(analysis);
        return new Planner(OPTIONS).plan(lint);
    }

    /** Invariants every plan keeps, whatever its kind. */
    static void assertSafe(Plan plan) {
        List<Step> steps = plan.releases().stream().flatMap(r -> r.steps().stream()).toList();
        for (Release r : plan.releases()) {
            assertNotNull(r.appChange());
            assertNotNull(r.gate());
        }
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String sql = s.sql();
            if (s.transactional()) {
                assertFalse(sql.contains("CONCURRENTLY"), "CONCURRENTLY in a transactional step:\n" + sql);
                if (s.phase() != Phase.VERIFY) assertTrue(sql.contains("SET lock_timeout"), "no lock_timeout:\n" + sql);
            } else {
                Analysis one = new Analyzer(new AnalyzerOptions(PG, Runner.PLAIN, Map.of())).analyzeText("step.sql", sql);
                assertEquals(1, one.files().get(0).statements().size(), "a non-transactional step must be one statement:\n" + sql);
            }
            if (s.needsRetry() && OPTIONS.retry()) assertTrue(sql.contains("lock_not_available"), "no retry loop:\n" + sql);
            var notValid = Pattern.compile("ADD CONSTRAINT (\\S+) .* NOT VALID").matcher(sql);
            if (notValid.find()) {
                assertFalse(sql.contains("VALIDATE CONSTRAINT"), "NOT VALID and VALIDATE in one step:\n" + sql);
                String name = notValid.group(1);
                boolean validatedLater = steps.subList(i + 1, steps.size()).stream()
                        .anyMatch(n -> n.sql().contains("VALIDATE CONSTRAINT " + name));
                assertTrue(validatedLater, "constraint " + name + " is never validated");
            }
            if (s.backfill() != null) {
                assertFalse(s.transactional(), "a backfill commits per batch: it runs outside a transaction");
                for (String must : List.of("ORDER BY", "LIMIT", "COMMIT", "pg_sleep", s.backfill().whereNotDone())) {
                    assertTrue(sql.contains(must), "backfill without " + must + ":\n" + sql);
                }
            }
        }
    }

    private void assertLintClean(Plan plan, Runner runner, String baseName, String replaced) throws Exception {
        Path out = Files.createDirectories(dir.resolve("lint-" + runner.name().toLowerCase()));
        Files.writeString(out.resolve(baseName), runner == Runner.LIQUIBASE
                ? "-- liquibase formatted sql\n-- changeset base:1\n" + PlanFixtures.BASE : PlanFixtures.BASE);
        List<Path> generated = new ArrayList<>();
        for (PlanLayout.PlanFile pf : PlanLayout.files(plan, runner, PlanLayout.Start.of(replaced, replaced == null ? List.of() : List.of(replaced)))) {
            Path p = out.resolve(Path.of(pf.path()).getFileName().toString());
            Files.writeString(p, pf.content());
            if (pf.step() != null || pf.path().endsWith(".sql") && !pf.path().endsWith(".down.sql")) generated.add(p);
        }
        Analysis analysis = new Analyzer(new AnalyzerOptions(PG, runner, Map.of())).analyze(List.of(out));
        LintResult lint = new Linter(TidelineConfig.defaults()).lint(analysis);
        List<String> errors = new ArrayList<>();
        for (Finding f : lint.findings()) {
            if (f.severity() == Severity.ERROR) errors.add(f.file().getFileName() + ":" + f.line() + " " + f.rule() + ": " + f.message());
        }
        for (var file : analysis.files()) {
            for (var d : file.diagnostics()) {
                if (d.severity() == dev.tideline.analyzer.source.Diagnostic.Severity.ERROR) errors.add(file.file() + " " + d.message());
            }
        }
        assertTrue(errors.isEmpty(), runner + " layout has lint errors:\n" + String.join("\n", errors));
        assertEquals(generated.size(), analysis.files().stream().filter(fa -> generated.contains(fa.file())).count(),
                "every generated file was linted");
    }

    /** Applies the Flyway layout as Flyway would: a file in a transaction unless it must not be. */
    private void apply(PlanFixtures.Fixture f, Plan plan) throws SQLException {
        if (f.finalCheck() == null) return;
        String db = "tideline_plan_" + f.kind().replace('-', '_') + "_" + ProcessHandle.current().pid();
        try (ScratchDb scratch = ScratchDb.create(db)) {
            try (Connection c = scratch.connect(); Statement st = c.createStatement()) {
                st.execute(PlanFixtures.BASE);
                st.execute(PlanFixtures.SEED);
            }
            List<PlanLayout.PlanFile> files = PlanLayout.files(plan, Runner.FLYWAY, PlanLayout.Start.of("V2__change.sql", List.of("V2__change.sql")));
            for (Release r : plan.releases()) {
                for (PlanLayout.PlanFile pf : files) {
                    if (pf.release() != r.number() || pf.step() == null) continue;
                    try (Connection c = scratch.connect(); Statement st = c.createStatement()) {
                        c.setAutoCommit(!pf.transactional());
                        st.execute(pf.content());
                        if (pf.transactional()) c.commit();
                    } catch (SQLException e) {
                        fail("release " + r.number() + ", " + pf.path() + " failed: " + e.getMessage() + "\n" + pf.content());
                    }
                }
                String action = f.appActions().get(r.number());
                if (action != null) {
                    try (Connection c = scratch.connect(); Statement st = c.createStatement()) {
                        st.execute(action);
                    } catch (SQLException e) {
                        fail("the application of release " + r.number() + " failed against the schema: " + e.getMessage());
                    }
                }
            }
            try (Connection c = scratch.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(f.finalCheck())) {
                assertTrue(rs.next() && rs.getBoolean(1), "final state check failed: " + f.finalCheck());
            }
        }
    }

    static String dump(Plan plan) {
        StringBuilder sb = new StringBuilder();
        for (Release r : plan.releases()) {
            sb.append("== release ").append(r.number()).append(": ").append(r.appChange()).append(" / ").append(r.gate()).append('\n');
            for (Step s : r.steps()) sb.append("-- ").append(s.phase()).append('\n').append(s.sql());
        }
        sb.append("notes: ").append(plan.notes());
        return sb.toString();
    }

    /** A database created for one test and dropped after it (the server is the shared PostgreSQL 15). */
    record ScratchDb(String name) implements AutoCloseable {
        static final String URL = "jdbc:postgresql://127.0.0.1:5432/";

        static ScratchDb create(String name) throws SQLException {
            try (Connection c = DriverManager.getConnection(URL + "postgres", "postgres", "");
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                st.execute("CREATE DATABASE " + name);
            }
            return new ScratchDb(name);
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(URL + name, "postgres", "");
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(URL + "postgres", "postgres", "");
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
