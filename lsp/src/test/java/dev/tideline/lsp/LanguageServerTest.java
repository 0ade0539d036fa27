package dev.tideline.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tideline lsp} through a real LSP client over pipes: the protocol an editor speaks, end to end. */
class LanguageServerTest {
    private static final String BASE = "CREATE TABLE orders (id bigint PRIMARY KEY, status text, customer_id bigint);\n";
    private static final String INDEX = "CREATE INDEX orders_status_idx ON orders (status);\n";

    @TempDir Path dir;

    private static boolean has(PublishDiagnosticsParams p, String rule) {
        return p.getDiagnostics().stream().anyMatch(d -> d.getCode() != null && rule.equals(d.getCode().getLeft()));
    }

    @Test
    void initializeOpenChangeHoverCodeActionShutdown() throws Exception {
        Files.writeString(dir.resolve("V1__base.sql"), BASE);
        Path change = Files.writeString(dir.resolve("V2__index.sql"), "SELECT 1;\n"); // the buffer differs from the disk
        try (LspClient client = new LspClient()) {
            client.initialize(dir, null);
            client.open(change, INDEX);
            // orders is known from V1 on disk, the CREATE INDEX from the buffer
            PublishDiagnosticsParams opened = client.awaitDiagnostics(change, p -> has(p, "create-index-non-concurrent"));
            Diagnostic d = opened.getDiagnostics().stream().filter(x -> x.getCode().getLeft().equals("create-index-non-concurrent")).findFirst().orElseThrow();
            assertEquals(new Range(new Position(0, 0), new Position(0, INDEX.length() - 2)), d.getRange());

            client.change(change, 2, "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);\n");
            PublishDiagnosticsParams fixed = client.awaitDiagnostics(change, p -> p.getVersion() == 2);
            assertFalse(has(fixed, "create-index-non-concurrent"), fixed.toString());

            client.change(change, 3, INDEX);
            client.awaitDiagnostics(change, p -> p.getVersion() == 3 && has(p, "create-index-non-concurrent"));
            Hover hover = client.server.getTextDocumentService().hover(new HoverParams(
                    new TextDocumentIdentifier(change.toUri().toString()), new Position(0, 5))).get(30, TimeUnit.SECONDS);
            String md = hover.getContents().getRight().getValue();
            assertTrue(md.contains("| orders | SHARE | blocks writes |"), md);
            assertTrue(md.contains("runs in the transaction flyway wraps the migration in"), md);
            assertTrue(md.contains("create-index-non-concurrent"), md);

            List<CodeAction> actions = actions(client, change, d);
            CodeAction concurrently = actions.stream().filter(a -> a.getTitle().contains("add CONCURRENTLY")).findFirst().orElseThrow();
            TextDocumentEdit edit = concurrently.getEdit().getDocumentChanges().get(0).getLeft();
            assertEquals(3, edit.getTextDocument().getVersion());
            assertEquals("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);\n", apply(INDEX, edit.getEdits()));

            CodeAction suppress = actions.stream().filter(a -> a.getTitle().contains("suppress create-index-non-concurrent")).findFirst().orElseThrow();
            String suppressed = apply(INDEX, suppress.getEdit().getChanges().get(change.toUri().toString()));
            assertTrue(suppressed.startsWith("-- tideline:ignore create-index-non-concurrent because "), suppressed);

            CodeAction plan = actions.stream().filter(a -> a.getTitle().equals("tideline: plan this change")).findFirst().orElseThrow();
            Command command = plan.getCommand();
            Object planUri = client.server.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams(command.getCommand(), command.getArguments())).get(60, TimeUnit.SECONDS);
            String shown = client.shown.poll(10, TimeUnit.SECONDS);
            assertNotNull(shown, "the plan is opened as a document");
            assertEquals(String.valueOf(planUri).replace("\"", ""), shown);
            String planText = Files.readString(Path.of(URI.create(shown)));
            assertTrue(planText.contains("CREATE INDEX CONCURRENTLY"), planText);

            client.server.shutdown().get(30, TimeUnit.SECONDS);
            client.server.exit();
            assertEquals(0, client.exitCode.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFlywayFixCreatesTheScriptConfigurationInTheSameWorkspaceEdit() throws Exception {
        Files.writeString(dir.resolve("V1__base.sql"), BASE);
        Path change = Files.writeString(dir.resolve("V2__index.sql"), "");
        String text = "CREATE TABLE audit (id bigint);\r\n" + INDEX.replace("\n", "\r\n");
        try (LspClient client = new LspClient()) {
            client.initialize(dir, null);
            client.open(change, text);
            PublishDiagnosticsParams p = client.awaitDiagnostics(change, x -> has(x, "create-index-non-concurrent"));
            Diagnostic d = p.getDiagnostics().stream().filter(x -> x.getCode().getLeft().equals("create-index-non-concurrent")).findFirst().orElseThrow();
            CodeAction fix = actions(client, change, d).stream().filter(a -> a.getTitle().contains("CONCURRENTLY")).findFirst().orElseThrow();
            var changes = fix.getEdit().getDocumentChanges();
            assertTrue(changes.get(0).isRight(), "the .conf is created first: " + changes);
            assertEquals(change.toUri() + ".conf", ((org.eclipse.lsp4j.CreateFile) changes.get(0).getRight()).getUri());
            TextDocumentEdit conf = changes.get(1).getLeft();
            assertEquals("executeInTransaction=false\n", conf.getEdits().get(0).getNewText());
            TextDocumentEdit sql = changes.get(2).getLeft();
            assertEquals("CREATE TABLE audit (id bigint);\r\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);\r\n",
                    apply(text, sql.getEdits()));
        }
    }

    @Test
    void typingIsDebouncedAndTheLastVersionWins() throws Exception {
        Files.writeString(dir.resolve("V1__base.sql"), BASE);
        Path change = Files.writeString(dir.resolve("V2__index.sql"), "");
        try (LspClient client = new LspClient()) {
            JsonObject options = new JsonObject();
            options.addProperty("debounceMs", 300);
            client.initialize(dir, options);
            client.open(change, "");
            client.awaitDiagnostics(change, p -> p.getVersion() == 1);
            for (int v = 2; v <= 30; v++) client.change(change, v, INDEX.substring(0, Math.min(INDEX.length(), v * 2)));
            client.change(change, 31, INDEX);
            PublishDiagnosticsParams last = client.awaitDiagnostics(change, p -> p.getVersion() == 31);
            assertTrue(has(last, "create-index-non-concurrent"), last.toString());
            assertTrue(client.diagnostics.isEmpty() || client.diagnostics.size() < 5, "typing bursts are linted once, not 30 times");
        }
    }

    private static List<CodeAction> actions(LspClient client, Path file, Diagnostic d) throws Exception {
        List<CodeAction> out = new ArrayList<>();
        for (Either<Command, CodeAction> e : client.server.getTextDocumentService().codeAction(new CodeActionParams(
                new TextDocumentIdentifier(file.toUri().toString()), d.getRange(), new CodeActionContext(List.of(d))))
                .get(30, TimeUnit.SECONDS)) {
            if (e.isRight()) out.add(e.getRight());
        }
        return out;
    }

    /** Applies LSP edits to a text as an editor does (0-based lines and UTF-16 columns, last edit first). */
    static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparing((TextEdit e) -> e.getRange().getStart().getLine())
                .thenComparing(e -> e.getRange().getStart().getCharacter()).reversed());
        StringBuilder b = new StringBuilder(text);
        for (TextEdit e : sorted) b.replace(offset(text, e.getRange().getStart()), offset(text, e.getRange().getEnd()), e.getNewText());
        return b.toString();
    }

    private static int offset(String text, Position p) {
        int offset = 0;
        for (int line = 0; line < p.getLine(); line++) offset = text.indexOf('\n', offset) + 1;
        return offset + p.getCharacter();
    }
}
