package dev.tideline.report;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the safety report. HTML is one self-contained page: escaping is on for every value, and a
 * Content-Security-Policy allows only the report's own stylesheet and script (by hash), so even text that
 * escaped escaping could not run. Markdown fits a GitHub PR comment.
 */
public final class ReportRenderer {
    /** GitHub's limit for an issue or pull-request comment body. */
    public static final int MARKDOWN_LIMIT = 65_536;
    private static final String DIR = "dev/tideline/report/";

    private final PebbleEngine htmlEngine = new PebbleEngine.Builder()
            .loader(new ClasspathLoader()).strictVariables(true).autoEscaping(true).defaultEscapingStrategy("html")
            .extension(new Prose()).newLineTrimming(true).build();
    private final PebbleEngine markdownEngine = new PebbleEngine.Builder()
            .loader(new ClasspathLoader()).strictVariables(true).autoEscaping(true)
            .addEscapingStrategy(Markdown.STRATEGY, Markdown.ESCAPING).defaultEscapingStrategy(Markdown.STRATEGY)
            .extension(new Markdown()).newLineTrimming(true).build();
    private final String css = resource("report.css");
    private final String script = resource("report.js");
    private final String tool;

    /** A renderer whose footer names tideline without a version. */
    public ReportRenderer() {
        this("tideline");
    }

    /** @param tool what the footer says generated the report, e.g. {@code tideline 0.1.0 (commit 1a2b3c)} */
    public ReportRenderer(String tool) {
        this.tool = tool;
    }

    /** Streams the HTML report to {@code out}; file and statement sections are built as they are written. */
    public void html(ReportInput input, Writer out) throws IOException {
        Map<String, Object> context = new HashMap<>();
        context.put("r", ReportViewBuilder.build(input));
        // Our own stylesheet and script, never SQL-derived; the CSP admits exactly these bytes.
        context.put("css", new SafeString(css));
        context.put("script", new SafeString(script));
        context.put("styleHash", sha256(css));
        context.put("scriptHash", sha256(script));
        context.put("tool", tool);
        PebbleTemplate template = htmlEngine.getTemplate(DIR + "report.html.peb");
        template.evaluate(out, context);
        out.flush();
    }

    /** The Markdown report, at most {@link #MARKDOWN_LIMIT} characters: detail is dropped level by level to fit. */
    public String markdown(ReportInput input) {
        ReportView view = ReportViewBuilder.build(input);
        MarkdownView md = MarkdownView.of(input.lint(), new Findings(input.lint(), input.docs()));
        for (String level : new String[] {"full", "compact"}) {
            String text = tryMarkdown(view, md, level, md.findingCount());
            if (text != null) return text;
        }
        for (int rows = Math.min(md.findingCount(), 500); ; rows /= 2) {
            String text = tryMarkdown(view, md, "summary", rows);
            if (text != null || rows == 0) {
                if (text == null) throw new IllegalStateException("markdown summary exceeds " + MARKDOWN_LIMIT);
                return text;
            }
        }
    }

    private String tryMarkdown(ReportView view, MarkdownView md, String level, int rows) {
        Map<String, Object> context = new HashMap<>();
        context.put("r", view);
        context.put("md", md);
        context.put("level", level);
        context.put("items", md.first(rows));
        context.put("notListed", md.findingCount() - Math.min(rows, md.findingCount()));
        LimitedWriter out = new LimitedWriter(MARKDOWN_LIMIT);
        try {
            markdownEngine.getTemplate(DIR + "report.md.peb").evaluate(out, context);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof LimitedWriter.Overflow) return null;
            throw e;
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ReportRenderer.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) throw new IllegalStateException("missing report resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
