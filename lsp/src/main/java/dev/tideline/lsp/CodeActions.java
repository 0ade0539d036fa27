package dev.tideline.lsp;

import dev.tideline.analyzer.changelog.ChangelogNames;
import dev.tideline.rules.Finding;
import dev.tideline.rules.TextFix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CreateFile;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ResourceOperation;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** The code actions on a range of a migration: its findings' structured fixes, suppressing one, planning the file. */
final class CodeActions {
    private CodeActions() {}

    static List<Either<Command, CodeAction>> of(MigrationDocuments.Doc doc, Range range) {
        List<Either<Command, CodeAction>> out = new ArrayList<>();
        Path path = doc.path();
        Set<Finding> suppressible = new LinkedHashSet<>();
        for (Finding f : doc.linted.result().findings()) {
            if (!MigrationDocuments.same(f.file(), path) || !touches(f, range)) continue;
            if (f.textFix() != null) {
                CodeAction fix = new CodeAction("tideline: " + f.textFix().title() + " (" + f.rule() + ")");
                fix.setKind(CodeActionKind.QuickFix);
                fix.setIsPreferred(true);
                fix.setEdit(edit(doc, f.textFix()));
                out.add(Either.forRight(fix));
            }
            suppressible.add(f);
        }
        if (!ChangelogNames.isChangelog(path)) {
            Set<String> done = new LinkedHashSet<>();
            for (Finding f : suppressible) {
                if (!done.add(f.rule() + "@" + f.line())) continue;
                CodeAction suppress = new CodeAction("tideline: suppress " + f.rule() + " here, with a reason");
                suppress.setKind(CodeActionKind.QuickFix);
                String line = doc.text.lines().skip(f.line() - 1).findFirst().orElse("");
                String indent = line.substring(0, line.length() - line.stripLeading().length());
                suppress.setEdit(new WorkspaceEdit(Map.of(doc.uri.toString(), List.of(new TextEdit(
                        new Range(new Position(f.line() - 1, 0), new Position(f.line() - 1, 0)),
                        indent + "-- tideline:ignore " + f.rule() + " because <say why this is safe here>" + lineEnd(doc.text))))));
                out.add(Either.forRight(suppress));
            }
        }
        CodeAction plan = new CodeAction("tideline: plan this change");
        plan.setKind(CodeActionKind.Empty);
        plan.setCommand(new Command("tideline: plan this change", Workspace.PLAN_COMMAND, List.of(doc.uri.toString())));
        out.add(Either.forRight(plan));
        return out;
    }

    private static boolean touches(Finding f, Range range) {
        int line = f.line() - 1;
        return line >= range.getStart().getLine() - 0 && line <= range.getEnd().getLine()
                || f.statement() != null && line <= range.getStart().getLine()
                   && line + f.statement().split("\n", -1).length - 1 >= range.getStart().getLine();
    }

    /** The fix as a workspace edit: files it creates first, then the edits of each file (the open one at its version). */
    static WorkspaceEdit edit(MigrationDocuments.Doc doc, TextFix fix) {
        List<Either<TextDocumentEdit, ResourceOperation>> changes = new ArrayList<>();
        Map<Path, List<TextEdit>> byFile = new LinkedHashMap<>();
        for (dev.tideline.rules.TextEdit e : fix.edits()) {
            if (e.creates()) changes.add(Either.forRight(new CreateFile(e.file().toUri().toString())));
            String text = MigrationDocuments.same(e.file(), doc.path()) ? e.replacement().replace("\n", lineEnd(doc.text)) : e.replacement();
            byFile.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(new TextEdit(
                    new Range(new Position(e.line() - 1, e.column() - 1), new Position(e.endLine() - 1, e.endColumn() - 1)), text));
        }
        for (Map.Entry<Path, List<TextEdit>> f : byFile.entrySet()) {
            boolean open = MigrationDocuments.same(f.getKey(), doc.path());
            changes.add(Either.forLeft(new TextDocumentEdit(new VersionedTextDocumentIdentifier(
                    open ? doc.uri.toString() : f.getKey().toUri().toString(), open ? doc.version : null), f.getValue())));
        }
        return new WorkspaceEdit(changes);
    }

    private static String lineEnd(String text) {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }
}
