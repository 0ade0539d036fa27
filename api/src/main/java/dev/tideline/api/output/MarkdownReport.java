package dev.tideline.api.output;

import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.rules.Finding;
import dev.tideline.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** A pull-request comment: a summary, one table row per finding, then the statements and fixes folded. */
final class MarkdownReport implements ReportWriter {
    @Override
    public void write(LintReport report, Writer out) throws IOException {
        LintReport.Summary s = report.summary();
        String verdict = s.errors() > 0 || report.hasInputErrors() ? "❌" : s.warnings() > 0 ? "⚠️" : "✅";
        out.write("### " + verdict + " tideline: " + s.errors() + plural(s.errors(), " error") + ", "
                + s.warnings() + plural(s.warnings(), " warning") + "\n\n");
        out.write(cell(TextReport.summaryLine(report)) + ".\n\n");

        if (!report.diagnostics().isEmpty()) {
            out.write("**Input tideline could not fully analyse:**\n\n");
            for (Diagnostic d : report.diagnostics()) {
                out.write("- `" + code(location(report.display(d.file()), d.line(), d.column())) + "` "
                        + d.severity().name().toLowerCase(Locale.ROOT) + " " + cell(d.code()) + ": " + cell(d.message()) + "\n");
            }
            out.write("\n");
        }
        if (report.findings().isEmpty()) return;

        out.write("| | Rule | Where | What |\n|---|---|---|---|\n");
        for (Finding f : report.findings()) {
            out.write("| " + icon(f.severity()) + " | `" + code(f.rule()) + "` | `"
                    + code(location(report.display(f.file()), f.line(), f.column())) + "` | " + cell(f.message()) + " |\n");
        }
        out.write("\n");

        for (Finding f : report.findings()) {
            out.write("<details><summary>" + icon(f.severity()) + " <code>" + html(f.rule()) + "</code> at <code>"
                    + html(location(report.display(f.file()), f.line(), f.column())) + "</code></summary>\n\n");
            if (f.statement() != null) out.write(fenced("sql", f.statement()));
            if (f.locks() != null && !f.locks().isEmpty()) {
                out.write("Locks:\n");
                for (TableLock lock : f.locks()) out.write("- " + cell(LintReport.describe(lock)) + "\n");
                out.write("\n");
            }
            if (f.fix() != null) out.write("Instead:\n\n" + fenced("", f.fix()));
            out.write("</details>\n\n");
        }
    }

    private static String location(String file, int line, int column) {
        return line > 0 ? file + ":" + line + ":" + Math.max(1, column) : file;
    }

    private static String icon(Severity severity) {
        return switch (severity) {
            case ERROR -> "❌";
            case WARNING -> "⚠️";
            case INFO -> "ℹ️";
        };
    }

    private static String plural(long n, String word) {
        return n == 1 ? word : word + "s";
    }

    /** A code block whose fence is longer than any backtick run inside, so SQL cannot close it early. */
    static String fenced(String language, String text) {
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + language + "\n" + text.strip() + "\n" + fence + "\n\n";
    }

    /** Table-cell and inline text: no HTML, no line breaks, no column separators. */
    static String cell(String text) {
        return html(text).replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }

    /** Inside a code span only the backtick and the cell separator matter. */
    private static String code(String text) {
        return text.replace("`", "'").replace("|", "\\|").replace("\n", " ");
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
