package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tideline plan}: formats, --out layouts that lint clean, and clear errors. */
class PlanCommandTest {
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
    Path flyway;

    @BeforeEach
    void migrations() throws Exception {
        flyway = Files.createDirectories(dir.resolve("db"));
        Files.writeString(flyway.resolve("V1__base.sql"), BASE);
        Files.writeString(flyway.resolve("V2__change.sql"), CHANGE);
    }

    private static CliRun run(String... args) {
        CliRun run = CliRun.of(args);
        assertFalse(run.hasStackTrace(), run.toString());
        return run;
    }

    @Test
    void textShowsReleasesStepsAndGates() {
        CliRun run = run("plan", flyway.resolve("V2__change.sql").toString());
        assertEquals(0, run.code(), run.toString());
        for (String expected : List.of("Release 1", "Release 2", "Release 3", "[backfill]", "[contract]", "Gate:",
                "runs outside a transaction block", "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_customer_idx",
                "NOT VALID", "VALIDATE CONSTRAINT users_customer_fk")) {
            assertTrue(run.out().contains(expected), "missing " + expected + "\n" + run);
        }
    }

    @Test
    void jsonFollowsTheDocumentedShape() throws Exception {
        CliRun run = run("plan", "--format", "json", flyway.resolve("V2__change.sql").toString());
        assertEquals(0, run.code(), run.toString());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals(1, root.get("version").asInt());
        assertTrue(root.get("notes").isArray());
        JsonNode releases = root.get("releases");
        assertEquals(3, releases.size(), run.out());
        boolean backfill = false;
        for (int i = 0; i < releases.size(); i++) {
            JsonNode r = releases.get(i);
            assertEquals(i + 1, r.get("number").asInt());
            assertTrue(r.get("app_change").isTextual() && r.get("gate").isTextual());
            for (JsonNode s : r.get("steps")) {
                assertTrue(Set.of("expand", "backfill", "contract", "verify").contains(s.get("phase").asText()), s.toString());
                assertFalse(s.get("sql").asText().isBlank());
                assertTrue(s.get("locks").isArray() && s.get("reason").isTextual());
                assertTrue(s.get("needs_retry").isBoolean() && s.get("transactional").isBoolean());
                if (s.has("backfill")) {
                    backfill = true;
                    assertEquals("users", s.get("backfill").get("table").asText());
                    assertEquals("id", s.get("backfill").get("key_column").asText());
                    assertEquals("email_address IS DISTINCT FROM email", s.get("backfill").get("where_not_done").asText());
                }
            }
        }
        assertTrue(backfill, "the rename's backfill is described");
    }

    @Test
    void markdownHasFencedSql() {
        CliRun run = run("plan", "--format", "markdown", flyway.resolve("V2__change.sql").toString());
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("# Release plan"), run.out());
        assertTrue(run.out().contains("## Release 3") && run.out().contains("```sql\n"), run.out());
    }

    @Test
    void flywayOutLintsClean() throws Exception {
        Path out = dir.resolve("plan");
        CliRun run = run("plan", "--out", out.toString(), flyway.resolve("V2__change.sql").toString());
        assertEquals(0, run.code(), run.toString());
        assertTrue(Files.isRegularFile(out.resolve("PLAN.md")));
        List<Path> files = files(out);
        assertTrue(files.stream().anyMatch(p -> p.toString().matches(".*release-1/V2_1__.*\\.sql")), files.toString());
        assertTrue(files.stream().anyMatch(p -> p.toString().endsWith(".sql.conf")), "non-transactional steps get a .conf");
        assertTrue(files.stream().anyMatch(p -> p.toString().contains("release-3/")), files.toString());
        assertLintClean(out, "V1__base.sql", files);
    }

    @Test
    void golangMigrateOutLintsClean() throws Exception {
        Path gm = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(gm.resolve("000001_base.up.sql"), BASE);
        Files.writeString(gm.resolve("000002_change.up.sql"), CHANGE);
        Path out = dir.resolve("plan-gm");
        CliRun run = run("plan", "--out", out.toString(), gm.resolve("000002_change.up.sql").toString());
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.err().contains("golang-migrate"), run.toString());
        List<Path> files = files(out);
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().matches("000003_.*\\.up\\.sql")), files.toString());
        long ups = files.stream().filter(p -> p.toString().endsWith(".up.sql")).count();
        long downs = files.stream().filter(p -> p.toString().endsWith(".down.sql")).count();
        assertEquals(ups, downs, "up/down pairs");
        assertLintClean(out, "000001_base.up.sql", files);
    }

    /** golang-migrate versions are unsigned 64-bit: beyond Java's long they are numbered on, beyond 64 bits refused. */
    @Test
    void golangMigrateVersionsBeyondALongAreNumberedOnAndBeyondItsOwnLimitRefused() throws Exception {
        Path gm = Files.createDirectories(dir.resolve("big"));
        Files.writeString(gm.resolve("000001_base.up.sql"), BASE);
        Path change = Files.writeString(gm.resolve("18446744073709551000_change.up.sql"), CHANGE);
        Path out = dir.resolve("plan-big");
        CliRun run = run("plan", "--out", out.toString(), change.toString());
        assertEquals(0, run.code(), run.toString());
        List<String> names = files(out).stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.stream().anyMatch(n -> n.matches("18446744073709551001_.*\\.up\\.sql")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.matches("18446744073709551002_.*\\.up\\.sql")), names.toString());

        Path bigger = Files.createDirectories(dir.resolve("bigger"));
        Files.writeString(bigger.resolve("000001_base.up.sql"), BASE);
        Path over = Files.writeString(bigger.resolve("99999999999999999999_x.up.sql"), CHANGE);
        CliRun refused = run("plan", "--out", dir.resolve("plan-over").toString(), over.toString());
        assertEquals(2, refused.code(), refused.toString());
        assertEquals("tideline plan: --out: version 100000000000000000000 is over the largest golang-migrate reads"
                + " (18446744073709551615): it would skip or refuse the file; give the migrations smaller numbers", refused.err().strip());
        assertFalse(Files.exists(dir.resolve("plan-over")), "nothing written");
    }

    /** The generated files, flattened next to the base migration, pass tideline lint with no error. */
    private void assertLintClean(Path out, String baseName, List<Path> files) throws Exception {
        Path flat = Files.createDirectories(dir.resolve("flat-" + out.getFileName()));
        Files.writeString(flat.resolve(baseName), BASE);
        for (Path f : files) {
            if (!f.getFileName().toString().equals("PLAN.md")) Files.copy(f, flat.resolve(f.getFileName()));
        }
        CliRun lint = run("lint", flat.toString());
        assertEquals(0, lint.code(), lint.toString());
    }

    @Test
    void refusesANonEmptyOutDirectory() throws Exception {
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRun run = run("plan", "--out", out.toString(), flyway.resolve("V2__change.sql").toString());
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("not empty"), run.toString());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void badInputsExitTwoWithOneLine() {
        CliRun missing = run("plan", dir.resolve("nope.sql").toString());
        assertEquals(2, missing.code(), missing.toString());
        assertTrue(missing.err().contains("nope.sql"), missing.toString());
        CliRun badTimeout = run("plan", "--lock-timeout", "soon", flyway.resolve("V2__change.sql").toString());
        assertEquals(2, badTimeout.code(), badTimeout.toString());
        assertTrue(badTimeout.err().contains("--lock-timeout"), badTimeout.toString());
    }

    @Test
    void saysPlainlyWhenThereIsNoSafePath() throws Exception {
        Files.writeString(flyway.resolve("V3__vacuum.sql"), "VACUUM FULL users;\n");
        CliRun run = run("plan", flyway.resolve("V3__vacuum.sql").toString());
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("no safe online path") && run.out().contains("pg_repack"), run.toString());
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
