package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideline.api.output.SarifReportTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tideline lint} end to end through {@link Main#run}: real files, real analyzer and rules. */
class LintCommandTest {
    static final Path SHOP = RepoRoot.get().resolve("samples/flyway-shop");
    static final String INDEX_ORDERS = "CREATE INDEX orders_status_idx ON orders (status);\n";

    @TempDir Path tmp;

    @Test
    void jsonOnTheFlywaySampleHasTheDocumentedShapeAndFailsOnErrors() throws Exception {
        CliRun run = CliRun.of("lint", "--format", "json", SHOP.toString());
        assertEquals(1, run.code(), run.toString());
        assertFalse(run.hasStackTrace(), run.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode summary = json.get("summary");
        assertEquals(12, summary.get("files").asInt(), run.out());
        assertTrue(summary.get("statements").asInt() >= 30, summary.toString());
        assertTrue(summary.get("errors").asInt() > 0);

        JsonNode index = finding(json, "create-index-non-concurrent", "V4__index_orders_by_customer.sql");
        assertEquals(3, index.get("line").asInt());
        assertEquals(1, index.get("column").asInt());
        assertEquals("error", index.get("severity").asText());
        assertEquals("CREATE INDEX orders_customer_id_idx ON orders (customer_id)", index.get("statement").asText());
        assertEquals("orders", index.at("/locks/0/table").asText());
        assertEquals("SHARE", index.at("/locks/0/mode").asText());
        assertEquals("[\"writes\"]", index.at("/locks/0/blocks").toString());
        assertTrue(index.get("file").asText().endsWith("samples/flyway-shop/V4__index_orders_by_customer.sql"));

        for (JsonNode f : json.get("findings")) {
            boolean safeIndex = f.get("file").asText().endsWith("V5__index_products_concurrently.sql");
            assertFalse(safeIndex && f.get("rule").asText().equals("create-index-non-concurrent"), f.toString());
        }
    }

    @Test
    void textIsCompilerStyleWithASummaryLine() {
        CliRun run = CliRun.of("lint", SHOP.resolve("V4__index_orders_by_customer.sql").toString());
        assertEquals(1, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        Pattern header = Pattern.compile("^.+V4__index_orders_by_customer\\.sql:3:1: error create-index-non-concurrent .+$");
        assertTrue(lines.stream().anyMatch(l -> header.matcher(l).matches()), run.out());
        assertTrue(lines.contains("    | CREATE INDEX orders_customer_id_idx ON orders (customer_id)"), run.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("1 file, 1 statement"), "earlier files replayed, not counted: " + run.out());
        assertFalse(run.out().contains("\u001b["), "no colour off a terminal");
    }

    @Test
    void sarifIsSchemaValidAndGithubAnnotationsAreWellFormed() throws Exception {
        CliRun sarif = CliRun.of("lint", "--format", "sarif", SHOP.toString());
        assertEquals(1, sarif.code(), sarif.toString());
        assertEquals(Set.of(), SarifReportTest.validate(sarif.out()));
        assertTrue(new ObjectMapper().readTree(sarif.out()).at("/runs/0/results").size() > 0);

        CliRun github = CliRun.of("lint", "--format", "github", SHOP.toString());
        assertEquals(1, github.code());
        List<String> lines = github.out().lines().toList();
        Pattern annotation = Pattern.compile("^::(error|warning|notice) file=[^,:]+,line=\\d+,col=\\d+,title=[^,:]+::.+$");
        for (String line : lines.subList(0, lines.size() - 1)) assertTrue(annotation.matcher(line).matches(), line);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("::error file=") && l.contains("V4__index_orders_by_customer.sql,line=3,col=1,")));

        CliRun markdown = CliRun.of("lint", "--format", "markdown", SHOP.toString());
        assertTrue(markdown.out().startsWith("### ❌ tideline: "), markdown.out());
        assertTrue(markdown.out().contains("`create-index-non-concurrent`"));
    }

    @Test
    void readsStandardInput() throws Exception {
        CliRun run = CliRun.withStdin(INDEX_ORDERS, "lint", "--format", "json", "-");
        assertEquals(1, run.code(), run.toString());
        JsonNode f = finding(new ObjectMapper().readTree(run.out()), "create-index-non-concurrent", "<stdin>");
        assertEquals(1, f.get("line").asInt());
    }

    @Test
    void aStatementNobodyAnalysedFailsTheRunUnlessConfigurationOrASuppressionSaysSo() throws Exception {
        String unknown = "FROBNICATE TABLE audit_log;\n";
        Path file = Files.writeString(tmp.resolve("V1__unknown.sql"), unknown);
        CliRun run = CliRun.of("lint", "--format", "text", file.toString());
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.out().contains("error unparsed-statement"), run.toString());

        Path ignored = Files.writeString(tmp.resolve("V2__ignored.sql"),
                "-- tideline:ignore unparsed-statement reviewed by hand: a no-op extension command\n" + unknown);
        assertEquals(0, CliRun.of("lint", "--format", "text", ignored.toString()).code());

        Path off = Files.writeString(tmp.resolve("off.yaml"), "rules:\n  unparsed-statement: off\n");
        assertEquals(0, CliRun.of("lint", "--config", off.toString(), file.toString()).code());
        Path warning = Files.writeString(tmp.resolve("warning.yaml"), "rules:\n  unparsed-statement: warning\n");
        assertEquals(0, CliRun.of("lint", "--config", warning.toString(), file.toString()).code());
    }

    @Test
    void safeMigrationExitsZero() throws Exception {
        Path file = Files.writeString(tmp.resolve("V1__safe.sql"), """
                CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);
                CREATE INDEX audit_log_note_idx ON audit_log (note);
                """);
        CliRun run = CliRun.of("lint", "--format", "json", file.toString());
        assertEquals(0, run.code(), run.toString());
        assertEquals(0, new ObjectMapper().readTree(run.out()).at("/summary/errors").asInt());
    }

    @Test
    void missingPathAndBinaryFileAreLocatedErrorsWhileTheRestIsLinted() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("migrations"));
        Files.writeString(dir.resolve("V1__index.sql"), INDEX_ORDERS);
        Files.write(dir.resolve("V2__logo.sql"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 0, 1, 2, (byte) 0xff});
        Path missing = tmp.resolve("nope.sql");

        CliRun run = CliRun.of("lint", dir.toString(), missing.toString());
        assertEquals(2, run.code(), run.toString());
        assertFalse(run.hasStackTrace(), run.toString());
        assertTrue(run.out().contains(missing + ": error missing-path "), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.contains("V2__logo.sql:") && l.contains(": error ")), run.out());
        assertTrue(run.out().contains("V1__index.sql:1:1: error create-index-non-concurrent"), "other files still linted: " + run.out());
    }

    @Test
    void pathsMayComeBeforeAndAfterOptionsAndAfterADoubleDash() throws Exception {
        Path first = Files.writeString(tmp.resolve("V1__a.sql"), INDEX_ORDERS);
        Path second = Files.writeString(tmp.resolve("V2__b.sql"), INDEX_ORDERS);
        CliRun run = CliRun.of("lint", first.toString(), "--format", "json", second.toString(), "--", "-V3__c.sql");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(2, json.at("/summary/files").asInt(), run.toString());
        // after --, a name starting with a dash is a path (here a missing one), not an option
        assertEquals("-V3__c.sql", json.at("/diagnostics/0/file").asText(), run.out());
        assertEquals("missing-path", json.at("/diagnostics/0/code").asText(), run.out());

        CliRun unknown = CliRun.of("lint", first.toString(), "--formt", "json");
        assertEquals(2, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("Unknown option: '--formt'"), unknown.err());
        CliRun none = CliRun.of("lint", "--format", "json");
        assertTrue(none.err().contains("Missing required parameter: 'PATH'"), none.err());
    }

    @Test
    void eachMigrationSetIsItsOwnDatabase() throws Exception {
        // Two services linted in one run: an index in one does not cover a foreign key in the other.
        String parentAndChild = "CREATE TABLE parent (id bigint PRIMARY KEY);\n"
                + "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent (id));\n";
        Path billing = Files.createDirectories(tmp.resolve("billing/migrations"));
        Files.writeString(billing.resolve("V1__tables.sql"), parentAndChild);
        Path shipping = Files.createDirectories(tmp.resolve("shipping/migrations"));
        Files.writeString(shipping.resolve("V1__tables.sql"), parentAndChild);
        Files.writeString(shipping.resolve("V2__index.sql"), "CREATE INDEX child_parent_id_idx ON child (parent_id);\n");

        CliRun run = CliRun.of("lint", "--format", "json", billing.toString(), shipping.toString());
        List<String> unindexed = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(run.out()).get("findings")) {
            if (f.get("rule").asText().equals("foreign-key-without-index")) unindexed.add(f.get("file").asText());
        }
        assertEquals(1, unindexed.size(), run.out());
        assertTrue(unindexed.get(0).contains("billing"), unindexed.toString());
    }

    @Test
    void usageAndConfigurationErrorsExitTwoWithAMessage() throws Exception {
        Path file = Files.writeString(tmp.resolve("V1__x.sql"), INDEX_ORDERS);
        Path badConfig = Files.writeString(tmp.resolve("tideline.yaml"), "pg-version: 16\nfrobnicate: true\n");
        List<CliRun> runs = new ArrayList<>();
        runs.add(CliRun.of("lint", "--config", badConfig.toString(), file.toString()));
        runs.add(CliRun.of("lint", "--config", tmp.resolve("absent.yaml").toString(), file.toString()));
        runs.add(CliRun.of("lint", "--pg-version", "11", file.toString()));
        runs.add(CliRun.of("lint", "--runner", "rails", file.toString()));
        runs.add(CliRun.of("lint", "--format", "xml", file.toString()));
        runs.add(CliRun.of("lint"));
        runs.add(CliRun.of("lint", "--baseline", tmp.resolve("absent.json").toString(), file.toString()));
        for (CliRun run : runs) {
            assertEquals(2, run.code(), run.toString());
            assertFalse(run.hasStackTrace(), run.toString());
            assertFalse(run.err().isBlank(), run.toString());
        }
        assertTrue(runs.get(0).err().contains(badConfig + ":2:"), "config errors carry file:line: " + runs.get(0));
        assertTrue(runs.get(2).err().contains("12"), runs.get(2).toString());
        assertTrue(runs.get(3).err().contains("golang-migrate"), runs.get(3).toString());
    }

    @Test
    void runnerAndVersionOptionsReachTheAnalysis() throws Exception {
        Path file = Files.writeString(tmp.resolve("x.sql"),
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (a);\nALTER TABLE orders ADD COLUMN b text;\n");
        CliRun plain = CliRun.of("lint", "--format", "json", "--runner", "psql", file.toString());
        CliRun prisma = CliRun.of("lint", "--format", "json", "--runner", "prisma", file.toString());
        assertFalse(plain.out().contains("\"concurrent-in-transaction\""), plain.toString());
        assertTrue(prisma.out().contains("\"concurrent-in-transaction\""), "Prisma sends a file of several statements as one implicit transaction: " + prisma);
    }

    @Test
    void changedSinceLintsOnlyFilesChangedOnTheBranch() throws Exception {
        Path repo = Files.createDirectory(tmp.resolve("repo"));
        Path migrations = Files.createDirectories(repo.resolve("db/migrations"));
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, status text);\n");
        Files.writeString(migrations.resolve("V2__old_index.sql"), INDEX_ORDERS);
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "base");
        git(repo, "checkout", "-q", "-b", "feature");
        Files.writeString(migrations.resolve("V3__drop.sql"), "ALTER TABLE orders DROP COLUMN status;\n");

        CliRun run = CliRun.of("lint", "--format", "json", "--changed-since", "main", migrations.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(1, json.at("/summary/files").asInt(), run.toString());
        for (JsonNode f : json.get("findings")) assertTrue(f.get("file").asText().endsWith("V3__drop.sql"), f.toString());
        finding(json, "drop-column", "V3__drop.sql");

        CliRun all = CliRun.of("lint", "--format", "json", migrations.toString());
        assertEquals(3, new ObjectMapper().readTree(all.out()).at("/summary/files").asInt(), all.toString());

        CliRun badRef = CliRun.of("lint", "--changed-since", "no-such-branch", migrations.toString());
        assertEquals(2, badRef.code(), badRef.toString());
        assertTrue(badRef.err().contains("no-such-branch"), badRef.toString());
        assertFalse(badRef.hasStackTrace());
    }

    @Test
    void baselineRoundTripReportsOnlyNewFindings() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("migrations"));
        Files.writeString(dir.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, status text);\n");
        Files.writeString(dir.resolve("V2__index.sql"), INDEX_ORDERS);
        Path baseline = tmp.resolve("tideline-baseline.json");

        CliRun write = CliRun.of("lint", "--write-baseline", baseline.toString(), dir.toString());
        assertEquals(0, write.code(), write.toString());
        assertTrue(Files.size(baseline) > 0);

        CliRun known = CliRun.of("lint", "--format", "json", "--baseline", baseline.toString(), dir.toString());
        assertEquals(0, known.code(), known.toString());
        assertEquals(0, new ObjectMapper().readTree(known.out()).get("findings").size(), known.out());
        assertTrue(CliRun.of("lint", "--baseline", baseline.toString(), dir.toString()).out().contains("known in baseline"));

        Files.writeString(dir.resolve("V3__drop.sql"), "ALTER TABLE orders DROP COLUMN status;\n");
        CliRun fresh = CliRun.of("lint", "--format", "json", "--baseline", baseline.toString(), dir.toString());
        assertEquals(1, fresh.code(), fresh.toString());
        for (JsonNode f : new ObjectMapper().readTree(fresh.out()).get("findings")) {
            assertTrue(f.get("file").asText().endsWith("V3__drop.sql"), f.toString());
        }
    }

    @Test
    void quotedGlobsAreExpanded() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("db/a"));
        Files.writeString(dir.resolve("one.sql"), INDEX_ORDERS);
        Files.writeString(dir.resolve("notes.txt"), "not sql");
        CliRun run = CliRun.of("lint", "--format", "json", tmp + "/db/**.sql");
        assertEquals(1, new ObjectMapper().readTree(run.out()).at("/summary/files").asInt(), run.toString());
        CliRun none = CliRun.of("lint", tmp + "/db/**.psql");
        assertEquals(2, none.code(), none.toString());
        assertTrue(none.out().contains("no-match"), none.toString());
    }

    static JsonNode finding(JsonNode json, String rule, String fileSuffix) {
        for (JsonNode f : json.get("findings")) {
            if (f.get("rule").asText().equals(rule) && f.get("file").asText().endsWith(fileSuffix)) return f;
        }
        throw new AssertionError("no " + rule + " finding in " + fileSuffix + ":\n" + json.toPrettyString());
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + output);
    }
}
