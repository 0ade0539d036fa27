package dev.tideline.report;

import static dev.tideline.analyzer.model.LockMode.ACCESS_EXCLUSIVE;
import static dev.tideline.report.Fixture.lock;
import static dev.tideline.report.Fixture.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.rules.Category;
import dev.tideline.rules.Severity;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SQL written to attack the report: every payload tries to run script that changes document.title or marks the
 * body. Loaded in Chromium, the page must show the payloads as text, build no element from them, and keep its title.
 */
public class HostileInputTest {
    public static final String SCRIPT = "<script>document.title='PWNED';document.body.setAttribute('data-pwned','1')</script>";
    public static final String STYLE_BREAK = "</style><script>document.title='PWNED'</script>";
    public static final String TITLE_BREAK = "</title><script>document.title='PWNED'</script>";
    public static final String IMG = "<img src=x onerror=\"document.title='PWNED'\">";
    public static final String QUOTES = "\"><svg onload=\"document.title='PWNED'\"><a href='javascript:document.title=1'>x</a>";
    public static final String JS_URL = "javascript:document.title='PWNED'";
    public static final String CDATA = "]]><script>document.title='PWNED'</script><!--";
    public static final String PRE_ESCAPED = "&lt;b&gt;kept&lt;/b&gt;";
    /** A real element (DOM dumps escape '<' in text and attribute values) with an on* or javascript: attribute. */
    public static final Pattern ELEMENT_WITH_HANDLER_OR_JS_URL = Pattern.compile(
            "<[a-zA-Z][\\w-]*(\\s+[\\w-]+(=\"[^\"]*\")?)*\\s+(on\\w+=|(href|src)=\"\\s*javascript:)");
    public static final List<String> ALL = List.of(SCRIPT, STYLE_BREAK, TITLE_BREAK, IMG, QUOTES, JS_URL, CDATA, PRE_ESCAPED);

    static ReportInput hostile() {
        String table = "\"" + SCRIPT + "\"";
        String sql = "-- " + SCRIPT + "\n"
                + "/* " + STYLE_BREAK + " */\n"
                + "ALTER TABLE \"" + TITLE_BREAK + "\" ADD COLUMN \"" + IMG + "\" text DEFAULT '" + QUOTES.replace("'", "''") + "'\n"
                + "-- " + JS_URL + " " + CDATA + " " + PRE_ESCAPED;
        Fixture fx = new Fixture();
        fx.file("hostile/V1__" + TITLE_BREAK.replace('/', '_') + ".sql", Runner.FLYWAY)
                .statement(sql, new TxContext(TxContext.Source.RUNNER, 0),
                        op(new Operation.RenameTable(TableRef.of(table), QUOTES), true, true, lock(table, ACCESS_EXCLUSIVE)))
                .finding("rule-" + QUOTES, Severity.ERROR, Category.LOCKING, 2, 13, "message " + SCRIPT + IMG, "fix " + STYLE_BREAK)
                .suppressed("drop-table", Severity.ERROR, Category.DESTRUCTIVE, "gone " + CDATA, "reason " + QUOTES + JS_URL)
                .done()
                .diagnostic("hostile/" + IMG, 3, "bad-" + SCRIPT, "problem " + TITLE_BREAK);
        PlanView plan = new PlanView(List.of(new PlanView.Release(1, "app " + SCRIPT, "gate " + IMG,
                List.of(new PlanView.Step("expand", "SELECT '" + STYLE_BREAK + "'", List.of("lock " + QUOTES),
                        "reason " + CDATA, true)))));
        RuleDocs docs = id -> Optional.of(new RuleDocs.RuleDoc("sum " + IMG, "why " + SCRIPT, "instead " + QUOTES, "safe " + STYLE_BREAK));
        return new ReportInput("scope " + TITLE_BREAK, fx.lint(), docs, plan, List.of(new TableStats(table, 5, 8192)));
    }

    @Test
    void payloadsStayTextInTheHtmlSource() throws Exception {
        String html = ReportRendererTest.html(new ReportRenderer(), hostile());
        for (String payload : ALL) assertFalse(html.contains(payload), "raw payload in the page: " + payload);
        assertEquals(1, count(html, "<script"), "only the report's own script element");
        assertEquals(1, count(html, "</style"), "only the report's own style end");
        for (String tag : List.of("<img", "<svg onload", "<a href='", "<!--", "]]>")) assertFalse(html.contains(tag), tag);
        assertTrue(html.contains("&lt;script&gt;document.title="), "payload shown as text");
        assertTrue(html.contains("&amp;lt;b&amp;gt;kept"), "already-escaped text is escaped again, shown as typed");
        assertFalse(Pattern.compile("(?i)(href|src)\\s*=\\s*[\"']?\\s*javascript:").matcher(html).find(), "no javascript: URL in an attribute");
    }

    @Test
    void noScriptFromTheInputRunsInChromium() throws Exception {
        Chromium.require();
        Path page = Path.of("target/report-hostile.html");
        try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            new ReportRenderer().html(hostile(), out);
        }
        Chromium.Load load = Chromium.dumpDom(page);
        String dom = load.dom();
        assertTrue(dom.contains("<title>tideline safety report · scope &lt;/title&gt;&lt;script&gt;"), "title unchanged, payload as text");
        assertFalse(dom.contains("PWNED</title>") || dom.contains("<title>PWNED"), "no payload set the title");
        assertFalse(dom.contains("data-pwned=\""), "no payload touched the body");
        assertEquals(1, count(dom, "<script"), "no script element built from the input");
        assertEquals(0, count(dom, "<img"), "no img element built from the input");
        assertFalse(ELEMENT_WITH_HANDLER_OR_JS_URL.matcher(dom).find(), "no event handler or javascript: URL attribute");
        assertTrue(dom.contains("&lt;img src=x onerror=\"document.title='PWNED'\"&gt;"), "img payload shown as text");
        assertTrue(dom.contains("<html lang=\"en\" class=\"js\">"), "the report's own script still ran");
        assertEquals(List.of(), load.consoleProblems(), "no console errors and no CSP refusals");
    }

    @Test
    void payloadsStayTextInTheMarkdownComment() {
        String md = new ReportRenderer().markdown(hostile());
        // Raw HTML may only appear inside code, never in the comment's prose or tables ("\\<" is an escaped "<").
        assertFalse(Pattern.compile("(?<!\\\\)<(script|img|svg|a |!--)").matcher(outsideFences(md)).find(), md);
        assertTrue(md.contains("\\<script\\>document.title="), "payload escaped as text");
        assertFalse(outsideFences(md).contains("[x]("), "no link syntax");
    }

    @Test
    void backticksInSqlCannotCloseTheFence() {
        Fixture fx = new Fixture();
        fx.file("V1__ticks.sql", Runner.PLAIN)
                .statement("SELECT '```\n</details>\n<script>x</script>\n````'", TxContext.AUTOCOMMIT,
                        op(new Operation.Dml(Operation.DmlKind.SELECT, null, false), false, false))
                .finding("some-rule", Severity.WARNING, Category.ROBUSTNESS, 0, 1, "m", null)
                .done();
        String md = new ReportRenderer().markdown(fx.input("."));
        assertTrue(md.contains("`````\nSELECT '```"), "fence longer than the longest backtick run:\n" + md);
        assertFalse(Pattern.compile("(?<!\\\\)<script").matcher(outsideFences(md)).find(), md);
    }

    /** The text with fenced blocks and code spans removed: what GitHub would parse as Markdown and HTML. */
    private static String outsideFences(String md) {
        return withoutFences(md).replaceAll("(`+)(?!`).*?(?<!`)\\1(?!`)", "");
    }

    private static String withoutFences(String md) {
        StringBuilder out = new StringBuilder();
        String fence = null;
        for (String line : md.split("\n", -1)) {
            if (fence == null && line.matches("`{3,}")) {
                fence = line;
            } else if (fence != null && line.equals(fence)) {
                fence = null;
            } else if (fence == null) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** The harness can fail: an unescaped payload does change the title, and its errors do reach the log. */
    @Test
    void harnessDetectsAScriptThatRunsAndConsoleErrors() throws Exception {
        Chromium.require();
        Path page = Path.of("target/control-unescaped.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><title>control</title></head><body>" + SCRIPT + IMG
                + "<script>console.error('control-error'); undefinedFunction();</script></body></html>");
        Chromium.Load load = Chromium.dumpDom(page);
        assertTrue(load.dom().contains("<title>PWNED</title>") && load.dom().contains("data-pwned=\"1\""), load.dom());
        assertTrue(ELEMENT_WITH_HANDLER_OR_JS_URL.matcher(load.dom()).find(), "handler attribute detected");
        assertEquals(2, load.consoleProblems().size(), String.join("\n", load.consoleProblems()));
    }

    public static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
