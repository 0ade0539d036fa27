package dev.tideline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder so the command tree compiles; replaced by its owner's implementation.
@Command(name = "lint", description = "(not built yet)")
final class LintCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tideline lint: not built yet");
        return 2;
    }
}
