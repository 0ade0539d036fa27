package dev.tideline.lsp;

import com.google.gson.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * {@code tideline lsp}: diagnostics, hovers and code actions for SQL migrations and Liquibase changelogs over the
 * Language Server Protocol (LSP4J, JSON-RPC on stdio).
 */
public final class TidelineLanguageServer implements LanguageServer, LanguageClientAware {
    /** How long typing must pause before a file is linted again, unless the client sets {@code debounceMs}. */
    static final int DEFAULT_DEBOUNCE_MS = 150;

    private final MigrationDocuments documents = new MigrationDocuments(new LintAdapter());
    private final Workspace workspace = new Workspace(documents);
    private volatile int exitCode = 1;
    private volatile Future<Void> listening;

    /**
     * Serves one client on these streams until it sends {@code exit} or closes them; returns the exit status the
     * protocol asks for (0 after a shutdown request, else 1).
     */
    public static int run(InputStream in, OutputStream out) throws InterruptedException {
        TidelineLanguageServer server = new TidelineLanguageServer();
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        server.listening = launcher.startListening();
        try {
            server.listening.get();
        } catch (ExecutionException | CancellationException e) {
            // the client went away, or sent exit
        }
        server.documents.close();
        return server.exitCode;
    }

    @Override
    public void connect(LanguageClient client) {
        documents.connect(client);
        workspace.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        if (params.getInitializationOptions() instanceof JsonObject o && o.has("debounceMs")) {
            documents.debounceMs(o.get("debounceMs").getAsInt());
        }
        ServerCapabilities caps = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Full);
        sync.setSave(new SaveOptions(false));
        caps.setTextDocumentSync(sync);
        caps.setHoverProvider(true);
        caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix, CodeActionKind.Empty)));
        caps.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(Workspace.PLAN_COMMAND)));
        return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("tideline")));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        documents.close();
        exitCode = 0;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        documents.close();
        if (listening != null) listening.cancel(true);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }
}
