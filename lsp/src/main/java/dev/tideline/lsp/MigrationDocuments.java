package dev.tideline.lsp;

import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.changelog.ChangelogNames;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.rules.Finding;
import dev.tideline.rules.Severity;
import dev.tideline.api.TidelineException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * Open migrations: each change is linted after a pause in typing ({@code debounceMs}), one lint at a time, with the
 * buffer's text and the rest of its migration set from disk. A Liquibase XML/YAML/JSON changelog is read by Liquibase
 * from disk, so it is linted when opened and saved.
 */
final class MigrationDocuments implements TextDocumentService {
    /** An open document: its latest text, and the lint of some version of it. */
    static final class Doc {
        final URI uri;
        volatile String text;
        volatile int version;
        volatile LintAdapter.Linted linted;
        volatile ScheduledFuture<?> pending;

        Doc(URI uri, String text, int version) {
            this.uri = uri;
            this.text = text;
            this.version = version;
        }

        Path path() {
            return Path.of(uri);
        }
    }

    private final LintAdapter adapter;
    private final Map<URI, Doc> docs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService linting = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tideline-lint");
        t.setDaemon(true);
        return t;
    });
    private volatile LanguageClient client;
    private volatile int debounceMs = TidelineLanguageServer.DEFAULT_DEBOUNCE_MS;

    MigrationDocuments(LintAdapter adapter) {
        this.adapter = adapter;
    }

    void connect(LanguageClient client) {
        this.client = client;
    }

    void debounceMs(int ms) {
        debounceMs = Math.max(0, ms);
    }

    void close() {
        linting.shutdownNow();
    }

    Doc doc(String uri) {
        return docs.get(URI.create(uri));
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var d = params.getTextDocument();
        Doc doc = new Doc(URI.create(d.getUri()), d.getText(), d.getVersion());
        docs.put(doc.uri, doc);
        schedule(doc, 0);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        Doc doc = doc(params.getTextDocument().getUri());
        if (doc == null || params.getContentChanges().isEmpty()) return;
        doc.text = params.getContentChanges().get(params.getContentChanges().size() - 1).getText();
        doc.version = params.getTextDocument().getVersion();
        if (!ChangelogNames.isChangelog(doc.path())) schedule(doc, debounceMs);
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        Doc doc = doc(params.getTextDocument().getUri());
        if (doc == null) return;
        if (ChangelogNames.isChangelog(doc.path())) {
            try {
                doc.text = Files.readString(doc.path());
            } catch (java.io.IOException e) {
                return;
            }
        }
        schedule(doc, 0);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        Doc doc = docs.remove(URI.create(params.getTextDocument().getUri()));
        if (doc != null && doc.pending != null) doc.pending.cancel(false);
        if (client != null) client.publishDiagnostics(new PublishDiagnosticsParams(params.getTextDocument().getUri(), List.of()));
    }

    /** Lints after {@code delay} ms unless another change comes first (the pending lint is then replaced). */
    private void schedule(Doc doc, int delay) {
        ScheduledFuture<?> previous = doc.pending;
        if (previous != null) previous.cancel(false);
        doc.pending = linting.schedule(() -> lint(doc), delay, TimeUnit.MILLISECONDS);
    }

    private void lint(Doc doc) {
        String text = doc.text;
        int version = doc.version;
        List<Diagnostic> out = new ArrayList<>();
        try {
            doc.linted = adapter.lint(doc.path(), text);
            for (Finding f : doc.linted.result().findings()) {
                if (!same(f.file(), doc.path())) continue;
                Diagnostic d = new Diagnostic(range(f.line(), f.column(), statementAt(doc, f.line(), f.column())),
                        f.message() + (f.fix() == null ? "" : "\n\nInstead: " + f.fix()), severity(f.severity()), "tideline", f.rule());
                out.add(d);
            }
            if (doc.linted.file() != null) {
                for (var p : doc.linted.file().diagnostics()) {
                    out.add(new Diagnostic(range(Math.max(1, p.line()), Math.max(1, p.column()), null), p.message(),
                            p.severity() == dev.tideline.analyzer.source.Diagnostic.Severity.ERROR ? DiagnosticSeverity.Error
                                    : DiagnosticSeverity.Warning, "tideline", p.code()));
                }
            }
        } catch (TidelineException e) {
            out.add(new Diagnostic(range(1, 1, null), e.getMessage(), DiagnosticSeverity.Error, "tideline", "config"));
        } catch (RuntimeException e) {
            out.add(new Diagnostic(range(1, 1, null), "tideline could not analyse this file: " + e,
                    DiagnosticSeverity.Error, "tideline", "internal-error"));
        }
        if (client != null && docs.get(doc.uri) == doc) {
            client.publishDiagnostics(new PublishDiagnosticsParams(doc.uri.toString(), out, version));
        }
    }

    static boolean same(Path a, Path b) {
        return a != null && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** The top-level statement starting at this position in the last lint, or null. */
    private static SqlStatement statementAt(Doc doc, int line, int column) {
        if (doc.linted == null || doc.linted.file() == null) return null;
        for (AnalyzedStatement s : doc.linted.file().statements()) {
            if (s.statement().line() == line && s.statement().column() == column) return s.statement();
        }
        return null;
    }

    /** An LSP range (0-based) from a 1-based start to the end of the statement, or to the end of the start's line. */
    static Range range(int line, int column, SqlStatement s) {
        Position start = new Position(line - 1, column - 1);
        Position end = s == null ? new Position(line - 1, Integer.MAX_VALUE / 2) : new Position(s.endLine() - 1, s.endColumn());
        return new Range(start, end);
    }

    private static DiagnosticSeverity severity(Severity s) {
        return switch (s) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
        };
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return CompletableFuture.supplyAsync(() -> {
            Doc doc = doc(params.getTextDocument().getUri());
            LintAdapter.Linted linted = doc == null ? null : doc.linted;
            if (linted == null || linted.file() == null) return null;
            Position p = params.getPosition();
            for (AnalyzedStatement s : linted.file().statements()) {
                if (!contains(s.statement(), p)) continue;
                List<Finding> findings = linted.result().findings().stream().filter(f -> same(f.file(), doc.path())
                        && f.line() == s.statement().line() && f.column() == s.statement().column()).toList();
                String md = Explain.hover(s, linted.file(), linted.result().analysis().version().major(), findings);
                return new Hover(new MarkupContent(MarkupKind.MARKDOWN, md), range(s.statement().line(), s.statement().column(), s.statement()));
            }
            return null;
        });
    }

    static boolean contains(SqlStatement s, Position p) {
        int line = p.getLine() + 1;
        int column = p.getCharacter() + 1;
        boolean afterStart = line > s.line() || line == s.line() && column >= s.column();
        boolean beforeEnd = line < s.endLine() || line == s.endLine() && column <= s.endColumn() + 1;
        return afterStart && beforeEnd;
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return CompletableFuture.supplyAsync(() -> {
            Doc doc = doc(params.getTextDocument().getUri());
            if (doc == null || doc.linted == null) return List.of();
            return CodeActions.of(doc, params.getRange());
        });
    }
}
