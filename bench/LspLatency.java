import dev.tideline.lsp.TidelineLanguageServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * tideline lsp in a warm server: didChange -> publishDiagnostics on a 1,000-line migration after 200 earlier files,
 * and hover latency, through LSP4J's client over pipes (debounce 0, so the figure is the lint, not the pause).
 * Baseline in the same run: the first (cold) lint of the same file. Run by bench/lsp.sh:
 * {@code java -cp tideline.jar bench/LspLatency.java ROUNDS}.
 */
public final class LspLatency {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Path dir = Files.createTempDirectory("tideline-lsp-bench");
        for (int i = 1; i <= 200; i++) {
            Files.writeString(dir.resolve("V" + i + "__t" + i + ".sql"), "CREATE TABLE t" + i + " (id bigint PRIMARY KEY, a text, b integer);\n"
                    + "ALTER TABLE t" + i + " ADD COLUMN c timestamptz;\nCREATE INDEX t" + i + "_a_idx ON t" + i + " (a);\n");
        }
        Path file = Files.writeString(dir.resolve("V201__big.sql"), "");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) lines.add("ALTER TABLE t" + (i % 200 + 1) + " ADD COLUMN x" + i + " text;");
        BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
        Pipe requests = Pipe.open();
        Pipe responses = Pipe.open();
        InputStream serverIn = Channels.newInputStream(requests.source());
        OutputStream serverOut = Channels.newOutputStream(responses.sink());
        Thread serving = new Thread(() -> { try { TidelineLanguageServer.run(serverIn, serverOut); } catch (Exception e) { } });
        serving.setDaemon(true);
        serving.start();
        LanguageClient client = new LanguageClient() {
            public void publishDiagnostics(PublishDiagnosticsParams p) { published.add(p); }
            public void telemetryEvent(Object o) {}
            public void showMessage(MessageParams m) {}
            public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) { return CompletableFuture.completedFuture(null); }
            public void logMessage(MessageParams m) {}
        };
        var launcher = LSPLauncher.createClientLauncher(client, Channels.newInputStream(responses.source()), Channels.newOutputStream(requests.sink()));
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        com.google.gson.JsonObject options = new com.google.gson.JsonObject();
        options.addProperty("debounceMs", 0);
        init.setInitializationOptions(options);
        server.initialize(init).get();
        String uri = file.toUri().toString();
        long coldStart = System.nanoTime();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "sql", 1, String.join("\n", lines) + "\n")));
        await(published, 1);
        double cold = (System.nanoTime() - coldStart) / 1e6;
        long[] change = new long[rounds];
        for (int v = 2; v < rounds + 2; v++) {
            lines.set(v % 1000, "ALTER TABLE t" + (v % 200 + 1) + " ADD COLUMN y" + v + " text NOT NULL DEFAULT 'x';");
            long start = System.nanoTime();
            server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, v),
                    List.of(new TextDocumentContentChangeEvent(String.join("\n", lines) + "\n"))));
            await(published, v);
            change[v - 2] = System.nanoTime() - start;
        }
        long[] hover = new long[rounds * 5];
        for (int i = 0; i < hover.length; i++) {
            long start = System.nanoTime();
            server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), new Position((i * 37) % 1000, 5))).get();
            hover[i] = System.nanoTime() - start;
        }
        System.out.printf("load average %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf("cold first lint (baseline)   %8.1f ms%n", cold);
        System.out.printf("didChange -> diagnostics     median %6.1f ms  p90 %6.1f ms  (%.2f of the cold lint)%n",
                median(change), p90(change), median(change) / cold);
        System.out.printf("hover                        median %6.1f ms  p90 %6.1f ms%n", median(hover), p90(hover));
        server.shutdown().get();
        server.exit();
    }

    private static void await(BlockingQueue<PublishDiagnosticsParams> q, int version) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = q.poll(2, TimeUnit.MINUTES);
            if (p == null) throw new IllegalStateException("no diagnostics for version " + version);
            if (p.getVersion() != null && p.getVersion() == version) return;
        }
    }

    private static double median(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    private static double p90(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[(int) (s.length * 0.9)] / 1e6;
    }
}
