package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.report.Chromium;
import dev.tideline.report.HostileInputTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tideline report} end to end: real samples through the real command, opened in headless Chromium. */
class ReportCommandTest {
    static final Path SAMPLES = RepoRoot.get().resolve("samples");

    @TempDir Path tmp;

    @Test
    void htmlReportOfTheSamplesLoadsCleanlyInChromium() throws Exception {
        Path html = Path.of("target/report-samples.html");
        CliRun run = CliRun.of("report", "-o", html.toString(), SAMPLES.toString());
        CliRun lint = CliRun.of("lint", "--format", "json", SAMPLES.toString());
        assertEquals(lint.code(), run.code(), "same exit status as lint: " + run);
        assertEquals(1, run.code(), run.toString());
        assertFalse(run.hasStackTrace(), run.toString());
        assertEquals("", run.out(), "the report goes to the file, not stdout");
        assertTrue(run.err().startsWith("tideline report: wrote " + html), run.err());

        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("Dangerous"), "verdict");
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            for (Path sql : files.filter(p -> p.toString().endsWith(".up.sql") || p.toString().endsWith("migration.sql")
                    || p.getFileName().toString().startsWith("V")).toList()) {
                assertTrue(page.contains(sql.getFileName().toString()), "every migration file has its section: " + sql);
            }
        }
        assertTrue(page.contains("create-index-non-concurrent") && page.contains("CREATE INDEX CONCURRENTLY"),
                "the finding with its safe SQL");
        assertTrue(page.contains("<svg"), "lock timelines");
        assertTrue(page.contains("<h2>Release plan</h2>") && page.contains("<h3>Release 2</h3>"), "the planner's releases");
        assertFalse(page.contains("src=\"http") || page.contains("href=\"http"), "self-contained: no network resources");

        Chromium.Load load = Chromium.dumpDom(html);
        assertEquals(List.of(), load.consoleProblems(), "console errors or CSP refusals");
        assertTrue(load.dom().contains("<html lang=\"en\" class=\"js\">"), "the report's own script ran under its CSP");
        // docs/report.png is this screenshot, copied once (see README, "Report").
        Chromium.screenshot(html, Path.of("target/report-samples.png"), 1280, 1600);
    }

    @Test
    void singleFileReportHasTheExitStatusOfLint() throws Exception {
        for (String name : List.of("V4__index_orders_by_customer.sql", "V5__index_products_concurrently.sql")) {
            String file = SAMPLES.resolve("flyway-shop").resolve(name).toString();
            Path html = tmp.resolve(name + ".html");
            CliRun run = CliRun.of("report", "-o", html.toString(), file);
            assertEquals(CliRun.of("lint", file).code(), run.code(), run.toString());
            String page = Files.readString(html, StandardCharsets.UTF_8);
            assertTrue(page.contains(name), page.length() + " chars");
            assertTrue(page.contains("1 file ") || page.contains("1 file<"), "one targeted file");
        }
        String md = CliRun.of("report", "--format", "markdown", SAMPLES.resolve("flyway-shop/V4__index_orders_by_customer.sql").toString()).out();
        assertTrue(md.contains(" · 1 file · 1 statement · "), md);
    }

    @Test
    void htmlGoesToTideLineReportHtmlInTheCurrentDirectoryByDefault() throws Exception {
        Process p = new ProcessBuilder(javaCommand("report", SAMPLES.resolve("flyway-shop").toString()))
                .directory(tmp.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), output);
        assertTrue(output.contains("tideline report: wrote tideline-report.html"), output);
        assertTrue(Files.readString(tmp.resolve("tideline-report.html")).startsWith("<!DOCTYPE html>"));
    }

    @Test
    void markdownGoesToStdoutAndFitsAComment() {
        CliRun run = CliRun.of("report", "--format", "markdown", SAMPLES.toString());
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.out().startsWith("## 🔴 tideline: Dangerous"), run.out());
        assertTrue(run.out().length() <= 65_536, "length " + run.out().length());
        assertTrue(run.out().contains("create-index-non-concurrent"));
    }

    @Test
    void markdownOfAHugeMigrationSetIsSummarisedWithinGithubsLimit() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("huge"));
        Files.writeString(dir.resolve("V1__tables.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, a int, b text);\n");
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 2_500; i++) sql.append("CREATE INDEX t_a_").append(i).append(" ON t (a, b);\n");
        Files.writeString(dir.resolve("V2__indexes.sql"), sql);
        CliRun run = CliRun.of("report", "--format", "markdown", dir.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.out().length() <= 65_536, "length " + run.out().length());
        assertTrue(run.out().contains("Shortened to fit a GitHub comment"), run.out().substring(0, 600));
        assertTrue(run.out().contains("2500 error findings"), "the verdict still counts every finding");
    }

    @Test
    void hostileSqlThroughTheCommandStaysText() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("hostile"));
        String table = "\"" + HostileInputTest.TITLE_BREAK + "\"";
        Files.writeString(dir.resolve("V1__create.sql"), "-- " + HostileInputTest.SCRIPT + "\n"
                + "CREATE TABLE " + table + " (id bigint PRIMARY KEY, \"" + HostileInputTest.IMG + "\" text);\n");
        Files.writeString(dir.resolve("V2__attack.sql"), "/* " + HostileInputTest.STYLE_BREAK + " */\n"
                + "CREATE INDEX \"" + HostileInputTest.QUOTES.replace("\"", "\"\"") + "\" ON " + table + " (id);\n"
                + "-- tideline:ignore drop-table " + HostileInputTest.CDATA + " " + HostileInputTest.JS_URL + "\n"
                + "DROP TABLE " + table + ";\n"
                + "SELECT '" + HostileInputTest.PRE_ESCAPED + "', '" + HostileInputTest.SCRIPT.replace("'", "''") + "';\n");
        Path html = tmp.resolve("hostile.html");
        CliRun run = CliRun.of("report", "-o", html.toString(), dir.toString());
        assertEquals(1, run.code(), run.toString());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("create-index-non-concurrent"), "the hostile table got findings");
        assertTrue(page.contains("&lt;/title&gt;&lt;script&gt;"), "identifier shown as text");
        assertEquals(1, HostileInputTest.count(page, "<script"), "only the report's own script element");

        Chromium.Load load = Chromium.dumpDom(html);
        String dom = load.dom();
        assertFalse(dom.contains("PWNED</title>") || dom.contains("<title>PWNED"), "no payload set the title");
        assertFalse(dom.contains("data-pwned=\""), "no payload touched the body");
        assertEquals(1, HostileInputTest.count(dom, "<script"), "no script element built from the input");
        assertEquals(0, HostileInputTest.count(dom, "<img"), "no img element built from the input");
        assertFalse(HostileInputTest.ELEMENT_WITH_HANDLER_OR_JS_URL.matcher(dom).find(), "no handler or javascript: URL");
        assertEquals(List.of(), load.consoleProblems(), "no console errors and no CSP refusals");

        CliRun md = CliRun.of("report", "--format", "markdown", dir.toString());
        assertTrue(md.out().contains("\\<script\\>") || !md.out().contains("<script"), md.out());
    }

    @Test
    void inputProblemsAreInTheReportAndExitTwo() throws Exception {
        Path html = tmp.resolve("r.html");
        CliRun run = CliRun.of("report", "-o", html.toString(), SAMPLES.resolve("flyway-shop/V4__index_orders_by_customer.sql").toString(),
                tmp.resolve("missing.sql").toString());
        assertEquals(2, run.code(), run.toString());
        assertFalse(run.hasStackTrace(), run.toString());
        assertTrue(run.err().contains("missing.sql: error: no such file or directory"), run.err());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("Input problems") && page.contains("missing.sql"), "the problem is in the report");
        assertTrue(page.contains("create-index-non-concurrent"), "the readable file is still reported");
    }

    @Test
    void badOptionsAreOneClearLine() {
        CliRun stats = CliRun.of("report", "--stats", SAMPLES.toString());
        assertEquals(2, stats.code());
        assertEquals("tideline report: --stats needs --db JDBC_URL\n", stats.err());
        CliRun dir = CliRun.of("report", "-o", tmp.resolve("no/such/dir/r.html").toString(), SAMPLES.toString());
        assertEquals(2, dir.code(), dir.toString());
        assertTrue(dir.err().contains("directory does not exist"), dir.err());
        assertFalse(dir.hasStackTrace());
    }

    /** The CLI in a fresh JVM on the test class path, so it can run in another working directory. */
    private static List<String> javaCommand(String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
