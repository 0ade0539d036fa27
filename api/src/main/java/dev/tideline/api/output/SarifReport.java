package dev.tideline.api.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.api.TidelineVersion;
import dev.tideline.rules.Finding;
import dev.tideline.rules.TextEdit;
import dev.tideline.rules.TextFix;
import dev.tideline.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Paths are relative to %SRCROOT% (the
 * directory tideline ran in), as code scanning expects repository-relative locations.
 */
final class SarifReport implements ReportWriter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final String INFORMATION_URI = "https://github.com/tideline-dev/tideline";

    @Override
    public void write(LintReport report, Writer out) throws IOException {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Finding f : report.findings()) ruleIndex.putIfAbsent(f.rule(), ruleIndex.size());

        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();

            writeTool(report, ruleIndex, json);
            writeInvocation(report, json);
            if (report.baseDir() != null) {
                json.writeObjectFieldStart("originalUriBaseIds");
                json.writeObjectFieldStart("%SRCROOT%");
                String base = report.baseDir().toAbsolutePath().normalize().toUri().toString();
                json.writeStringField("uri", base.endsWith("/") ? base : base + "/");
                json.writeEndObject();
                json.writeEndObject();
            }

            json.writeArrayFieldStart("results");
            for (Finding f : report.findings()) {
                json.writeStartObject();
                json.writeStringField("ruleId", f.rule());
                json.writeNumberField("ruleIndex", ruleIndex.get(f.rule()));
                json.writeStringField("level", level(f.severity()));
                json.writeObjectFieldStart("message");
                json.writeStringField("text", f.fix() == null ? f.message() : f.message() + "\n\nInstead: " + f.fix());
                json.writeEndObject();
                json.writeArrayFieldStart("locations");
                writeLocation(report, f, json);
                json.writeEndArray();
                if (f.textFix() != null) writeFix(report, f.textFix(), json);
                json.writeEndObject();
            }
            json.writeEndArray();

            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write("\n");
    }

    private static void writeTool(LintReport report, Map<String, Integer> ruleIndex, JsonGenerator json)
            throws IOException {
        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", "tideline");
        json.writeStringField("semanticVersion", TidelineVersion.current().version());
        json.writeStringField("informationUri", INFORMATION_URI);
        json.writeArrayFieldStart("rules");
        for (String id : ruleIndex.keySet()) {
            Finding example = report.findings().stream().filter(f -> f.rule().equals(id)).findFirst().orElseThrow();
            Optional<LintReport.RuleDoc> doc = report.rules().apply(id);
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeObjectFieldStart("shortDescription");
            json.writeStringField("text", doc.map(LintReport.RuleDoc::summary).orElse(id));
            json.writeEndObject();
            if (doc.isPresent() && doc.get().markdown() != null) {
                json.writeObjectFieldStart("help");
                json.writeStringField("text", doc.get().markdown());
                json.writeStringField("markdown", doc.get().markdown());
                json.writeEndObject();
            }
            json.writeObjectFieldStart("defaultConfiguration");
            json.writeStringField("level", level(example.severity()));
            json.writeEndObject();
            json.writeObjectFieldStart("properties");
            json.writeArrayFieldStart("tags");
            json.writeString(example.category().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Input problems are tool notifications: visible in viewers, not mistaken for findings. */
    private static void writeInvocation(LintReport report, JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("invocations");
        json.writeStartObject();
        json.writeBooleanField("executionSuccessful", !report.hasInputErrors());
        json.writeArrayFieldStart("toolExecutionNotifications");
        for (Diagnostic d : report.diagnostics()) {
            json.writeStartObject();
            json.writeObjectFieldStart("descriptor");
            json.writeStringField("id", d.code());
            json.writeEndObject();
            json.writeStringField("level", level(d));
            json.writeObjectFieldStart("message");
            json.writeStringField("text", d.message());
            json.writeEndObject();
            if (d.file() != null) {
                json.writeArrayFieldStart("locations");
                json.writeStartObject();
                json.writeObjectFieldStart("physicalLocation");
                writeArtifact(report, d.file(), json);
                if (d.line() > 0) {
                    json.writeObjectFieldStart("region");
                    json.writeNumberField("startLine", d.line());
                    if (d.column() > 0) json.writeNumberField("startColumn", d.column());
                    json.writeEndObject();
                }
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
    }

    private static void writeLocation(LintReport report, Finding f, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("physicalLocation");
        writeArtifact(report, f.file(), json);
        json.writeObjectFieldStart("region");
        json.writeNumberField("startLine", Math.max(1, f.line()));
        json.writeNumberField("startColumn", Math.max(1, f.column()));
        int[] end = LintReport.end(f);
        json.writeNumberField("endLine", Math.max(Math.max(1, f.line()), end[0]));
        json.writeNumberField("endColumn", Math.max(1, end[1]));
        if (f.statement() != null) {
            json.writeObjectFieldStart("snippet");
            json.writeStringField("text", f.statement());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    /** The finding's text edits as a SARIF fix: one artifactChange per file, in the order the fix names them. */
    private static void writeFix(LintReport report, TextFix fix, JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("fixes");
        json.writeStartObject();
        json.writeObjectFieldStart("description");
        json.writeStringField("text", fix.title());
        json.writeEndObject();
        json.writeArrayFieldStart("artifactChanges");
        Map<java.nio.file.Path, List<TextEdit>> byFile = new LinkedHashMap<>();
        for (TextEdit e : fix.edits()) byFile.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(e);
        for (Map.Entry<java.nio.file.Path, List<TextEdit>> file : byFile.entrySet()) {
            json.writeStartObject();
            writeArtifact(report, file.getKey(), json);
            json.writeArrayFieldStart("replacements");
            for (TextEdit e : file.getValue()) {
                json.writeStartObject();
                json.writeObjectFieldStart("deletedRegion");
                json.writeNumberField("startLine", e.line());
                json.writeNumberField("startColumn", e.column());
                json.writeNumberField("endLine", e.endLine());
                json.writeNumberField("endColumn", e.endColumn());
                json.writeEndObject();
                json.writeObjectFieldStart("insertedContent");
                json.writeStringField("text", e.replacement());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
    }

    private static void writeArtifact(LintReport report, java.nio.file.Path file, JsonGenerator json)
            throws IOException {
        json.writeObjectFieldStart("artifactLocation");
        String shown = report.display(file);
        boolean relative = !shown.startsWith("/");
        json.writeStringField("uri", relative ? uriPath(shown) : file.toUri().toString());
        if (relative && report.baseDir() != null) json.writeStringField("uriBaseId", "%SRCROOT%");
        json.writeEndObject();
    }

    /** A relative path as a URI reference: each segment percent-encoded where URIs need it. */
    static String uriPath(String path) {
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
            return path.replace("%", "%25").replace(" ", "%20");
        }
    }

    private static String level(Diagnostic d) {
        return switch (d.severity().name()) {
            case "ERROR" -> "error";
            case "WARNING" -> "warning";
            default -> "note";
        };
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
