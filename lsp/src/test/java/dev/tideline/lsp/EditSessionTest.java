package dev.tideline.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An editing session on a 1,000-statement migration replayed through the client: statements are made concurrent one
 * by one, in bursts faster than the debounce, and the diagnostics of the last version say exactly which are left.
 */
class EditSessionTest {
    private static final int STATEMENTS = 1000;

    @TempDir Path dir;

    @Test
    void aThousandStatementFileEditedStatementByStatement() throws Exception {
        Files.writeString(dir.resolve("V1__base.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, status text);\n");
        Path file = Files.writeString(dir.resolve("V2__many.sql"), "");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < STATEMENTS; i++) lines.add("CREATE INDEX i" + i + " ON orders (status);");
        Random random = new Random(18);
        List<Integer> edited = new ArrayList<>();
        try (LspClient client = new LspClient()) {
            client.initialize(dir, null);
            client.open(file, String.join("\n", lines) + "\n");
            PublishDiagnosticsParams first = client.awaitDiagnostics(file, p -> p.getVersion() == 1);
            assertEquals(STATEMENTS, count(first), "one finding per statement");

            int version = 1;
            for (int edit = 0; edit < 60; edit++) {
                int k = random.nextInt(STATEMENTS);
                if (!edited.contains(k)) edited.add(k);
                lines.set(k, "CREATE INDEX CONCURRENTLY IF NOT EXISTS i" + k + " ON orders (status);");
                client.change(file, ++version, String.join("\n", lines) + "\n");
                if (edit % 10 == 9) Thread.sleep(400); // a pause in typing: the server lints the version it has
            }
            int last = version;
            PublishDiagnosticsParams done = client.awaitDiagnostics(file, p -> p.getVersion() == last);
            assertEquals(STATEMENTS - edited.size(), count(done));
            for (var d : done.getDiagnostics()) {
                if (!"create-index-non-concurrent".equals(d.getCode().getLeft())) continue;
                assertTrue(!edited.contains(d.getRange().getStart().getLine()), "line " + d.getRange().getStart().getLine() + " was fixed");
            }
            Hover hover = client.server.getTextDocumentService().hover(new HoverParams(
                    new TextDocumentIdentifier(file.toUri().toString()), new Position(edited.get(0), 3))).get(30, TimeUnit.SECONDS);
            assertTrue(hover.getContents().getRight().getValue().contains("SHARE UPDATE EXCLUSIVE"), hover.toString());
        }
    }

    private static long count(PublishDiagnosticsParams p) {
        return p.getDiagnostics().stream().filter(d -> "create-index-non-concurrent".equals(d.getCode().getLeft())).count();
    }
}
