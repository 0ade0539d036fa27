package dev.tideline.rules.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TidelineConfigTest {
    @TempDir
    Path dir;

    private TidelineConfig parse(String yaml) throws ConfigException {
        return TidelineConfig.parse(dir.resolve("tideline.yaml"), yaml);
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void readsEverySetting() throws Exception {
        TidelineConfig c = parse("""
                pg-version: 13
                runner: golang-migrate
                transaction: none
                exclude:
                  - "db/legacy/**"
                placeholders:
                  schema: app
                rules:
                  prefer-text: off
                  drop-column: warning
                  lock-timeout-missing: {severity: error}
                  truncate: {enabled: false}
                """);
        assertEquals(new PgVersion(13), c.pgVersion());
        assertEquals(Runner.GOLANG_MIGRATE, c.runner());
        assertEquals(TidelineConfig.TransactionMode.NONE, c.transaction());
        assertEquals(Map.of("schema", "app"), c.placeholders());
        assertFalse(c.enabled("prefer-text"));
        assertFalse(c.enabled("truncate"));
        assertTrue(c.enabled("drop-column"));
        assertEquals(Severity.WARNING, c.severity("drop-column", Severity.ERROR));
        assertEquals(Severity.ERROR, c.severity("lock-timeout-missing", Severity.WARNING));
        assertEquals(Severity.ERROR, c.severity("drop-table", Severity.ERROR));
        assertTrue(c.excluded(dir.resolve("db/legacy/V1__old.sql")));
        assertFalse(c.excluded(dir.resolve("db/current/V9__new.sql")));
        assertEquals(Runner.GOLANG_MIGRATE, c.analyzerOptions().runner());
    }

    @Test
    void defaultsDetectTheRunnerAndEnableEveryRule() throws Exception {
        TidelineConfig d = TidelineConfig.defaults();
        assertNull(d.runner());
        assertEquals(PgVersion.DEFAULT, d.pgVersion());
        assertTrue(d.enabled("prefer-text"));
        assertFalse(d.excluded(Path.of("x.sql")));
        assertNull(parse("").runner());
        assertEquals(Runner.PLAIN, parse("transaction: none").analyzerOptions().runner());
    }

    @Test
    void unknownKeyIsLocated() {
        String m = error("pg-version: 15\nrunnr: flyway\n");
        assertTrue(m.startsWith(dir.resolve("tideline.yaml") + ":2:1: unknown key 'runnr'"), m);
    }

    @Test
    void badValuesAreLocated() {
        assertTrue(error("pg-version: 9\n").contains("tideline.yaml:1:13: PostgreSQL 9 is not supported"), error("pg-version: 9\n"));
        assertTrue(error("pg-version: fifteen\n").contains(":1:13: pg-version must be"));
        assertTrue(error("runner: ant\n").contains(":1:9: unknown runner 'ant'"));
        assertTrue(error("transaction: sometimes\n").contains(":1:14: unknown transaction mode"));
        String rule = error("rules:\n  drop-tabel: off\n");
        assertTrue(rule.contains(":2:3: unknown rule 'drop-tabel'"), rule);
        String sev = error("rules:\n  drop-table: fatal\n");
        assertTrue(sev.contains(":2:15: unknown severity 'fatal'"), sev);
        String nested = error("rules:\n  drop-table:\n    level: error\n");
        assertTrue(nested.contains(":3:5: unknown key 'level' for rule drop-table"), nested);
        assertTrue(error("- a\n- b\n").contains(":1:1: the configuration must be a mapping"));
        assertTrue(error("pg-version: 15\npg-version: 16\n").contains(":2:1: duplicate key"));
    }

    @Test
    void yamlSyntaxErrorsAreLocated() {
        String m = error("rules: [unclosed\n");
        assertTrue(m.matches("(?s).*tideline\\.yaml:\\d+:\\d+: .*"), m);
        String braces = error("{{{\n");
        assertTrue(braces.contains(":1:3: not valid YAML here"), braces);
        assertFalse(braces.contains("snakeyaml"), braces);
    }

    @Test
    void binaryFileIsNotUtf8Text() throws Exception {
        Path binary = dir.resolve("tideline.yaml");
        Files.write(binary, new byte[] {'p', 'g', (byte) 0xC3, (byte) 0x28, 0, 1});
        ConfigException e = assertThrows(ConfigException.class, () -> TidelineConfig.load(binary));
        assertTrue(e.getMessage().endsWith("tideline.yaml: not UTF-8 text: a YAML configuration was expected"), e.getMessage());
    }

    @Test
    void findWalksUpToTheNearestConfig() throws Exception {
        Path nested = Files.createDirectories(dir.resolve("a/b/c"));
        Files.writeString(dir.resolve("a/tideline.yaml"), "pg-version: 14\n");
        assertEquals(dir.resolve("a/tideline.yaml").toAbsolutePath(), TidelineConfig.find(nested).orElseThrow());
        assertEquals(new PgVersion(14), TidelineConfig.load(TidelineConfig.find(nested).orElseThrow()).pgVersion());
    }

    @Test
    void missingFileIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> TidelineConfig.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("nope.yaml"));
    }

    @Test
    void devicesAndFifosAreRefusedWithoutReading() throws Exception {
        // before: /dev/zero was read until memory ran out, and a FIFO blocked for ever
        ConfigException zero = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ConfigException.class, () -> TidelineConfig.load(Path.of("/dev/zero"))));
        assertEquals("/dev/zero: not a regular file: a YAML configuration file was expected", zero.getMessage());
        Path fifo = dir.resolve("fifo.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ConfigException.class, () -> TidelineConfig.load(fifo)));
        assertTrue(e.getMessage().endsWith("fifo.yaml: not a regular file: a YAML configuration file was expected"), e.getMessage());
    }

    @Test
    void anOversizedFileIsRefused() throws Exception {
        Path big = dir.resolve("tideline.yaml");
        Files.write(big, ("#" + "x".repeat(1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8));
        ConfigException e = assertThrows(ConfigException.class, () -> TidelineConfig.load(big));
        assertTrue(e.getMessage().endsWith("tideline.yaml: over 1024 KB: not a tideline configuration"), e.getMessage());
    }
}
