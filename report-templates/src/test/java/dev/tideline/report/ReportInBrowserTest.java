package dev.tideline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shop report loads in headless Chromium with no console errors, and its own script runs under the CSP. */
class ReportInBrowserTest {
    @Test
    void loadsCleanlyAndItsScriptRuns() throws Exception {
        Chromium.require();
        Path html = Path.of("target/report-shop.html");
        try (Writer out = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
            new ReportRenderer().html(ShopFixture.shop().input("shop/"), out);
        }
        Chromium.Load load = Chromium.dumpDom(html);
        assertEquals(List.of(), load.consoleProblems(), "console errors or CSP refusals");
        assertTrue(load.dom().contains("Dangerous"), "page rendered");
        assertTrue(load.dom().contains("<html lang=\"en\" class=\"js\">"), "the report's own script ran under its CSP");
        Chromium.screenshot(html, Path.of("target/report-shop.png"), 1280, 2000);
    }
}
