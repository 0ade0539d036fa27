package dev.tideline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.rules.plan.Phase;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Release;
import dev.tideline.rules.plan.Step;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportRendererTest {
    private final ReportRenderer renderer = new ReportRenderer();

    static String html(ReportRenderer renderer, ReportInput input) throws IOException {
        StringWriter out = new StringWriter();
        renderer.html(input, out);
        return out.toString();
    }

    @Test
    void ruleDocsKeepTheirCodeAndBoldButNothingElseBecomesMarkup() {
        assertEquals("use <code>SET x = &#39;&lt;b&gt;&#39;</code> and <b>never</b> &lt;script&gt;&#36;1",
                Prose.html("use `SET x = '<b>'` and **never** <script>$1"));
        assertEquals("<code>&lt;img src=x onerror=alert(1)&gt;</code>", Prose.html("`<img src=x onerror=alert(1)>`"));
    }

    @Test
    void planReleasesShowTheirSqlAppChangeAndGateWithNotesCollapsed() throws Exception {
        Step expand = new Step(Phase.EXPAND, "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);",
                List.of("SHARE UPDATE EXCLUSIVE on orders"), "builds without blocking writes", true, false, null);
        Step contract = new Step(Phase.CONTRACT, "ALTER TABLE orders DROP COLUMN legacy;", List.of("ACCESS EXCLUSIVE on orders"),
                "once no release reads it", true, true, null);
        Plan plan = new Plan(List.of(new Release(1, "Stop reading orders.legacy.", "Release 1 deployed everywhere.", List.of(expand)),
                new Release(2, "No application change.", "Done.", List.of(contract))), List.of("V9.sql:3: not planned yet: Dml"), List.of());
        Fixture fx = ShopFixture.shop();
        ReportInput input = fx.input("shop/");
        String html = html(new ReportRenderer(), new ReportInput(input.scope(), input.lint(), input.docs(), PlanView.of(plan), List.of()));
        String section = html.substring(html.indexOf("id=\"plan\""), html.indexOf("</section>", html.indexOf("id=\"plan\"")));
        assertTrue(section.contains("<h3>Release 1</h3>") && section.contains("<h3>Release 2</h3>"), section);
        assertTrue(section.contains("Stop reading orders.legacy.") && section.contains("Release 1 deployed everywhere."), section);
        assertTrue(section.contains("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);"), section);
        assertTrue(section.contains("outside a transaction"), "the CONCURRENTLY step must run outside a transaction");
        assertEquals(1, section.split("outside a transaction", -1).length - 1, "only that step");
        assertTrue(section.contains("<details class=\"plan-notes\"><summary>Planner notes (1)</summary>"), section);
        assertNull(PlanView.of(new Plan(List.of(), List.of(), List.of())), "no section for an empty plan");
    }

    @Test
    void findingsOverviewListsTheMostSevereFirst() throws Exception {
        String html = html(new ReportRenderer(), ShopFixture.shop().input("shop/"));
        int start = html.indexOf("<table class=\"findings\">");
        String table = html.substring(start, html.indexOf("</table>", start));
        int firstWarning = table.indexOf("badge warning");
        assertTrue(firstWarning > 0, table);
        assertTrue(table.lastIndexOf("badge error") < firstWarning, "every error row before the first warning: " + table);
    }

    @Test
    void verdictAndCountsLeadTheReport() throws Exception {
        String html = html(renderer, ShopFixture.shop().input("shop/"));
        int verdict = html.indexOf("verdict-label\">Dangerous<");
        assertTrue(verdict > 0, "dangerous verdict shown");
        assertTrue(verdict < html.indexOf("id=\"f1\""), "verdict comes before the files");
        assertTrue(html.contains("<b>3</b><span>errors</span>"), "three error findings counted");
        assertTrue(html.contains("<b>2</b><span>warnings</span>"), "two warnings counted");
        assertTrue(html.contains("<b>1</b><span>suppressed</span>"), "one suppression counted");
        assertTrue(html.contains("<td>Locks and rewrites on existing tables</td><td class=\"n\">4</td>"));
        assertTrue(html.contains("<td>Breaks the running release</td><td class=\"n\">1</td>"));
    }

    @Test
    void statementsShowLocksFindingsDocsAndSuppressions() throws Exception {
        String html = html(renderer, ShopFixture.shop().input("shop/"));
        assertTrue(html.contains("<span class=\"chip m-share\">SHARE</span></td><td class=\"no\">no</td><td class=\"yes\">yes</td>"),
                "SHARE blocks writes, not reads");
        assertTrue(html.contains("why create-index-non-concurrent is dangerous"), "rule docs shown");
        assertTrue(html.contains("Suppressed: legacy_flag unused since release 9"), "suppression reason shown");
        assertTrue(html.contains("VACUUM options not modelled"), "unparsed statement explained");
        assertTrue(html.contains("<mark title=\"add-foreign-key-validating\">FOREIGN KEY (refund_id) REFERENCES refunds (id)</mark>"),
                "finding span highlighted from its column");
        assertTrue(html.contains("end of transaction (statement 4)"), "runner transaction holds locks until its end");
        assertFalse(html.contains("V1__create_orders"), "replayed files are not reported");
        assertTrue(html.contains("1 earlier file replayed"), "but their replay is mentioned");
    }

    @Test
    void timelineHoldsLocksUntilTheTransactionEnds() throws Exception {
        String html = html(renderer, ShopFixture.shop().input("shop/"));
        // V11: payments takes ACCESS EXCLUSIVE at statement 2 and keeps it to the end of the runner transaction (4).
        assertTrue(html.contains("<title>payments: ACCESS EXCLUSIVE from statement 2 to 4 — blocks reads and writes</title>"), html);
        // The new refunds table is not drawn; the referenced orders table is.
        assertTrue(html.contains("<title>orders: SHARE ROW EXCLUSIVE from statement 1 to 4 — blocks writes</title>"));
        assertFalse(html.contains("<title>refunds: ACCESS EXCLUSIVE"));
    }

    @Test
    void selfContainedWithAContentSecurityPolicyMatchingItsOwnScriptAndStyle() throws Exception {
        String html = html(renderer, ShopFixture.shop().input("shop/"));
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("src="), "no external reference");
        Matcher csp = Pattern.compile("content=\"default-src 'none'; style-src '(sha256-[^']+)'; script-src '(sha256-[^']+)';")
                .matcher(html);
        assertTrue(csp.find(), "CSP meta present");
        assertEquals(csp.group(1), sha256(between(html, "<style>", "</style>")));
        assertEquals(csp.group(2), sha256(between(html, "<script>", "</script>")));
        assertEquals(1, html.split("<script", -1).length - 1, "exactly one script element");
    }

    @Test
    void markdownFitsACommentAndKeepsTheVerdict() {
        String md = renderer.markdown(ShopFixture.shop().input("shop/"));
        assertTrue(md.startsWith("## 🔴 tideline: Dangerous"), md);
        assertTrue(md.contains("| error | 9 | `add-foreign-key-validating` |"), md);
        assertTrue(md.contains("- `drop-column` at line 3 — legacy\\_flag unused since release 9"), md);
        assertTrue(md.length() <= ReportRenderer.MARKDOWN_LIMIT);
    }

    static String between(String text, String open, String close) {
        int from = text.indexOf(open) + open.length();
        return text.substring(from, text.indexOf(close, from));
    }

    static String sha256(String text) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
