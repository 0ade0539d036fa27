package dev.tideline.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowDocumentParams;
import org.eclipse.lsp4j.ShowDocumentResult;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A real LSP client (LSP4J's launcher, JSON-RPC over pipes) talking to {@code tideline lsp} served on the other ends
 * of the pipes by {@link TidelineLanguageServer#run}, as an editor would over stdio.
 */
final class LspClient implements LanguageClient, AutoCloseable {
    final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
    final BlockingQueue<String> shown = new LinkedBlockingQueue<>();
    final LanguageServer server;
    final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final OutputStream toServer;

    LspClient() throws IOException {
        // NIO pipes: java.io's piped streams fail once a thread that wrote to them ends (LSP4J answers from pools)
        Pipe requests = Pipe.open();
        Pipe responses = Pipe.open();
        toServer = Channels.newOutputStream(requests.sink());
        InputStream serverIn = Channels.newInputStream(requests.source());
        OutputStream fromServer = Channels.newOutputStream(responses.sink());
        InputStream clientIn = Channels.newInputStream(responses.source());
        Thread serving = new Thread(() -> {
            try {
                exitCode.complete(TidelineLanguageServer.run(serverIn, fromServer));
            } catch (Throwable e) {
                exitCode.completeExceptionally(e);
            }
        }, "tideline-lsp-under-test");
        serving.setDaemon(true);
        serving.start();
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(this, clientIn, toServer);
        launcher.startListening();
        server = launcher.getRemoteProxy();
    }

    void initialize(Path root, Object options) throws Exception {
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        init.setRootUri(root.toUri().toString());
        init.setInitializationOptions(options);
        server.initialize(init).get(30, TimeUnit.SECONDS);
        server.initialized(new org.eclipse.lsp4j.InitializedParams());
    }

    void open(Path file, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(file.toUri().toString(), "sql", 1, text)));
    }

    void change(Path file, int version, String text) {
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(file.toUri().toString(), version),
                List.of(new TextDocumentContentChangeEvent(text))));
    }

    /** The next diagnostics published for {@code file} that match, waiting up to a minute. */
    PublishDiagnosticsParams awaitDiagnostics(Path file, Predicate<PublishDiagnosticsParams> matching) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < end) {
            PublishDiagnosticsParams p = diagnostics.poll(1, TimeUnit.SECONDS);
            if (p != null && p.getUri().equals(file.toUri().toString()) && matching.test(p)) return p;
        }
        throw new AssertionError("no matching diagnostics for " + file);
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        diagnostics.add(params);
    }

    @Override
    public CompletableFuture<ShowDocumentResult> showDocument(ShowDocumentParams params) {
        shown.add(params.getUri());
        return CompletableFuture.completedFuture(new ShowDocumentResult(true));
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void showMessage(MessageParams messageParams) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}

    @Override
    public void close() throws IOException {
        toServer.close();
    }
}
