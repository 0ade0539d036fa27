package dev.tideline.api.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.rules.Finding;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * GitLab's Code Quality report ({@code artifacts: reports: codequality}): a JSON array of issues with description,
 * check_name, fingerprint, severity and location.path / location.lines.begin. The fingerprint names the rule, the file
 * and the statement's text (not its line), so a finding keeps its identity when lines above it move, and GitLab's merge
 * request widget shows only what a change added or fixed.
 */
final class GitlabReport implements ReportWriter {
    @Override
    public void write(LintReport report, Writer out) throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (Diagnostic d : report.diagnostics()) {
                String path = report.display(d.file());
                issue(json, d.message(), "tideline/" + d.code(), fingerprint(seen, d.code(), path, d.message()),
                        d.severity() == Diagnostic.Severity.ERROR ? "major" : "info", path, d.line());
            }
            for (Finding f : report.findings()) {
                String path = report.display(f.file());
                String description = f.fix() == null ? f.message() : f.message() + " Instead: " + f.fix();
                issue(json, description, f.rule(), fingerprint(seen, f.rule(), path, f.statement()), severity(f), path, f.line());
            }
            json.writeEndArray();
        }
        out.write("\n");
    }

    private static void issue(JsonGenerator json, String description, String check, String fingerprint, String severity,
                              String path, int line) throws IOException {
        json.writeStartObject();
        json.writeStringField("description", description);
        json.writeStringField("check_name", check);
        json.writeStringField("fingerprint", fingerprint);
        json.writeStringField("severity", severity);
        json.writeObjectFieldStart("location");
        json.writeStringField("path", path);
        json.writeObjectFieldStart("lines");
        json.writeNumberField("begin", Math.max(line, 1));
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    /** GitLab's scale is info, minor, major, critical, blocker: an error blocks a deploy of ours, not GitLab's pipeline. */
    private static String severity(Finding f) {
        return switch (f.severity()) {
            case ERROR -> "major";
            case WARNING -> "minor";
            case INFO -> "info";
        };
    }

    /** Rule, file and text, plus an occurrence count so two identical findings in one file stay two. */
    private static String fingerprint(Map<String, Integer> seen, String check, String path, String text) {
        String key = check + "\u0000" + path + "\u0000" + (text == null ? "" : text.strip());
        int occurrence = seen.merge(key, 1, Integer::sum);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((key + "\u0000" + occurrence).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
