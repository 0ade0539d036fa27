package dev.tideline.api.output;

import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.rules.Finding;
import java.io.IOException;
import java.io.Writer;

/**
 * GitHub Actions workflow commands ({@code ::error file=…,line=…,col=…,title=…::message}): each finding
 * becomes an annotation on the pull request's diff. Escaping follows the Actions toolkit (issueCommand).
 */
final class GithubReport implements ReportWriter {
    @Override
    public void write(LintReport report, Writer out) throws IOException {
        for (Diagnostic d : report.diagnostics()) {
            String command = switch (d.severity().name()) {
                case "ERROR" -> "error";
                case "WARNING" -> "warning";
                default -> "notice";
            };
            out.write(annotation(command, report.display(d.file()), d.line(), d.column(),
                    "tideline: " + d.code(), d.message()));
        }
        for (Finding f : report.findings()) {
            String command = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            String message = f.fix() == null ? f.message() : f.message() + "\nInstead: " + f.fix();
            out.write(annotation(command, report.display(f.file()), f.line(), f.column(), "tideline: " + f.rule(), message));
        }
        out.write(TextReport.summaryLine(report) + "\n");
    }

    static String annotation(String command, String file, int line, int column, String title, String message) {
        StringBuilder a = new StringBuilder("::").append(command).append(" file=").append(property(file));
        if (line > 0) a.append(",line=").append(line);
        if (column > 0) a.append(",col=").append(column);
        a.append(",title=").append(property(title)).append("::").append(data(message)).append('\n');
        return a.toString();
    }

    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
