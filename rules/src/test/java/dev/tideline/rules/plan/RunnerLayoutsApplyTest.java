package dev.tideline.rules.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans applied by the runners themselves, through their Java APIs, on the machine's PostgreSQL 15: the planned
 * migration is not the newest (a later one is already applied), and the plan holds non-transactional steps
 * (CREATE INDEX CONCURRENTLY, a backfill committing per batch). The runner must take every generated file, in order,
 * and leave the schema and data the migration meant.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a step waiting on a lock must fail the test, not hang the build
class RunnerLayoutsApplyTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String SEED = """
            INSERT INTO customers (name) SELECT 'c' || g FROM generate_series(1, 50) g;
            INSERT INTO users (email, customer_id) SELECT 'u' || g || '@example.com', g % 50 + 1 FROM generate_series(1, 500) g;
            """;
    private static final String LATER = "CREATE TABLE audit (id bigint PRIMARY KEY);\n";
    static final String BASE = """
            CREATE TABLE customers (id bigserial PRIMARY KEY, name text NOT NULL);
            CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, customer_id bigint);
            CREATE INDEX users_email_idx ON users (email);
            """;
    static final String CHANGE = """
            ALTER TABLE users RENAME COLUMN email TO email_address;
            ALTER TABLE users ADD CONSTRAINT users_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
            CREATE INDEX users_customer_idx ON users (customer_id);
            """;

    @TempDir
    Path dir;
    private String database;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = "layouts_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /**
     * Flyway as PLAN.md tells users to configure it: its default PostgreSQL lock is held in a transaction left open for
     * the whole run, which every CREATE INDEX CONCURRENTLY waits for, forever.
     */
    private Flyway flyway(Path location) {
        return Flyway.configure().dataSource(SERVER + database, "postgres", "").locations("filesystem:" + location)
                .cleanDisabled(true).configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load();
    }

    @Test
    void flywayAppliesThePlanAfterANewerAppliedMigration() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db"));
        Files.writeString(migrations.resolve("V1__base.sql"), BASE + SEED);
        Files.writeString(migrations.resolve("V3__later.sql"), LATER);
        assertEquals(2, flyway(migrations).migrate().migrationsExecuted);

        // V2 arrives in a pull request after V3 was applied: plan it, remove it, add the plan's files
        Path change = migrations.resolve("V2__change.sql");
        Files.writeString(change, CHANGE);
        Path out = writePlan(change, Runner.FLYWAY);
        Files.delete(change);
        List<Path> copied = copyReleases(out, migrations);
        assertTrue(copied.stream().anyMatch(p -> p.toString().endsWith(".sql.conf")), "a non-transactional step: " + copied);

        Flyway flyway = flyway(migrations);
        int steps = (int) copied.stream().filter(p -> p.toString().endsWith(".sql")).count();
        assertEquals(steps, flyway.migrate().migrationsExecuted);
        for (MigrationInfo m : flyway.info().all()) {
            assertEquals(MigrationState.SUCCESS, m.getState(), m.getVersion() + " " + m.getDescription());
        }
        assertTheChangeIsDone();
    }

    /**
     * Flyway's default mixed=false refuses a file mixing CONCURRENTLY with other statements (tideline: an error), unless
     * a script configuration sets executeInTransaction (tideline: a warning).
     */
    @Test
    void flywayRefusesAMixedFileAndLintCallsItAnError() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db"));
        Files.writeString(migrations.resolve("V1__base.sql"), BASE);
        Files.writeString(migrations.resolve("V2__mixed.sql"), "ALTER TABLE users ADD COLUMN note text;\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_note_idx ON users (note);\n");
        FlywayException refused = assertThrows(FlywayException.class, () -> flyway(migrations).migrate());
        assertTrue(refused.getMessage().contains("non-transactional"), refused.getMessage());
        assertEquals(List.of(Severity.ERROR), mixedFindings(migrations));

        // a script configuration that sets executeInTransaction lets Flyway run the file: a warning there
        Files.writeString(migrations.resolve("V2__mixed.sql.conf"), "executeInTransaction=false\n");
        assertEquals(1, flyway(migrations).migrate().migrationsExecuted, "V1 ran before V2 was refused; now V2 runs");
        assertEquals(List.of(Severity.WARNING), mixedFindings(migrations));
    }

    private static List<Severity> mixedFindings(Path migrations) {
        Analysis analysis = new Analyzer(new AnalyzerOptions(new PgVersion(15), null, Map.of())).analyze(List.of(migrations));
        return new Linter(TidelineConfig.defaults()).lint(analysis).findings().stream()
                .filter(f -> f.rule().equals("mixed-non-transactional")).map(Finding::severity).toList();
    }

    /** What {@code tideline plan --out DIR} writes for the planned file: each step file under {@code release-N/}. */
    private Path writePlan(Path planned, Runner runner) throws Exception {
        Analysis analysis = new Analyzer(new AnalyzerOptions(new PgVersion(15), null, Map.of())).analyze(List.of(planned));
        assertEquals(runner, analysis.files().stream().filter(FileAnalysis::targeted).findFirst().orElseThrow().runner());
        Plan plan = new Planner(PlanKindsTest.OPTIONS).plan(new Linter(TidelineConfig.defaults()).lint(analysis));
        Path out = dir.resolve("plan");
        for (PlanLayout.PlanFile f : PlanLayout.files(plan, runner, PlanLayout.Start.forPlanned(List.of(planned)))) {
            Path p = out.resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.content());
        }
        return out;
    }

    @Test
    void liquibaseAppliesThePlanAfterANewerAppliedChangelog() throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        Path changelogs = Files.createDirectories(dir.resolve("changelogs"));
        String head = "-- liquibase formatted sql\n-- changeset dev:%d\n";
        Files.writeString(changelogs.resolve("001_base.sql"), String.format(head, 1) + BASE + SEED);
        Files.writeString(changelogs.resolve("003_later.sql"), String.format(head, 3) + LATER);
        liquibaseUpdate(changelogs, List.of("001_base.sql", "003_later.sql"));

        Path change = changelogs.resolve("002_change.sql");
        Files.writeString(change, String.format(head, 2) + CHANGE);
        Path out = writePlan(change, Runner.LIQUIBASE);
        Files.delete(change);
        List<String> includes = new ArrayList<>(List.of("001_base.sql", "003_later.sql"));
        boolean nonTransactional = false;
        for (Path p : copyReleases(out, changelogs)) {
            includes.add(p.getFileName().toString());
            nonTransactional |= Files.readString(p).contains("runInTransaction:false");
        }
        assertTrue(nonTransactional, "a changeset runs outside a transaction");
        liquibaseUpdate(changelogs, includes);
        assertTheChangeIsDone();
    }

    private void liquibaseUpdate(Path folder, List<String> includes) throws Exception {
        StringBuilder master = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n");
        for (String f : includes) master.append("  <include file=\"").append(f).append("\" relativeToChangelogFile=\"true\"/>\n");
        Files.writeString(folder.resolve("master.xml"), master.append("</databaseChangeLog>\n").toString());
        Connection c = DriverManager.getConnection(SERVER + database, "postgres", "");
        Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        try (Liquibase liquibase = new Liquibase("master.xml", new DirectoryResourceAccessor(folder), db)) {
            liquibase.update(new Contexts(), new LabelExpression());
        }
    }

    /** Every release's files, flattened into the migrations folder in release order. */
    private static List<Path> copyReleases(Path out, Path migrations) throws Exception {
        List<Path> copied = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                Path target = migrations.resolve(f.getFileName().toString());
                Files.copy(f, target);
                copied.add(target);
            }
        }
        return copied;
    }

    /** The rename, the foreign key and the index of {@link #CHANGE}, with every row carried over. */
    private void assertTheChangeIsDone() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + database, "postgres", "");
             Statement st = c.createStatement()) {
            assertEquals(500, count(st, "SELECT count(*) FROM users WHERE email_address LIKE 'u%@example.com'"));
            assertEquals(0, count(st, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'"
                    + " AND column_name = 'email'"));
            assertEquals(1, count(st, "SELECT count(*) FROM pg_constraint WHERE conname = 'users_customer_fk' AND convalidated"));
            assertEquals(1, count(st, "SELECT count(*) FROM pg_index WHERE indexrelid = 'users_customer_idx'::regclass AND indisvalid"));
            assertEquals(1, count(st, "SELECT count(*) FROM pg_class WHERE relname = 'audit'"));
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
