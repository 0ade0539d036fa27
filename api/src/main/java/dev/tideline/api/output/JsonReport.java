package dev.tideline.api.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.api.TidelineVersion;
import dev.tideline.rules.Finding;
import dev.tideline.rules.TextEdit;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The stable JSON format documented in docs/json-output.md. Written with Jackson's streaming generator:
 * the key order is the documented one, and start-up stays cheap (no ObjectMapper).
 */
final class JsonReport implements ReportWriter {
    @Override
    public void write(LintReport report, Writer out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();

            LintReport.Summary s = report.summary();
            json.writeObjectFieldStart("summary");
            json.writeNumberField("files", s.files());
            json.writeNumberField("statements", s.statements());
            json.writeNumberField("unparsed", s.unparsed());
            json.writeNumberField("errors", s.errors());
            json.writeNumberField("warnings", s.warnings());
            json.writeEndObject();

            json.writeArrayFieldStart("findings");
            for (Finding f : report.findings()) writeFinding(report, f, json);
            json.writeEndArray();

            json.writeArrayFieldStart("diagnostics");
            for (Diagnostic d : report.diagnostics()) {
                json.writeStartObject();
                json.writeStringField("file", report.display(d.file()));
                json.writeNumberField("line", d.line());
                json.writeNumberField("column", d.column());
                json.writeStringField("severity", d.severity().name().toLowerCase(Locale.ROOT));
                json.writeStringField("code", d.code());
                json.writeStringField("message", d.message());
                json.writeEndObject();
            }
            json.writeEndArray();

            TidelineVersion version = TidelineVersion.current();
            json.writeObjectFieldStart("tool");
            json.writeStringField("name", "tideline");
            json.writeStringField("version", version.version());
            json.writeStringField("commit", version.commit());
            json.writeEndObject();

            json.writeEndObject();
        }
        out.write("\n");
    }

    private static void writeFinding(LintReport report, Finding f, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("rule", f.rule());
        json.writeStringField("severity", f.severity().name().toLowerCase(Locale.ROOT));
        json.writeStringField("category", f.category().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        json.writeStringField("file", report.display(f.file()));
        json.writeNumberField("line", f.line());
        json.writeNumberField("column", f.column());
        json.writeStringField("message", f.message());
        json.writeStringField("statement", f.statement());
        json.writeArrayFieldStart("locks");
        if (f.locks() != null) {
            for (TableLock lock : f.locks()) {
                json.writeStartObject();
                json.writeStringField("table", lock.table().toString());
                json.writeStringField("mode", lock.mode().sql());
                json.writeArrayFieldStart("blocks");
                for (String blocked : LintReport.blocks(lock)) json.writeString(blocked);
                json.writeEndArray();
                json.writeEndObject();
            }
        }
        json.writeEndArray();
        json.writeStringField("fix", f.fix());
        if (f.textFix() != null) {
            json.writeObjectFieldStart("edits");
            json.writeStringField("title", f.textFix().title());
            json.writeArrayFieldStart("changes");
            for (TextEdit e : f.textFix().edits()) {
                json.writeStartObject();
                json.writeStringField("file", report.display(e.file()));
                if (e.creates()) json.writeBooleanField("createsFile", true);
                json.writeNumberField("line", e.line());
                json.writeNumberField("column", e.column());
                json.writeNumberField("endLine", e.endLine());
                json.writeNumberField("endColumn", e.endColumn());
                json.writeStringField("replacement", e.replacement());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndObject();
    }
}
