package dev.tideline.trace.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tideline.trace.TraceResult;
import dev.tideline.trace.TraceResult.Danger;
import dev.tideline.trace.TraceResult.Lock;
import dev.tideline.trace.TraceResult.TracedFile;
import dev.tideline.trace.TraceResult.TracedStatement;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a trace as text (for people), JSON (documented in docs/trace-json.md) or a self-contained HTML page. */
public final class TraceRenderer {
    private TraceRenderer() {}

    public static String json(TraceResult result) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String html(TraceResult result) {
        ClasspathLoader loader = new ClasspathLoader(TraceRenderer.class.getClassLoader());
        loader.setPrefix("dev/tideline/trace/report");
        PebbleEngine engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true).strictVariables(true)
                .cacheActive(false).build();
        PebbleTemplate template = engine.getTemplate("trace.html.peb");
        StringWriter out = new StringWriter();
        try {
            template.evaluate(out, Map.of("trace", result, "summary", summary(result)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static String text(TraceResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("tideline trace on ").append(r.server()).append(" (").append(r.target()).append(")");
        if (r.rows() > 0) sb.append(", ").append(r.rows()).append(" synthetic rows per table");
        sb.append("\n");
        for (TracedFile f : r.files()) {
            if (!f.traced()) {
                sb.append("  replayed ").append(f.path()).append("\n");
                continue;
            }
            sb.append("\n").append(f.path()).append("\n");
            for (TracedStatement s : f.statements()) appendStatement(sb, s);
        }
        if (!r.notes().isEmpty()) {
            sb.append("\nNotes:\n");
            for (String n : r.notes()) sb.append("  ").append(n).append("\n");
        }
        sb.append("\n").append(summary(r)).append("\n");
        if (r.failure() != null) sb.append("FAILED at ").append(r.failure()).append("\n");
        return sb.toString();
    }

    private static void appendStatement(StringBuilder sb, TracedStatement s) {
        sb.append(String.format(Locale.ROOT, "  %d:%d  %s%n", s.line(), s.column(), firstLine(s.sql())));
        sb.append(String.format(Locale.ROOT, "        %s, transaction %s, %.2f ms%s%n", s.status().name().replace('_', ' '),
                s.transaction(), s.durationMs(), s.observation().equals("sampled") ? ", locks sampled while running" : ""));
        if (s.error() != null) sb.append("        error: ").append(s.error()).append("\n");
        if (!s.observed().locks().isEmpty()) sb.append("        observed:  ").append(observedLocks(s.observed().locks())).append("\n");
        if (!s.predicted().locks().isEmpty()) sb.append("        predicted: ").append(locks(s.predicted().locks())).append("\n");
        if (!s.observed().rewritten().isEmpty() || !s.predicted().rewritten().isEmpty()) {
            sb.append("        rewritten: observed ").append(orNone(s.observed().rewritten()))
                    .append("; predicted ").append(orNone(s.predicted().rewritten())).append("\n");
        }
        for (String d : s.disagreements()) sb.append("        DISAGREES  ").append(d).append("\n");
        for (Danger d : s.dangers()) {
            sb.append("        ").append(d.confirmed() ? "CONFIRMED  " : "unconfirmed ").append(d.rule()).append(": ")
                    .append(d.message()).append("\n");
        }
        for (String n : s.notes()) sb.append("        note: ").append(n).append("\n");
    }

    public static String summary(TraceResult r) {
        int traced = 0, failed = 0, confirmed = 0;
        for (TracedFile f : r.files()) {
            for (TracedStatement s : f.statements()) {
                if (s.status() == TraceResult.Status.ok) traced++;
                if (s.status() == TraceResult.Status.failed) failed++;
                confirmed += (int) s.dangers().stream().filter(Danger::confirmed).count();
            }
        }
        return String.format(Locale.ROOT, "%d statements traced%s, %d disagreement%s with the lock model, "
                        + "%d dangerous finding%s confirmed by observation, %.1f s", traced,
                failed > 0 ? ", " + failed + " failed" : "", r.disagreements(), r.disagreements() == 1 ? "" : "s",
                confirmed, confirmed == 1 ? "" : "s", r.durationMs() / 1000.0);
    }

    private static String locks(List<Lock> locks) {
        return locks.stream().map(l -> l.relation() + (l.kind().equals("table") ? "" : " (" + l.kind() + ")") + " "
                + l.mode() + (l.heldBefore() ? " [held before]" : "")).collect(Collectors.joining(", "));
    }

    /**
     * The table locks this statement took; index locks and locks still held from earlier statements of the
     * transaction are only counted here (the JSON output lists them all), so each line says what is new.
     */
    private static String observedLocks(List<Lock> locks) {
        List<Lock> taken = locks.stream().filter(l -> !l.heldBefore() && l.kind().equals("table")).toList();
        long other = locks.stream().filter(l -> !l.heldBefore() && !l.kind().equals("table")).count();
        long held = locks.stream().filter(Lock::heldBefore).count();
        StringBuilder sb = new StringBuilder(taken.isEmpty() ? "no new table lock" : locks(taken));
        if (other > 0) sb.append(" (+").append(other).append(" on indexes and other relations)");
        if (held > 0) sb.append(" (+").append(held).append(" held from earlier statements)");
        return sb.toString();
    }

    private static String orNone(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 97) + "..." : line + (sql.strip().contains("\n") ? " ..." : "");
    }
}
