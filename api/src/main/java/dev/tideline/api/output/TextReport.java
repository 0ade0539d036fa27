package dev.tideline.api.output;

import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.rules.Finding;
import dev.tideline.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** Compiler-style lines ({@code file:line:col: severity rule-id message}) with excerpt, locks and fix. */
final class TextReport implements ReportWriter {
    private static final int EXCERPT_LINES = 4;
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String GREEN = "\u001b[32m";

    private final boolean color;

    TextReport(boolean color) {
        this.color = color;
    }

    @Override
    public void write(LintReport report, Writer out) throws IOException {
        for (Diagnostic d : report.diagnostics()) {
            String severity = d.severity().name().toLowerCase(Locale.ROOT);
            // A diagnostic about a whole file or directory has no position (line 0): print none rather than 0:0.
            String at = d.line() > 0 ? ":" + d.line() + ":" + Math.max(1, d.column()) : "";
            out.write(paint(BOLD, LintReport.printableName(report.display(d.file())) + at + ":") + " "
                    + paint(d.severity() == Diagnostic.Severity.ERROR ? RED : d.severity() == Diagnostic.Severity.WARNING ? YELLOW : CYAN, severity) + " "
                    + d.code() + " " + LintReport.printable(d.message()) + "\n");
        }
        for (Finding f : report.findings()) {
            out.write(paint(BOLD, LintReport.printableName(report.display(f.file())) + ":" + f.line() + ":" + f.column() + ":") + " "
                    + paint(severityColor(f.severity()), f.severity().name().toLowerCase(Locale.ROOT)) + " "
                    + paint(CYAN, f.rule()) + " " + LintReport.printable(f.message()) + "\n");
            writeExcerpt(f.statement(), out);
            if (f.locks() != null && !f.locks().isEmpty()) {
                StringBuilder locks = new StringBuilder();
                for (TableLock lock : f.locks()) {
                    if (locks.length() > 0) locks.append("; ");
                    locks.append(LintReport.describe(lock));
                }
                out.write("    " + paint(DIM, "locks:") + " " + locks + "\n");
            }
            if (f.fix() != null && !f.fix().isBlank()) {
                String[] lines = LintReport.printable(f.fix().strip()).split("\n", -1);
                out.write("    " + paint(GREEN, "fix:") + " " + lines[0] + "\n");
                for (int i = 1; i < lines.length; i++) out.write("         " + lines[i] + "\n");
            }
        }
        out.write(summaryLine(report) + "\n");
    }

    private void writeExcerpt(String statement, Writer out) throws IOException {
        if (statement == null || statement.isBlank()) return;
        String[] lines = LintReport.printable(statement).split("\n", -1);
        int shown = Math.min(lines.length, EXCERPT_LINES);
        for (int i = 0; i < shown; i++) out.write("    " + paint(DIM, "|") + " " + lines[i] + "\n");
        if (lines.length > shown) {
            out.write("    " + paint(DIM, "| … " + (lines.length - shown) + " more line" + (lines.length - shown == 1 ? "" : "s")) + "\n");
        }
    }

    static String summaryLine(LintReport report) {
        LintReport.Summary s = report.summary();
        StringBuilder line = new StringBuilder()
                .append(s.files()).append(s.files() == 1 ? " file, " : " files, ")
                .append(s.statements()).append(s.statements() == 1 ? " statement" : " statements");
        if (s.unparsed() > 0) line.append(" (").append(s.unparsed()).append(" not understood)");
        line.append(": ").append(s.errors()).append(s.errors() == 1 ? " error, " : " errors, ")
                .append(s.warnings()).append(s.warnings() == 1 ? " warning" : " warnings");
        long inputErrors = report.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
        if (inputErrors > 0) line.append(", ").append(inputErrors).append(inputErrors == 1 ? " input error" : " input errors");
        int suppressed = report.result().suppressed().size();
        if (suppressed > 0) line.append(", ").append(suppressed).append(" suppressed inline");
        if (report.baselineHidden() > 0) line.append(", ").append(report.baselineHidden()).append(" known in baseline");
        return line.toString();
    }

    private String severityColor(Severity severity) {
        return switch (severity) {
            case ERROR -> RED;
            case WARNING -> YELLOW;
            case INFO -> CYAN;
        };
    }

    private String paint(String ansi, String text) {
        return color ? ansi + text + RESET : text;
    }
}
