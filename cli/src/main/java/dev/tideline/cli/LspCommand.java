package dev.tideline.cli;

import dev.tideline.lsp.TidelineLanguageServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tideline lsp}: the language server for editors, on stdin/stdout. */
@Command(name = "lsp",
        mixinStandardHelpOptions = true,
        description = {
                "Speaks the Language Server Protocol on stdin/stdout for .sql migrations and Liquibase changelogs:",
                "diagnostics as you type, hovers with each statement's locks and transaction, quick fixes, plans.",
                "Started by the editor (editors/vscode, Neovim, IntelliJ with LSP4IJ); see the README."})
final class LspCommand implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
        // the protocol owns the process's raw stdout: nothing else may write there
        return TidelineLanguageServer.run(new java.io.FileInputStream(java.io.FileDescriptor.in),
                new java.io.FileOutputStream(java.io.FileDescriptor.out));
    }
}
