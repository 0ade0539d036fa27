package dev.tideline.rules.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.AnalyzerOptions;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.rules.Finding;
import dev.tideline.rules.Linter;
import dev.tideline.rules.TextFix;
import dev.tideline.rules.config.TidelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixable rule: its text edits, applied to a migration as its runner lays it out, leave a file set that lints
 * clean for the rule (and puts nothing in a transaction that cannot run there), and the fixed set applies on
 * PostgreSQL 15 from scratch with that runner (Flyway, Liquibase formatted SQL, or statement by statement as psql).
 */
class TextFixesApplyTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String BASE = """
            CREATE TABLE owners (id bigint PRIMARY KEY);
            CREATE TABLE items (id bigint PRIMARY KEY, owner_id bigint, note text);
            CREATE INDEX items_note_idx ON items (note);
            INSERT INTO owners VALUES (1), (2);
            INSERT INTO items VALUES (1, 1, 'a'), (2, 2, 'b');
            """;
    /** Rules whose findings a transaction move must not cause. */
    private static final Set<String> TRANSACTION_RULES = Set.of("concurrent-in-transaction", "validate-in-same-transaction");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("create-index-non-concurrent", "flyway", "CREATE TABLE audit (id bigint);\nCREATE INDEX items_owner_idx ON items (owner_id);\n"),
                Arguments.of("create-index-non-concurrent", "liquibase", "create unique index if not exists items_owner_idx on items (owner_id, id);\n"),
                Arguments.of("create-index-non-concurrent", "psql", "  CREATE INDEX ON items USING btree (lower(note));\n"),
                Arguments.of("create-index-non-concurrent", "goose", "CREATE TABLE audit (id bigint);\nCREATE INDEX items_owner_idx ON items (owner_id);\n"),
                Arguments.of("drop-index-non-concurrent", "flyway", "DROP INDEX IF EXISTS items_note_idx;\n"),
                Arguments.of("concurrent-index-not-idempotent", "psql", "CREATE INDEX CONCURRENTLY \"Items_Owner\" ON items (owner_id);\n"),
                Arguments.of("lock-timeout-missing", "flyway", "-- a flag\n    ALTER TABLE items ADD COLUMN flag boolean;\n"),
                Arguments.of("lock-timeout-missing", "psql", "ALTER TABLE items ADD COLUMN flag boolean;\n"),
                Arguments.of("statement-timeout-missing", "flyway", "ALTER TABLE items ALTER COLUMN id TYPE numeric;\n"),
                Arguments.of("add-foreign-key-validating", "flyway", "ALTER TABLE items ADD CONSTRAINT items_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id);\n"),
                Arguments.of("add-foreign-key-validating", "psql", "ALTER TABLE items ADD FOREIGN KEY (owner_id) REFERENCES owners (id) ON DELETE CASCADE\n"),
                Arguments.of("add-check-validating", "liquibase", "ALTER TABLE items ADD CONSTRAINT items_note_len CHECK (length(note) < 100);\n"),
                Arguments.of("set-not-null", "flyway", "ALTER TABLE items ALTER COLUMN note SET NOT NULL;\r\n"),
                Arguments.of("set-not-null", "liquibase", "ALTER TABLE items ALTER COLUMN note SET NOT NULL;\n"),
                Arguments.of("set-not-null", "psql", "alter table items alter column note set not null;\n"),
                Arguments.of("prefer-timestamptz", "flyway", "CREATE TABLE events (id bigint PRIMARY KEY,\n    at timestamp(3) without time zone NOT NULL);\n"),
                Arguments.of("prefer-text", "flyway", "CREATE TABLE tags (id bigint PRIMARY KEY, \"Label\" varchar(40) NOT NULL);\n"),
                Arguments.of("prefer-bigint-primary-key", "flyway", "create table things (id integer primary key, name text);\n"),
                Arguments.of("prefer-identity", "flyway", "CREATE TABLE people (id bigserial PRIMARY KEY, name text);\n"));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("cases")
    void fixedFilesLintCleanAndApply(String rule, String layout, String change) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db"));
        Path target = write(migrations, layout, change);

        List<TextFix> fixes = lint(target).stream().filter(f -> f.rule().equals(rule)).map(Finding::textFix).toList();
        assertFalse(fixes.isEmpty(), rule + " reported");
        assertTrue(fixes.stream().allMatch(f -> f != null), rule + " has a text fix: " + fixes);
        FileChanges.write(FileChanges.of(FileChanges.compatible(fixes)));

        List<String> left = new ArrayList<>();
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql") && !p.getFileName().toString().matches("V1__.*|001_.*")).toList()) {
                for (Finding x : lint(f)) {
                    if (x.rule().equals(rule) || TRANSACTION_RULES.contains(x.rule())) left.add(x.rule() + " " + x.file().getFileName() + ":" + x.line());
                }
            }
        }
        assertEquals(List.of(), left, "after the fix:\n" + Files.readString(target));
        if (change.contains("\r\n")) assertFalse(Files.readString(target).replace("\r\n", "").contains("\n"), "CRLF kept");
        apply(migrations, layout);
    }

    private static Path write(Path migrations, String layout, String change) throws Exception {
        switch (layout) {
            case "flyway" -> {
                Files.writeString(migrations.resolve("V1__base.sql"), BASE);
                return Files.writeString(migrations.resolve("V2__change.sql"), change);
            }
            case "liquibase" -> {
                return Files.writeString(migrations.resolve("changelog.sql"), "-- liquibase formatted sql\n\n-- changeset dev:1\n"
                        + BASE + "\n-- changeset dev:2\n" + change);
            }
            case "goose" -> {
                Files.writeString(migrations.resolve("001_base.sql"), "-- +goose Up\n" + BASE);
                return Files.writeString(migrations.resolve("002_change.sql"), "-- +goose Up\n" + change);
            }
            default -> {
                Files.writeString(migrations.resolve("001_base.sql"), BASE);
                return Files.writeString(migrations.resolve("002_change.sql"), change);
            }
        }
    }

    private static List<Finding> lint(Path file) {
        Analysis analysis = new Analyzer(new AnalyzerOptions(new PgVersion(15), null, Map.of())).analyze(List.of(file));
        return new Linter(TidelineConfig.defaults()).lint(analysis).findings();
    }

    private static void apply(Path migrations, String layout) throws Exception {
        String database = "tl_fix_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        try {
            switch (layout) {
                case "flyway" -> Flyway.configure().dataSource(SERVER + database, "postgres", "")
                        .locations("filesystem:" + migrations).cleanDisabled(true)
                        .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();
                case "liquibase" -> {
                    System.setProperty("liquibase.analytics.enabled", "false");
                    Connection c = DriverManager.getConnection(SERVER + database, "postgres", "");
                    Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                    try (Liquibase liquibase = new Liquibase("changelog.sql", new DirectoryResourceAccessor(migrations), db)) {
                        liquibase.update(new Contexts(), new LabelExpression());
                    }
                }
                default -> {
                    // psql -f, and goose with NO TRANSACTION: one statement at a time, each committed
                    Path file = migrations.resolve("002_change.sql");
                    Analysis analysis = new Analyzer(new AnalyzerOptions(new PgVersion(15), null, Map.of())).analyze(List.of(file));
                    try (Connection c = DriverManager.getConnection(SERVER + database, "postgres", "");
                         Statement st = c.createStatement()) {
                        for (FileAnalysis fa : analysis.files()) {
                            assertTrue(layout.equals("psql") || Files.readString(fa.file()).contains("+goose NO TRANSACTION")
                                    || fa.file().getFileName().toString().startsWith("001"), "goose runs it without a transaction");
                            for (AnalyzedStatement s : fa.statements()) st.execute(s.statement().text());
                        }
                    }
                }
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                 Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
