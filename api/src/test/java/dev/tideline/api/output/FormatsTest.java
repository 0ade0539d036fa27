package dev.tideline.api.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideline.api.TidelineVersion;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatsTest {
    @TempDir Path base;

    @Test
    void textIsCompilerStyleWithExcerptLocksFixAndSummary() throws Exception {
        String text = ReportFixtures.render(Format.TEXT, ReportFixtures.report(base));
        List<String> lines = text.lines().toList();
        assertEquals("db/migrations/logo.png: error binary-file not a text file", lines.get(0));
        assertEquals("db/migrations/V4__index orders.sql:3:1: error create-index-non-concurrent "
                + "CREATE INDEX takes SHARE on orders: writes wait until the build ends", lines.get(1));
        assertEquals("    | CREATE INDEX orders_customer_idx", lines.get(2));
        assertEquals("    |     ON orders (customer_id)", lines.get(3));
        assertEquals("    locks: orders SHARE (blocks writes)", lines.get(4));
        assertEquals("    fix: CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx", lines.get(5));
        assertEquals("             ON orders (customer_id);", lines.get(6));
        assertTrue(lines.get(7).startsWith("db/migrations/V4__index orders.sql:6:1: warning unbatched-backfill "));
        assertEquals("1 file, 3 statements (1 not understood): 1 error, 1 warning, 1 input error, 2 known in baseline",
                lines.get(lines.size() - 1));
        assertFalse(text.contains("\u001b["), "no colour when not asked");
    }

    @Test
    void textColoursOnlyWhenAskedAndNeutralisesControlCharacters() throws Exception {
        StringWriter out = new StringWriter();
        Format.TEXT.writer(true).write(ReportFixtures.report(base), out);
        assertTrue(out.toString().contains("\u001b[31merror\u001b[0m"));
        assertEquals("DROP\\x1b[2J TABLE x", LintReport.printable("DROP\u001b[2J TABLE x"));
        assertEquals("a\nb", LintReport.printable("a\r\nb"));
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportFixtures.render(Format.JSON, ReportFixtures.report(base)));
        assertEquals(List.of("summary", "findings", "diagnostics", "tool"), fieldNames(json));
        assertEquals(List.of("name", "version", "commit"), fieldNames(json.get("tool")));
        assertEquals(TidelineVersion.current().version(), json.at("/tool/version").asText());
        assertTrue(json.at("/tool/version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), json.get("tool").toString());
        assertEquals(List.of("files", "statements", "unparsed", "errors", "warnings"), fieldNames(json.get("summary")));
        assertEquals("{\"files\":1,\"statements\":3,\"unparsed\":1,\"errors\":1,\"warnings\":1}",
                json.get("summary").toString());
        JsonNode first = json.get("findings").get(0);
        assertEquals(List.of("rule", "severity", "category", "file", "line", "column", "message", "statement", "locks",
                "fix"), fieldNames(first));
        assertEquals("create-index-non-concurrent", first.get("rule").asText());
        assertEquals("error", first.get("severity").asText());
        assertEquals("locking", first.get("category").asText());
        assertEquals("db/migrations/V4__index orders.sql", first.get("file").asText());
        assertEquals(3, first.get("line").asInt());
        assertEquals(ReportFixtures.INDEX_SQL, first.get("statement").asText());
        assertEquals("{\"table\":\"orders\",\"mode\":\"SHARE\",\"blocks\":[\"writes\"]}", first.get("locks").get(0).toString());
        assertTrue(json.get("findings").get(1).get("fix").isNull());
        assertEquals("binary-file", json.get("diagnostics").get(0).get("code").asText());
    }

    private static final Pattern ANNOTATION =
            Pattern.compile("^::(error|warning|notice) file=([^,:]+)(,line=(\\d+))?(,col=(\\d+))?,title=([^,:]+)::(.*)$");

    @Test
    void githubAnnotationsFollowTheWorkflowCommandSyntax() throws Exception {
        String out = ReportFixtures.render(Format.GITHUB, ReportFixtures.report(base));
        List<String> lines = out.lines().toList();
        assertEquals(4, lines.size(), out);
        for (String line : lines.subList(0, 3)) assertTrue(ANNOTATION.matcher(line).matches(), line);
        Matcher error = ANNOTATION.matcher(lines.get(1));
        assertTrue(error.matches());
        assertEquals("error", error.group(1));
        assertEquals("db/migrations/V4__index orders.sql", error.group(2));
        assertEquals("3", error.group(4));
        assertEquals("1", error.group(6));
        assertEquals("tideline%3A create-index-non-concurrent", error.group(7));
        assertTrue(error.group(8).contains("%0AInstead: CREATE INDEX CONCURRENTLY"), error.group(8));
        Matcher warning = ANNOTATION.matcher(lines.get(2));
        assertTrue(warning.matches());
        assertTrue(warning.group(8).startsWith("UPDATE of all rows, 50%25 slower: <locks>, every | row%0Ain one"));
        assertFalse(lines.get(0).contains(",line="), "file-level diagnostics carry no line");
    }

    @Test
    void markdownEscapesHtmlAndTableSeparatorsAndFencesSql() throws Exception {
        String md = ReportFixtures.render(Format.MARKDOWN, ReportFixtures.report(base));
        assertTrue(md.startsWith("### ❌ tideline: 1 error, 1 warning\n"), md);
        assertTrue(md.contains("| ⚠️ | `unbatched-backfill` | `db/migrations/V4__index orders.sql:6:1` | "
                + "UPDATE of all rows, 50% slower: &lt;locks&gt;, every \\| row in one transaction |"), md);
        String outsideCode = md.replaceAll("(?s)````sql\n.*?\n````", "");
        assertFalse(outsideCode.contains("<b>"), "SQL appears only fenced, never as raw HTML");
        assertTrue(md.contains("````sql\n" + ReportFixtures.UPDATE_SQL + "\n````"), "fence longer than the SQL's ```");
        assertTrue(md.contains("- orders SHARE (blocks writes)"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
