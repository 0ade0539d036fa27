package dev.tideline.lsp;

import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Planner;
import dev.tideline.rules.plan.PlannerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.ShowDocumentParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Workspace requests: the "plan this change" command, which opens the plan as a new document. */
final class Workspace implements WorkspaceService {
    static final String PLAN_COMMAND = "tideline.plan";

    private final MigrationDocuments documents;
    private volatile org.eclipse.lsp4j.services.LanguageClient client;

    Workspace(MigrationDocuments documents) {
        this.documents = documents;
    }

    void connect(org.eclipse.lsp4j.services.LanguageClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        if (!PLAN_COMMAND.equals(params.getCommand()) || params.getArguments().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String uri = String.valueOf(params.getArguments().get(0)).replaceAll("^\"|\"$", "");
        return CompletableFuture.<Object>supplyAsync(() -> {
            MigrationDocuments.Doc doc = documents.doc(uri);
            if (doc == null || doc.linted == null) return null;
            Plan plan = new Planner(PlannerOptions.defaults(doc.linted.result().analysis().version())).plan(doc.linted.result());
            try {
                Path out = Files.createTempDirectory("tideline-plan").resolve(doc.path().getFileName() + ".plan.md");
                Files.writeString(out, Explain.plan(plan, doc.path().getFileName().toString()));
                ShowDocumentParams show = new ShowDocumentParams(out.toUri().toString());
                show.setTakeFocus(true);
                if (client != null) client.showDocument(show);
                return out.toUri().toString();
            } catch (IOException e) {
                return null;
            }
        });
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // tideline.yaml is read on every lint: nothing is cached from the client's settings
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // earlier migrations are read from disk on every lint
    }
}
