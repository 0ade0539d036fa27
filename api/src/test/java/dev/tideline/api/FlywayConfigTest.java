package dev.tideline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.rules.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway's own configuration: its locations find the migrations, its placeholders are the SQL's values. */
class FlywayConfigTest {
    @TempDir Path project;

    private void migrations(String folder) throws IOException {
        Path dir = Files.createDirectories(project.resolve(folder));
        Files.writeString(dir.resolve("V1__orders.sql"), "CREATE TABLE ${table} (id bigint PRIMARY KEY, customer_id bigint);\n");
        Files.writeString(dir.resolve("V2__index.sql"), "CREATE INDEX orders_customer_idx ON ${table} (customer_id);\n");
    }

    private List<Finding> lint() {
        List<Path> found = MigrationLocations.find(project);
        return Tideline.lint(LintRequest.of(found.toArray(Path[]::new)).withCwd(project)).result().findings();
    }

    @Test
    void flywayTomlLocationsAndPlaceholders() throws IOException {
        migrations("sql");
        Files.writeString(project.resolve("flyway.toml"), """
                [environments.default]
                url = "jdbc:postgresql://localhost/app"

                [flyway]
                locations = ["filesystem:sql"]

                [flyway.placeholders]
                table = "orders"
                """);
        assertEquals(List.of(project.resolve("sql")), MigrationLocations.find(project));
        List<Finding> findings = lint();
        assertTrue(findings.stream().anyMatch(f -> f.rule().equals("create-index-non-concurrent") && f.message().contains("on existing table orders ")),
                findings.toString());
    }

    @Test
    void flywayConfLocationsAndPlaceholders() throws IOException {
        migrations("db/changes");
        Files.writeString(project.resolve("flyway.conf"), "flyway.locations=filesystem:db/changes\nflyway.placeholders.table=orders\n");
        FlywayConfig conf = FlywayConfig.find(project).orElseThrow();
        assertEquals(List.of("filesystem:db/changes"), conf.locations());
        assertEquals("orders", conf.placeholders().get("table"));
        List<Finding> findings = lint();
        assertTrue(findings.stream().anyMatch(f -> f.rule().equals("create-index-non-concurrent") && f.message().contains("on existing table orders ")),
                findings.toString());
    }

    @Test
    void aLocationThatDoesNotExistSaysWhereItCameFrom() throws IOException {
        Files.writeString(project.resolve("flyway.conf"), "flyway.locations=filesystem:nowhere\n");
        TidelineException e = org.junit.jupiter.api.Assertions.assertThrows(TidelineException.class, () -> MigrationLocations.find(project));
        assertTrue(e.getMessage().contains("(from flyway.conf: locations) does not exist"), e.getMessage());
    }
}
