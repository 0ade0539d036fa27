package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideline.cli.live.ScratchDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --db URL --stats} on the machine's PostgreSQL 15: the same non-concurrent index build on a 10-row, a
 * 50k-row and a 1.1M-row table is rated by the size the server reports.
 */
class LiveStatsTest {
    static final String SECRET = "hunter2-not-printed";
    static ScratchDb db;
    @TempDir static Path dir;
    static Path indexes;

    @BeforeAll
    static void tablesOfThreeSizes() throws Exception {
        db = new ScratchDb();
        String schema = """
                CREATE TABLE lookup (id int PRIMARY KEY, name text);
                CREATE TABLE customers (id bigint PRIMARY KEY, email text);
                CREATE TABLE orders (id bigint PRIMARY KEY, status text);
                """;
        db.exec(schema);
        db.exec("INSERT INTO lookup SELECT g, 'n' || g FROM generate_series(1, 10) g");
        db.exec("INSERT INTO customers SELECT g, 'c' || g || '@example.com' FROM generate_series(1, 50000) g");
        db.exec("INSERT INTO orders SELECT g, 'new' FROM generate_series(1, 1100000) g");
        db.exec("ANALYZE");
        Files.writeString(dir.resolve("V1__schema.sql"), schema);
        indexes = Files.writeString(dir.resolve("V2__indexes.sql"), """
                CREATE INDEX lookup_name_idx ON lookup (name);
                CREATE INDEX customers_email_idx ON customers (email);
                CREATE INDEX orders_status_idx ON orders (status);
                """);
    }

    @AfterAll
    static void drop() throws Exception {
        if (db != null) db.close();
    }

    static String url() {
        return db.url() + "&password=" + SECRET;
    }

    @Test
    void lintRatesLockingFindingsBySize() throws Exception {
        CliRun plain = CliRun.of("lint", "--format", "json", indexes.toString());
        assertEquals(List.of("error", "error", "error"), severities(plain), plain.out());

        CliRun run = CliRun.of("lint", "--format", "json", "--db", url(), "--stats", indexes.toString());
        assertEquals(1, run.code(), run.toString());
        assertEquals(List.of("warning", "error", "error"), severities(run), run.out());
        List<String> messages = messages(run);
        assertTrue(messages.get(0).contains("[small table: lookup (~10 rows, ")
                && messages.get(0).endsWith("so the lock is brief; lowered from error]"), messages.get(0));
        assertTrue(messages.get(1).contains("[customers (~50.0k rows, "), messages.get(1));
        assertTrue(messages.get(2).contains("[large table: orders (~1."), messages.get(2));
        assertFalse(run.out().contains(SECRET) || run.err().contains(SECRET), "password never printed");
    }

    @Test
    void reportShowsTheSizesAndTheirRisk() throws Exception {
        Path html = dir.resolve("stats.html");
        CliRun run = CliRun.of("report", "-o", html.toString(), "--db", url(), "--stats", indexes.toString());
        assertEquals(1, run.code(), run.toString());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("<h2>Table statistics</h2>"), "sizes section");
        String stats = page.substring(page.indexOf("id=\"table-stats\""), page.indexOf("</section>", page.indexOf("id=\"table-stats\"")));
        assertTrue(stats.contains(">orders<") && stats.contains("~1.") && stats.contains("M rows"), stats);
        assertTrue(stats.contains(">lookup<") && stats.contains("~10 rows"), stats);
        assertTrue(page.contains("small table: lookup"), "the lowered finding says why");
        assertFalse(page.contains(SECRET) || run.err().contains(SECRET), "password never in the report");

        CliRun md = CliRun.of("report", "--format", "markdown", "--db", url(), "--stats", indexes.toString());
        assertTrue(md.out().contains("### Table sizes"), md.out());
        assertTrue(md.out().lines().anyMatch(l -> l.startsWith("| `orders` | \\~1.") && l.contains("M rows |") && l.contains("**error**")),
                md.out());
    }

    /**
     * A table never analysed reports reltuples -1 on PostgreSQL 15 whatever it holds: 100k rows in under 10 MB must
     * not pass for a small table.
     */
    @Test
    void aTableNeverAnalysedIsNotSmall() throws Exception {
        db.exec("CREATE TABLE fresh (id int PRIMARY KEY, v text) WITH (autovacuum_enabled = false);"
                + "INSERT INTO fresh SELECT g, 'x' FROM generate_series(1, 100000) g");
        assertEquals("-1", db.string("SELECT reltuples::text FROM pg_class WHERE oid = 'fresh'::regclass"), "never analysed");
        assertTrue(db.count("SELECT pg_total_relation_size('fresh')") < 10L * 1024 * 1024, "under the small-bytes limit");
        Path index = Files.writeString(dir.resolve("V3__fresh.sql"), "CREATE INDEX fresh_v_idx ON fresh (v);\n");
        CliRun run = CliRun.of("lint", "--format", "json", "--db", url(), "--stats", index.toString());
        assertEquals(List.of("error"), severities(run), run.out());
        String message = messages(run).get(0);
        assertTrue(message.contains("[fresh (size unknown (table never analysed), ") && message.endsWith(" on disk)]"), message);
    }

    @Test
    void unreachableServerIsOneLineWithoutThePassword() {
        CliRun run = CliRun.of("lint", "--db", "jdbc:postgresql://127.0.0.1:1/app?user=me&password=" + SECRET, "--stats",
                indexes.toString());
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().startsWith("tideline lint: --stats: cannot connect to jdbc:postgresql://127.0.0.1:1/app?user=me&password=***: "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.err().contains(SECRET) || run.out().contains(SECRET), run.toString());
        assertFalse(run.hasStackTrace());
        CliRun dbOnly = CliRun.of("lint", "--db", url(), indexes.toString());
        assertEquals(2, dbOnly.code());
        assertTrue(dbOnly.err().contains("--db is only used with --stats"), dbOnly.err());
    }

    private static List<String> severities(CliRun run) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(run.out()).get("findings")) {
            if (f.get("rule").asText().equals("create-index-non-concurrent")) out.add(f.get("severity").asText());
        }
        return out;
    }

    private static List<String> messages(CliRun run) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(run.out()).get("findings")) {
            if (f.get("rule").asText().equals("create-index-non-concurrent")) out.add(f.get("message").asText());
        }
        return out;
    }
}
