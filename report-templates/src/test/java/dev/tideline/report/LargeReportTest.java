package dev.tideline.report;

import static dev.tideline.report.Fixture.lock;
import static dev.tideline.report.Fixture.op;
import static dev.tideline.report.Fixture.runnerTx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.IndexElement;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.Category;
import dev.tideline.rules.Severity;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Over 2,000 statements: summary first, everything collapsed, output streamed in pieces. */
class LargeReportTest {
    static final int FILES = 5;
    static final int PER_FILE = 520;

    static ReportInput large() {
        Fixture fx = new Fixture();
        for (int f = 0; f < FILES; f++) {
            Fixture.File file = fx.file("big/V" + (f + 1) + "__indexes.sql", Runner.FLYWAY);
            for (int i = 0; i < PER_FILE; i++) {
                String table = "t" + (i % 50);
                file.statement("CREATE INDEX idx_" + f + "_" + i + " ON " + table + " (c" + i + ")", runnerTx(0),
                        op(new Operation.CreateIndex("idx_" + i, TableRef.of(table), List.of(IndexElement.of("c")), false, false, false,
                                null, null, false, ""), false, true, lock(table, LockMode.SHARE)));
                if (i % 3 == 0) {
                    file.finding("create-index-non-concurrent", Severity.ERROR, Category.LOCKING, 0, 1,
                            "CREATE INDEX without CONCURRENTLY blocks writes on " + table, null);
                }
            }
            file.done();
        }
        return fx.input("big/");
    }

    @Test
    void summaryFirstAndEverythingCollapsed() throws Exception {
        StringWriter out = new StringWriter();
        new ReportRenderer().html(large(), out);
        String html = out.toString();
        int statements = FILES * PER_FILE;
        assertTrue(html.indexOf("id=\"summary\"") < html.indexOf("id=\"files\""), "summary before the file index");
        assertTrue(html.indexOf("id=\"files\"") < html.indexOf("<details class=\"file\""), "index before the sections");
        assertTrue(html.contains("Large report (" + statements + " statements)"), "large mode announced");
        assertEquals(FILES, count(html, "<details class=\"file\""));
        assertEquals(statements, count(html, "<details class=\"stmt"));
        assertFalse(Pattern.compile("<details[^>]* open>").matcher(html).find(), "nothing starts open");
        int findings = FILES * ((PER_FILE + 2) / 3);
        assertEquals(ReportViewBuilder.MAX_FINDING_ROWS, count(html, "<tr><td><span class=\"badge error\">error</span></td><td class=\"mono small where\">"),
                "findings overview is capped");
        assertTrue(html.contains((findings - ReportViewBuilder.MAX_FINDING_ROWS) + " more findings are not listed here"));
        assertTrue(html.contains("Lock timeline shows") || html.contains("<svg"), "a timeline per file (520 statements fit)");
    }

    @Test
    void streamsToTheWriterInPieces() throws Exception {
        CountingWriter out = new CountingWriter();
        new ReportRenderer().html(large(), out);
        assertTrue(out.writes > 10_000, "written incrementally, not as one string: " + out.writes + " writes");
        assertTrue(out.chars > 2_000_000, "whole report written: " + out.chars + " chars");
    }

    @Test
    void markdownOfALargeRunStaysUnderTheCommentLimit() {
        String md = new ReportRenderer().markdown(large());
        assertTrue(md.length() <= ReportRenderer.MARKDOWN_LIMIT, "length " + md.length());
        assertTrue(md.contains("> Shortened to fit a GitHub comment"), "says it was shortened");
        Matcher more = Pattern.compile("…and (\\d+) more findings not listed here").matcher(md);
        assertTrue(more.find(), "says how many findings were left out");
        int listed = count(md, "\n- **error** `create-index-non-concurrent`");
        assertEquals(FILES * ((PER_FILE + 2) / 3), listed + Integer.parseInt(more.group(1)), "listed + left out = all");
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    /** Keeps no text: only how much arrived and in how many calls. */
    private static final class CountingWriter extends Writer {
        long chars;
        int writes;

        @Override
        public void write(char[] buf, int off, int len) {
            chars += len;
            writes++;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
