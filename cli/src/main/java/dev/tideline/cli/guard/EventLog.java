package dev.tideline.cli.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tideline.cli.guard.Watchdog.Blocker;
import dev.tideline.cli.guard.Watchdog.Intervention;
import dev.tideline.cli.guard.Watchdog.Queued;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * {@code --events FILE}: one JSON object per line, written as it happens (a CI job killed mid-run keeps what was
 * seen). Every object has {@code time} (ISO-8601), {@code elapsed_ms} (since the child started) and {@code event}:
 * {@code start}, {@code migration_session}, {@code cancel}, {@code terminate}, {@code exit}. SQL text passes
 * through {@code redact} first.
 */
public final class EventLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;
    private final UnaryOperator<String> redact;

    private EventLog(BufferedWriter out, UnaryOperator<String> redact) {
        this.out = out;
        this.redact = redact;
    }

    /** A log to {@code file}, or one that writes nothing when it is null. */
    public static EventLog open(Path file, UnaryOperator<String> redact) throws IOException {
        return new EventLog(file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8), redact);
    }

    public ObjectNode event(String name, long elapsedMs) {
        ObjectNode e = JSON.createObjectNode();
        e.put("time", Instant.now().toString());
        e.put("elapsed_ms", elapsedMs);
        e.put("event", name);
        return e;
    }

    public ObjectNode intervention(Intervention i) {
        ObjectNode e = event(i.action(), i.atMs());
        e.put("reason", i.reason());
        e.put("limit_ms", i.limitMs());
        e.put("pid", i.pid());
        e.put("application_name", i.applicationName());
        e.put("identified_by", i.identifiedBy().id);
        e.put("state", i.state());
        e.put("statement", redact.apply(i.statement()));
        e.put("statement_ms", i.statementMs());
        ArrayNode tables = e.putArray("tables");
        i.tables().forEach(tables::add);
        e.put("lock_mode", i.lockMode());
        e.put("awaiting_lock", i.awaiting());
        e.put("longest_queued_ms", i.longestQueuedMs());
        ArrayNode queued = e.putArray("queued");
        for (Queued q : i.queued()) {
            queued.addObject().put("pid", q.pid()).put("application_name", q.applicationName()).put("waited_ms", q.waitedMs())
                    .put("query", redact.apply(q.query()));
        }
        ArrayNode blockers = e.putArray("blockers");
        for (Blocker b : i.blockers()) {
            blockers.addObject().put("pid", b.pid()).put("application_name", b.applicationName()).put("state", b.state())
                    .put("transaction_ms", b.xactMs()).put("query", redact.apply(b.query()));
        }
        if (i.error() != null) e.put("error", i.error());
        return e;
    }

    public void write(ObjectNode event) {
        if (out == null) return;
        try {
            out.write(JSON.writeValueAsString(event));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the event log: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) out.close();
    }
}
