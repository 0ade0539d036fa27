package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Liquibase XML/YAML changelogs linted through Liquibase's own parser and its offline PostgreSQL SQL. */
class LiquibaseChangelogLintTest {
    static final Path SPRING = RepoRoot.get().resolve("samples/liquibase-spring");

    @Test
    void springBootMasterChangelogIsLintedWithItsIncludesAtTheirChangeLines() throws Exception {
        CliRun run = CliRun.of("lint", "--format", "json", SPRING.toString());
        assertEquals(1, run.code(), run.toString());
        assertFalse(run.hasStackTrace(), run.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(3, json.at("/summary/files").asInt(), run.out());

        List<String> errors = new ArrayList<>();
        for (JsonNode f : json.get("findings")) {
            if (f.get("severity").asText().equals("error")) errors.add(where(f));
        }
        assertEquals(List.of(
                "add-foreign-key-validating 001-customers-orders.xml:26",
                "create-index-non-concurrent 001-customers-orders.xml:32",
                "set-not-null db.changelog-master.yaml:20"), errors.stream().sorted().toList(), run.out());

        JsonNode fk = finding(json, "add-foreign-key-validating");
        assertTrue(fk.get("message").asText().startsWith("changeSet 2-orders-customer-fk by jonas: "), fk.toString());
        assertTrue(fk.get("fix").asText().contains("validate=\"false\""), fk.toString());
        assertTrue(fk.get("fix").asText().contains("NOT VALID"), fk.toString());
        // ${orders_table} resolved from the master's property
        assertEquals("orders", fk.at("/locks/0/table").asText(), fk.toString());

        // the runInTransaction="false" changeSet's CREATE INDEX CONCURRENTLY (line 38) is fine
        for (JsonNode f : json.get("findings")) assertFalse(where(f).endsWith("001-customers-orders.xml:38"), f.toString());
        // the included formatted-SQL changelog is linted as SQL at its own lines
        assertTrue(findings(json).contains("lock-timeout-missing 002-order-notes.sql:4"), run.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pom.xml|<project><modelVersion>4.0.0</modelVersion></project>",
            "config.yaml|server:\\n  port: 8080",
            "package.json|{\"name\": \"app\", \"version\": \"1.0.0\"}",
            "bad.changelog.xml|<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"><changeSet id=\"1\" author=\"a\"><createIndex indexName=\"i\"><column name=\"c\"/></createIndex></changeSet></databaseChangeLog>"})
    void aFileThatIsNeitherSqlNorAChangelogIsAnInputError(String name, String content, @TempDir Path dir) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content.replace("\\n", "\n"));
        CliRun run = CliRun.of("lint", file.toString());
        assertEquals(2, run.code(), run.toString());
        assertFalse(run.hasStackTrace(), run.toString());
        assertTrue(run.out().contains("not SQL and not a changelog Liquibase accepts"), run.toString());
        assertFalse(run.out().contains("unparsed") || run.out().contains("unrecognized"), run.toString());
    }

    @Test
    void aChangelogLintedForMySqlIsAnInputErrorNotItsXmlReadAsSql() {
        Path xml = SPRING.resolve("db/changelog/changes/001-customers-orders.xml");
        CliRun run = CliRun.of("lint", "--dialect", "mysql", xml.toString());
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.out().contains("changelogs are linted for PostgreSQL only so far"), run.toString());
        assertFalse(run.out().contains("unparsed-statement"), run.toString());
    }

    private static List<String> findings(JsonNode json) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : json.get("findings")) out.add(where(f));
        return out;
    }

    private static String where(JsonNode f) {
        String file = f.get("file").asText();
        return f.get("rule").asText() + " " + file.substring(file.lastIndexOf('/') + 1) + ":" + f.get("line").asInt();
    }

    private static JsonNode finding(JsonNode json, String rule) {
        for (JsonNode f : json.get("findings")) if (f.get("rule").asText().equals(rule)) return f;
        throw new AssertionError("no " + rule + " finding in " + json);
    }
}
